"""Data volumes: a project's PVC shared with other scopes.

A new data volume must name an existing project, whose cluster and department it takes; it is
``Creating`` (the cluster copies the PVC) for ``phase_delay`` seconds, then ``Ready``.
"""

from __future__ import annotations

import uuid
from typing import Any, Dict

from runai_testing.state.base import Call, World
from runai_testing.state.crud import CrudSpec, Prepared, Routes
from runai_testing.state.phases import CREATING, Settling
from runai_testing.validation import InvalidRequest

DATAVOLUMES = "/api/v1/datavolumes"


def _new_datavolume(world: World, call: Call) -> Prepared:
    body: Dict[str, Any] = call.body if isinstance(call.body, dict) else {}
    project = world.collection("projects").get(str(body.get("projectId")))
    if project is None:
        raise InvalidRequest(f"projectId: project {body.get('projectId')} does not exist")
    return {
        "id": str(uuid.uuid4()),
        "projectName": project["name"],
        "clusterId": project["clusterId"],
        "departmentId": str(project.get("parentId")),
        "createdBy": "runai-testing",
        "updatedBy": "runai-testing",
        "status": {"phase": CREATING},
    }


SPEC = CrudSpec(
    "datavolume",
    "datavolumes",
    DATAVOLUMES,
    "datavolumeId",
    list_key="datavolumes",
    new_object=_new_datavolume,
)


def register(world: World, routes: Routes) -> None:
    Settling(world, SPEC, ("status", "phase")).register(routes)
