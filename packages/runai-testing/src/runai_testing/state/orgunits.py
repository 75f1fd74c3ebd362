"""Clusters, node pools, departments and projects.

A fresh simulator has one cluster (``cluster-1``); every cluster, that one and those created
later, comes with a ``default`` node pool and a ``default`` department, as in Run:ai, so a
script can create a project straight away (a project without ``parentId`` goes under the
default department of its cluster). New projects and node pools are ``Creating`` for
``phase_delay`` seconds, then ``Ready``; the defaults are ``Ready`` from the start.
"""

from __future__ import annotations

import uuid
from typing import Any, Dict, Optional

from runai_testing.state.base import Call, World
from runai_testing.state.crud import Crud, CrudSpec, Prepared, Routes
from runai_testing.state.phases import CREATING, READY, Settling
from runai_testing.synthesis import now_iso
from runai_testing.validation import InvalidRequest

CLUSTERS = "/api/v1/clusters"
NODE_POOLS = "/api/v1/node-pools"
DEPARTMENTS = "/api/v1/org-unit/departments"
PROJECTS = "/api/v1/org-unit/projects"


def _body(call: Call) -> Dict[str, Any]:
    return call.body if isinstance(call.body, dict) else {}


def cluster(world: World, cluster_id: Any) -> Dict[str, Any]:
    """The cluster with this uuid, or a 400 naming ``clusterId``."""
    found = world.collection("clusters").get(str(cluster_id))
    if found is None:
        raise InvalidRequest(f"clusterId: cluster {cluster_id} does not exist")
    return found


def _new_cluster(world: World, call: Call) -> Prepared:
    return {"uuid": str(uuid.uuid4()), "tenantId": 1, "status": {"state": "Connected"}}


def _new_node_pool(world: World, call: Call) -> Prepared:
    owner = cluster(world, _body(call).get("clusterId"))
    return {
        "id": world.next_id(),
        "clusterName": owner["name"],
        "tenantId": 1,
        "createdBy": "runai-testing",
        "updatedBy": "runai-testing",
        "isDefault": False,
        "phase": CREATING,
    }


def _new_department(world: World, call: Call) -> Prepared:
    cluster(world, _body(call).get("clusterId"))
    ident = world.new_id(DEPARTMENTS, "departments")
    return {"id": ident, "description": _body(call).get("description", "")}


def _new_project(world: World, call: Call) -> Prepared:
    body = _body(call)
    owner = cluster(world, body.get("clusterId"))
    parent_id = body.get("parentId")
    departments = world.collection("departments")
    if parent_id is None:
        parent = default_department(world, owner["uuid"])
        parent_id = parent["id"] if parent else None
    elif str(parent_id) not in departments:
        raise InvalidRequest(f"parentId: department {parent_id} does not exist")
    project_id = world.new_id(PROJECTS, "projects")
    name = body.get("name")
    return {
        "id": project_id,
        "parentId": parent_id,
        "description": body.get("description", ""),
        "enforceRunaiScheduler": body.get("enforceRunaiScheduler", True),
        "status": {"phase": CREATING, "namespace": f"runai-{name}"},
    }


def default_department(world: World, cluster_id: str) -> Optional[Dict[str, Any]]:
    for department in world.collection("departments").values():
        if department.get("clusterId") == cluster_id and department.get("name") == "default":
            return department
    return None


SPECS = (
    CrudSpec("cluster", "clusters", CLUSTERS, "clusterUuid", "uuid", None, (), _new_cluster),
    CrudSpec(
        "node pool", "nodepools", NODE_POOLS, "nodepoolId", "id", "nodepools",
        ("clusterId",), _new_node_pool,
    ),
    CrudSpec(
        "department", "departments", DEPARTMENTS, "departmentId", "id", "departments",
        ("clusterId",), _new_department,
    ),
    CrudSpec(
        "project", "projects", PROJECTS, "projectId", "id", "projects",
        ("clusterId",), _new_project,
    ),
)  # fmt: skip


class Clusters(Crud):
    def created(self, obj: Dict[str, Any]) -> None:
        add_defaults(self.world, obj)


def register(world: World, routes: Routes) -> None:
    Clusters(world, SPECS[0]).register(routes)
    node_pools(world).register(routes)
    Crud(world, SPECS[2]).register(routes)
    Settling(world, SPECS[3], ("status", "phase")).register(routes)


def node_pools(world: World) -> Crud:
    return Settling(world, SPECS[1], ("phase",))


def seed(world: World) -> None:
    """One connected cluster with its default node pool and default department."""
    now = now_iso()
    stamps = {"createdAt": now, "updatedAt": now}
    clusters = Crud(world, SPECS[0])
    created = clusters.insert(
        world.build(
            world.schema("POST", CLUSTERS),
            stamps,
            {
                "uuid": str(uuid.uuid4()),
                "name": "cluster-1",
                "tenantId": 1,
                "status": {"state": "Connected"},
            },
        )
    )
    add_defaults(world, created)


def add_defaults(world: World, owner: Dict[str, Any]) -> None:
    """The ``default`` node pool and department of a new cluster."""
    now = now_iso()
    common = {"createdAt": now, "updatedAt": now, "clusterId": owner["uuid"]}
    node_pools(world).insert(
        world.build(
            world.schema("POST", NODE_POOLS),
            common,
            {
                "id": world.next_id(),
                "name": "default",
                "clusterName": owner["name"],
                "labelKey": "run.ai/node-pool",
                "labelValue": "default",
                "isDefault": True,
                "phase": READY,
                "tenantId": 1,
                "createdBy": "runai-testing",
                "updatedBy": "runai-testing",
            },
        )
    )
    Crud(world, SPECS[2]).insert(
        world.build(
            world.schema("POST", DEPARTMENTS),
            common,
            {
                "id": world.new_id(DEPARTMENTS, "departments"),
                "name": "default",
                "description": "",
                "resources": [],
            },
        )
    )
