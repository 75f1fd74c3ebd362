"""Quickstart: a department, a project and a training, from submission to Running, then cleanup.

    python examples/quickstart.py        # or: hatch run demo

With ``RUNAI_BASE_URL`` and ``RUNAI_CLIENT_ID``/``RUNAI_CLIENT_SECRET`` (or
``RUNAI_BEARER_TOKEN``) set, it talks to that control plane; otherwise it starts the local
simulator from ``runai-testing`` so that it runs on any machine. Everything it creates is named
``quickstart-<random>`` and deleted at the end, even when a step fails.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import uuid
from typing import Any, Generator, List

from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from runai.waiting import Progress

TIMEOUT = 300.0  # seconds to wait for Running, or for a deletion to finish
POLL = 0.2  # seconds before the first re-read of the phase (the pauses grow from there)


@contextlib.contextmanager
def connection() -> Generator[Configuration, None, None]:
    """The control plane named by the environment, or a local simulator when none is."""
    if os.environ.get("RUNAI_BASE_URL"):
        config = Configuration.from_env()
        print(f"Control plane: {config.runai_base_url}")
        yield config
        return
    try:
        from runai_testing import ControlPlane
    except ImportError:
        sys.exit("Set RUNAI_BASE_URL and credentials, or `pip install runai-testing`.")
    with ControlPlane(phase_delay=0.5) as cp:
        print(f"Control plane: local simulator at {cp.url} (Run:ai {cp.spec_version})")
        yield Configuration(
            client_id=cp.client_id, client_secret=cp.client_secret, runai_base_url=cp.url
        )


def run(client: RunaiClient[ApiClient], cleanup: contextlib.ExitStack) -> None:
    name = f"quickstart-{uuid.uuid4().hex[:6]}"
    cluster: Any = client.organizations.clusters.get_clusters().data[0]
    cluster_id = os.environ.get("RUNAI_CLUSTER_ID") or cluster["uuid"]
    print(f"Cluster: {cluster['name']} ({cluster_id})")

    department = client.organizations.departments.create_department(
        {"name": name, "clusterId": cluster_id, "resources": []}
    ).data
    cleanup.callback(client.organizations.departments.delete_department, department["id"])
    print(f"Created department {department['name']} (id {department['id']})")

    project = client.organizations.projects.create_project(
        {"name": name, "clusterId": cluster_id, "parentId": department["id"], "resources": []}
    ).data
    cleanup.callback(client.organizations.projects.delete_project, project["id"])
    print(f"Created project {project['name']} (id {project['id']})")

    training = client.workloads.trainings.create_training1(
        {
            "name": f"{name}-train",
            "projectId": project["id"],
            "clusterId": cluster_id,
            "spec": {"image": "python:3.11-slim", "command": "sleep", "args": "60"},
        }
    ).data
    workload_id = training["workloadId"]
    # A project can only be deleted once its workloads are gone: wait for that too.
    workloads = client.workloads.workloads
    cleanup.callback(workloads.wait_until_deleted, workload_id, timeout=TIMEOUT, poll_interval=POLL)
    cleanup.callback(client.workloads.trainings.delete_training, workload_id)
    print(f"Submitted training {training['name']} (id {workload_id})")

    phases: List[str] = []

    def seen(progress: Progress) -> None:
        if progress.phase:
            phases.append(progress.phase)

    started = time.monotonic()
    # Raises WaitFailedError on a failure phase, WaitTimeoutError (a TimeoutError) after TIMEOUT.
    workloads.wait_until_running(workload_id, timeout=TIMEOUT, poll_interval=POLL, on_progress=seen)
    elapsed = time.monotonic() - started
    print(f"Training phases: {' -> '.join(phases)} ({elapsed:.1f} s)")

    for workload in client.workloads.workloads.get_workloads(filter_by=[f"projectName=={name}"]):
        print(f"Workload in {name}: {workload.name} ({workload.type}, {workload.phase})")


def main() -> None:
    with connection() as config, RunaiClient(ApiClient(config)) as client:
        with contextlib.ExitStack() as cleanup:
            run(client, cleanup)
        print("Cleaned up: training, project and department deleted")


if __name__ == "__main__":
    main()
