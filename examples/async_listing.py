"""An inventory with ``AsyncApiClient``: clusters, node pools, departments, projects and
workloads are fetched concurrently, and every page of the (possibly long) project list is
followed with ``offset``/``limit`` and the ``next`` the server returns.

    RUNAI_BASE_URL=... RUNAI_CLIENT_ID=... RUNAI_CLIENT_SECRET=... python examples/async_listing.py
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

from runai.api_client import AsyncApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient

PAGE = 20


async def all_projects(client: RunaiClient) -> List[Dict[str, Any]]:
    """Follow ``next`` until the server stops sending it."""
    projects: List[Dict[str, Any]] = []
    offset = 0
    pages = 0
    while True:
        page = await client.organizations.projects.get_projects(offset=offset, limit=PAGE)
        pages += 1
        projects.extend(page.data["projects"])
        if page.data.get("next") is None:
            print(f"projects: {len(projects)} in {pages} page(s) of up to {PAGE}")
            return projects
        offset = page.data["next"]


async def main() -> None:
    async with RunaiClient(AsyncApiClient(Configuration.from_env())) as client:
        orgs = client.organizations
        clusters, pools, departments, projects, workloads = await asyncio.gather(
            orgs.clusters.get_clusters(),
            orgs.node_pools.get_nodepools(),
            orgs.departments.get_departments(),
            all_projects(client),
            client.workloads.workloads.get_workloads(),
        )
        print(f"clusters: {', '.join(c['name'] for c in clusters.data)}")
        print(f"node pools: {', '.join(p['name'] for p in pools.data['nodepools'])}")
        names = {d["id"]: d["name"] for d in departments.data["departments"]}
        print(f"departments: {', '.join(names.values())}")
        for project in projects:
            print(f"  project {project['name']} in {names.get(project.get('parentId'), '-')}")
        print(f"workloads: {len(workloads.data['workloads'])}")


if __name__ == "__main__":
    asyncio.run(main())
