"""Serve a model: submit an inference workload with a serving port, wait until Running, read
its endpoint settings back, delete it.

    RUNAI_BASE_URL=... RUNAI_CLIENT_ID=... RUNAI_CLIENT_SECRET=... python examples/inference.py
"""

from __future__ import annotations

from common import POLL, TIMEOUT, cluster_id, temporary_project, unique
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient


def main() -> None:
    with RunaiClient(ApiClient(Configuration.from_env())) as client:
        cluster = cluster_id(client)
        inferences = client.workloads.inferences
        with temporary_project(client, cluster, "inference-example") as project:
            inference = inferences.create_inference1(
                {
                    "name": unique("llm"),
                    "projectId": project["id"],
                    "clusterId": cluster,
                    "spec": {
                        "image": "vllm/vllm-openai:latest",
                        "args": "--model facebook/opt-125m",
                        "compute": {"gpuDevicesRequest": 1},
                        "servingPort": {"container": 8000, "protocol": "http"},
                        "autoscaling": {"minReplicas": 1, "maxReplicas": 2},
                    },
                }
            ).data
            workload_id = inference["workloadId"]
            print(f"submitted inference {inference['name']} in project {project['name']}")
            running = inferences.wait_until_running(
                workload_id, timeout=TIMEOUT, poll_interval=POLL
            )
            print(f"phase: {running.actual_phase}")

            spec = inferences.get_inference(workload_id).data["spec"]
            scaling = spec["autoscaling"]
            print(
                f"serving port {spec['servingPort']['container']}/{spec['servingPort']['protocol']}"
                f", replicas {scaling['minReplicas']}-{scaling['maxReplicas']}"
            )

            inferences.delete_inference(workload_id)
            inferences.wait_until_deleted(workload_id, timeout=TIMEOUT, poll_interval=POLL)
            print(f"deleted inference {inference['name']}")


if __name__ == "__main__":
    main()
