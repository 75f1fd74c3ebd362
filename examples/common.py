"""What the examples share: a cluster to work in, unique names, a throwaway project, and how
long to wait for a workload. Not part of runapy; copy what you need."""

from __future__ import annotations

import contextlib
import os
import uuid
from typing import Any, Dict, Generator

from runai.api_client import ApiClient
from runai.runai_client import RunaiClient

TIMEOUT = 300.0  # seconds to wait for a phase, or for a deletion to finish
POLL = 0.2  # seconds before the first re-read of the phase (the pauses grow from there)


def unique(prefix: str) -> str:
    """Names must be unique per cluster; a suffix keeps reruns from colliding."""
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def cluster_id(client: RunaiClient[ApiClient]) -> str:
    """``RUNAI_CLUSTER_ID``, or the first cluster of the tenant."""
    if os.environ.get("RUNAI_CLUSTER_ID"):
        return os.environ["RUNAI_CLUSTER_ID"]
    return str(client.organizations.clusters.get_clusters().data[0]["uuid"])


@contextlib.contextmanager
def temporary_project(
    client: RunaiClient[ApiClient], cluster: str, prefix: str
) -> Generator[Dict[str, Any], None, None]:
    """A project to submit workloads to, deleted afterwards."""
    project = client.organizations.projects.create_project(
        {"name": unique(prefix), "clusterId": cluster, "resources": []}
    ).data
    try:
        yield project
    finally:
        client.organizations.projects.delete_project(project["id"])
