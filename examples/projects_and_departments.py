"""Departments and projects: create a department with a GPU quota and two projects under it,
find them with ``filter_by``, change a quota, read it back, and delete everything.

    RUNAI_BASE_URL=... RUNAI_CLIENT_ID=... RUNAI_CLIENT_SECRET=... \
        python examples/projects_and_departments.py
"""

from __future__ import annotations

import contextlib
from typing import Any, Dict, List

from common import cluster_id, unique
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient


def gpu_quota(node_pool: Dict[str, Any], gpus: float) -> List[Dict[str, Any]]:
    """The ``resources`` of an org unit: a deserved GPU quota on one node pool."""
    pool = {"id": node_pool["id"], "name": node_pool["name"]}
    return [{"nodePool": pool, "gpu": {"deserved": gpus}}]


def main() -> None:
    with RunaiClient(ApiClient(Configuration.from_env())) as client:
        orgs = client.organizations
        cluster = cluster_id(client)
        pools = orgs.node_pools.get_nodepools(filter_by=[f"clusterId=={cluster}"]).data
        pool = next((p for p in pools["nodepools"] if p.get("isDefault")), pools["nodepools"][0])

        with contextlib.ExitStack() as cleanup:
            department = orgs.departments.create_department(
                {"name": unique("research"), "clusterId": cluster, "resources": gpu_quota(pool, 8)}
            ).data
            cleanup.callback(orgs.departments.delete_department, department["id"])
            print(f"department {department['name']} (id {department['id']}): 8 GPUs")

            created: List[Dict[str, Any]] = []
            for team, gpus in (("vision", 4), ("speech", 2)):
                project = orgs.projects.create_project(
                    {
                        "name": unique(team),
                        "clusterId": cluster,
                        "parentId": department["id"],
                        "resources": gpu_quota(pool, gpus),
                    }
                ).data
                cleanup.callback(orgs.projects.delete_project, project["id"])
                created.append(project)
                print(f"project {project['name']} (id {project['id']}): {gpus} GPUs")

            found = orgs.projects.get_projects(filter_by=[f"parentId=={department['id']}"])
            names = sorted(str(p.name) for p in found)
            print(f"projects in {department['name']}: {', '.join(names)}")

            vision = created[0]
            orgs.projects.update_project(
                vision["id"], {"description": "more GPUs", "resources": gpu_quota(pool, 6)}
            )
            read_back = orgs.projects.get_project(vision["id"]).data
            quota = read_back["resources"][0]["gpu"]["deserved"]
            print(
                f"project {read_back['name']} now has {quota:g} GPUs ({read_back['description']})"
            )
        print(f"deleted {len(created)} projects and department {department['name']}")


if __name__ == "__main__":
    main()
