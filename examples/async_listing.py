"""An inventory with ``AsyncApiClient``: clusters, node pools, departments, projects and
workloads are fetched concurrently, and every page of each (possibly long) list is fetched by
iterating the answer (``async for``), each page when the previous one is used up: ``.data``
would hold the first page only.

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
            orgs.node_pools.get_nodepools(limit=PAGE),
            orgs.departments.get_departments(limit=PAGE),
            all_projects(client),
            client.workloads.workloads.get_workloads(limit=PAGE),
        )
        print(f"clusters: {', '.join(c['name'] for c in clusters.data)}")
        pool_names = [str(pool.name) async for pool in pools]
        print(f"node pools ({len(pool_names)}): {', '.join(pool_names)}")
        names = {str(d.id): str(d.name) async for d in departments}
        print(f"departments ({len(names)}): {', '.join(names.values())}")
        for project in projects:
            print(f"  project {project.name} in {names.get(str(project.parent_id), '-')}")
        print(f"workloads: {sum([1 async for _ in workloads])}")


if __name__ == "__main__":
    asyncio.run(main())
