"""An interactive workspace (Jupyter): submit it, wait until Running, list the project's
workloads, delete it.

    RUNAI_BASE_URL=... RUNAI_CLIENT_ID=... RUNAI_CLIENT_SECRET=... python examples/workspace.py
"""

from __future__ import annotations

from common import POLL, TIMEOUT, cluster_id, temporary_project, unique
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient


def main() -> None:
    with RunaiClient(ApiClient(Configuration.from_env())) as client:
        cluster = cluster_id(client)
        with temporary_project(client, cluster, "workspace-example") as project:
            workspace = client.workloads.workspaces.create_workspace1(
                {
                    "name": unique("notebook"),
                    "projectId": project["id"],
                    "clusterId": cluster,
                    "spec": {
                        "image": "jupyter/scipy-notebook",
                        "command": "start-notebook.sh",
                        "args": "--NotebookApp.base_url=/ --NotebookApp.token=''",
                        "compute": {"gpuDevicesRequest": 1, "cpuCoreRequest": 2},
                        "exposedUrls": [{"container": 8888, "toolType": "jupyter-notebook"}],
                    },
                }
            ).data
            workload_id = workspace["workloadId"]
            print(f"submitted workspace {workspace['name']} in project {project['name']}")
            running = client.workloads.workspaces.wait_until_running(
                workload_id, timeout=TIMEOUT, poll_interval=POLL
            )
            print(f"phase: {running.actual_phase}")

            listed = client.workloads.workloads.get_workloads(
                filter_by=[f"projectId=={project['id']}"]
            )
            for workload in listed:
                print(f"listed: {workload.name} ({workload.type}, {workload.phase})")

            client.workloads.workspaces.delete_workspace(workload_id)
            client.workloads.workspaces.wait_until_deleted(
                workload_id, timeout=TIMEOUT, poll_interval=POLL
            )
            print(f"deleted workspace {workspace['name']}")


if __name__ == "__main__":
    main()
