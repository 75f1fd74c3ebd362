"""What the examples share: a cluster to work in, unique names, a throwaway project, and waits
on a workload's phase. Not part of runapy; copy what you need."""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from typing import Any, Dict, Iterator

from runai.exceptions import NotFoundException
from runai.runai_client import RunaiClient

TIMEOUT = 300.0  # seconds to wait for a phase, or for a deletion to finish
POLL = 0.2  # seconds between two reads of the phase
# Phases after which waiting for another one is pointless (SPEC-NOTES: the spec names none).
TERMINAL = {"Failed", "Stopped", "Degraded", "Deleting", "Terminating", "Completed"}


def unique(prefix: str) -> str:
    """Names must be unique per cluster; a suffix keeps reruns from colliding."""
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def cluster_id(client: RunaiClient) -> str:
    """``RUNAI_CLUSTER_ID``, or the first cluster of the tenant."""
    if os.environ.get("RUNAI_CLUSTER_ID"):
        return os.environ["RUNAI_CLUSTER_ID"]
    return str(client.organizations.clusters.get_clusters().data[0]["uuid"])


@contextlib.contextmanager
def temporary_project(client: RunaiClient, cluster: str, prefix: str) -> Iterator[Dict[str, Any]]:
    """A project to submit workloads to, deleted afterwards."""
    project = client.organizations.projects.create_project(
        {"name": unique(prefix), "clusterId": cluster, "resources": []}
    ).data
    try:
        yield project
    finally:
        client.organizations.projects.delete_project(project["id"])


def wait_for_phase(client: RunaiClient, workload_id: str, wanted: str) -> str:
    """Poll the generic workload view (the one that carries ``phase``) until ``wanted``."""
    deadline = time.monotonic() + TIMEOUT
    phase = None
    while time.monotonic() < deadline:
        phase = client.workloads.workloads.get_workload(workload_id).data.get("phase")
        if phase == wanted:
            return phase
        if phase in TERMINAL:
            raise RuntimeError(f"workload {workload_id} is {phase}, not {wanted}")
        time.sleep(POLL)
    raise TimeoutError(f"workload {workload_id} still {phase} after {TIMEOUT:.0f} s")


def wait_until_gone(client: RunaiClient, workload_id: str) -> None:
    """Deletion is asynchronous; a project can only go once its workloads have."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            client.workloads.workloads.get_workload(workload_id)
        except NotFoundException:
            return
        time.sleep(POLL)
    raise TimeoutError(f"workload {workload_id} still exists after {TIMEOUT:.0f} s")
