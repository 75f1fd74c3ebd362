"""Bulk changes with ``ThreadedApiClient``: every call returns a future at once, and the calls
run in parallel on a pool of threads sharing one connection pool and one token.

Creates a batch of projects, lists them back, and deletes them, each step in parallel.

    RUNAI_BASE_URL=... RUNAI_CLIENT_ID=... RUNAI_CLIENT_SECRET=... \
        python examples/threaded_bulk.py [COUNT]
"""

from __future__ import annotations

import os
import sys
import time

from common import unique
from runai.api_client import ThreadedApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    config = Configuration.from_env(pool_maxsize=8)
    with RunaiClient(ThreadedApiClient(config)) as client:
        projects = client.organizations.projects
        clusters = client.organizations.clusters.get_clusters().result().data
        cluster = os.environ.get("RUNAI_CLUSTER_ID") or clusters[0]["uuid"]
        batch = unique("bulk")

        started = time.monotonic()
        futures = [
            projects.create_project(
                {"name": f"{batch}-{i:02d}", "clusterId": cluster, "resources": []}
            )
            for i in range(count)
        ]
        created = [future.result().data for future in futures]
        print(f"created {len(created)} projects in {time.monotonic() - started:.2f} s")

        listed = list(projects.get_projects(filter_by=[f"name=^{batch}-"]).result())
        print(f"listed {len(listed)} projects named {batch}-*")

        deletions = [projects.delete_project(project["id"]) for project in created]
        statuses = sorted({future.result().status_code for future in deletions})
        print(f"deleted {len(deletions)} projects (status {', '.join(map(str, statuses))})")


if __name__ == "__main__":
    main()
