"""Roles: the predefined set every Run:ai tenant has, read-only, so scripts can look a role up
by name (``get_roles_v1``) and access rules can refer to it by id."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Set, Tuple

from runai_testing.state.base import World
from runai_testing.state.crud import Crud, CrudSpec, Routes
from runai_testing.synthesis import now_iso

ROLES = "/api/v1/authorization/roles"
SPEC = CrudSpec("role", "roles", ROLES, "roleIdPath", name_field=None)

# resource type -> (permission group, display name)
RESOURCES = {
    "tenant": ("organization", "Account"),
    "department": ("organization", "Departments"),
    "project": ("organization", "Projects"),
    "cluster": ("physical-resource", "Clusters"),
    "nodepools": ("physical-resource", "Node pools"),
    "nodes": ("physical-resource", "Nodes"),
    "users": ("iam", "Users"),
    "roles": ("iam", "Roles"),
    "access_rules": ("iam", "Access rules"),
    "service-account": ("iam", "Service accounts"),
    "dashboards-overview": ("dashboard", "Overview dashboard"),
    "workloads": ("workload", "Workloads"),
    "environments": ("workload-asset", "Environments"),
    "compute-resources": ("workload-asset", "Compute resources"),
    "credentials": ("workload-asset", "Credentials"),
    "pvc-assets": ("workload-asset", "Data sources"),
    "templates": ("workload-asset", "Templates"),
}
ALL = "crud"
ASSETS = ("environments", "compute-resources", "credentials", "pvc-assets", "templates")
ORG = ("department", "project", "cluster", "nodepools", "nodes")
VIEW_ALL = {resource: "r" for resource in RESOURCES}

# (name, description, {resource type: actions as letters of "crud"}); the id is the position
PREDEFINED: Tuple[Tuple[str, str, Mapping[str, str]], ...] = (
    ("System administrator", "Manages everything in the tenant", {r: ALL for r in RESOURCES}),
    (
        "Department administrator",
        "Manages the departments and projects assigned to them, and who can use them",
        {**VIEW_ALL, "department": "ru", "project": ALL, "access_rules": ALL,
         "workloads": ALL, **{r: ALL for r in ASSETS}},
    ),
    (
        "Editor",
        "Manages departments, projects and node pools, and views every workload",
        {**VIEW_ALL, **{r: ALL for r in ORG}},
    ),
    (
        "Research manager",
        "Manages the projects assigned to them and the workloads and assets in them",
        {**VIEW_ALL, "project": "ru", "workloads": ALL, **{r: ALL for r in ASSETS}},
    ),
    (
        "L1 researcher",
        "Submits and manages workloads and their assets in the projects assigned to them",
        {"project": "r", "nodepools": "r", "dashboards-overview": "r", "workloads": ALL,
         **{r: ALL for r in ASSETS}},
    ),
    (
        "L2 researcher",
        "Submits and manages workloads, using the assets of the projects assigned to them",
        {"project": "r", "nodepools": "r", "workloads": ALL, **{r: "r" for r in ASSETS}},
    ),
    (
        "ML engineer",
        "Deploys and manages inference workloads in the projects assigned to them",
        {"project": "r", "nodepools": "r", "workloads": ALL, **{r: "r" for r in ASSETS}},
    ),
    ("Viewer", "Views everything in the scope assigned to them", VIEW_ALL),
    (
        "Department viewer",
        "Views the departments and projects assigned to them and their workloads",
        {"department": "r", "project": "r", "workloads": "r", "dashboards-overview": "r"},
    ),
    (
        "Environment administrator",
        "Manages environments",
        {"project": "r", "environments": ALL},
    ),
    (
        "Compute resource administrator",
        "Manages compute resources",
        {"project": "r", "compute-resources": ALL},
    ),
    (
        "Credentials administrator",
        "Manages credentials",
        {"project": "r", "credentials": ALL},
    ),
    (
        "Data source administrator",
        "Manages data sources",
        {"project": "r", "pvc-assets": ALL},
    ),
    (
        "Template administrator",
        "Manages workload templates",
        {"project": "r", "templates": ALL},
    ),
)  # fmt: skip
ACTIONS = {"c": "create", "r": "read", "u": "update", "d": "delete"}


def _permissions(grants: Mapping[str, str], known: Optional[Set[str]]) -> List[Dict[str, Any]]:
    """The permissions of ``grants`` on the resource types the version knows (``known``;
    ``None``: any)."""
    return [
        {
            "resourceType": resource,
            "groupId": RESOURCES[resource][0],
            "displayName": RESOURCES[resource][1],
            "actions": [ACTIONS[letter] for letter in letters],
        }
        for resource, letters in grants.items()
        if known is None or resource in known
    ]


def _resource_types(world: World) -> Optional[Set[str]]:
    """The ``resourceType`` values a role's permission may hold in this version."""
    doc = world.rules.document
    permissions = doc.properties(world.schema("GET", SPEC.item) or {}).get("permissions", {})
    items = doc.resolve(permissions).get("items", {})
    enum = doc.resolve(doc.properties(items).get("resourceType", {})).get("enum")
    return set(enum) if enum else None


def register(world: World, routes: Routes) -> None:
    roles = Crud(world, SPEC)
    routes[("GET", ROLES)] = roles.list
    routes[("GET", SPEC.item)] = roles.get


def seed(world: World) -> None:
    """The predefined roles, numbered from 1 in the order of :data:`PREDEFINED`."""
    now = now_iso()
    roles = Crud(world, SPEC)
    known = _resource_types(world)
    for number, (name, description, grants) in enumerate(PREDEFINED, start=1):
        roles.insert(
            world.build(
                world.schema("GET", SPEC.item),
                {
                    "id": number,
                    "name": name,
                    "description": description,
                    "permissions": _permissions(grants, known),
                    "createdAt": now,
                    "updatedAt": now,
                    "deletedAt": None,
                    "createdBy": "system",
                    "custom": False,
                    "enabled": True,
                    "effectiveEnabled": True,
                },
            )
        )


def by_id(world: World, role_id: Any) -> Optional[Dict[str, Any]]:
    """The role with this id, or ``None``."""
    return world.collection(SPEC.collection).get(str(role_id))
