"""An inventory with ``AsyncApiClient``: clusters, node pools, departments, projects and
workloads are fetched concurrently, and every page of the (possibly long) project list is
fetched by iterating the answer (``async for``), each page when the previous one is used up.

    RUNAI_BASE_URL=... RUNAI_CLIENT_ID=... RUNAI_CLIENT_SECRET=... python examples/async_listing.py
"""

from __future__ import annotations

import asyncio
from typing import List

from runai.api_client import AsyncApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from runai_organizations.models.project import Project

PAGE = 20


async def all_projects(client: RunaiClient[AsyncApiClient]) -> List[Project]:
    """Every project, page by page (``async for p in await get_projects()`` alone gives the
    projects; ``iter_pages()`` also shows the pages)."""
    projects: List[Project] = []
    pages = 0
    first = await client.organizations.projects.get_projects(limit=PAGE)
    async for page in first.iter_pages():
        pages += 1
        projects.extend(page.page_items())
    print(f"projects: {len(projects)} in {pages} page(s) of up to {PAGE}")
    return projects


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
            print(f"  project {project.name} in {names.get(project.parent_id, '-')}")
        print(f"workloads: {len(workloads.data['workloads'])}")


if __name__ == "__main__":
    asyncio.run(main())
