"""The generator's waiter rules (tools/runai_codegen/waiters.py) on small specs written here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

TOOLS = str(Path(__file__).resolve().parents[2] / "tools")
if TOOLS not in sys.path:
    sys.path.insert(0, TOOLS)

from runai_codegen.inline import InlineResolver  # noqa: E402
from runai_codegen.operations import OperationBuilder, name_methods  # noqa: E402
from runai_codegen.spec import Spec  # noqa: E402
from runai_codegen.types import TypeBuilder  # noqa: E402
from runai_codegen.waiters import WaiterSpec, derive_waiters  # noqa: E402

PROJECT_PHASE = ["Creating", "Deleting", "Ready", "NotReady"]


def _get(schema: str) -> Dict[str, Any]:
    return {
        "operationId": f"get{schema}",
        "tags": ["Things"],
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
                },
            }
        },
    }


def _delete(status: str, name: str) -> Dict[str, Any]:
    return {
        "operationId": f"delete{name}",
        "tags": ["Things"],
        "responses": {status: {"description": "ok"}},
    }


def _waiters(tmp_path: Path, paths: Dict[str, Any], schemas: Dict[str, Any]) -> List[WaiterSpec]:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }
    file = tmp_path / "runai-2.99.json"
    file.write_text(json.dumps(document))
    spec = Spec(file)
    inline = InlineResolver(spec)
    types = TypeBuilder(inline.schemas)
    types.build_all()
    builder = OperationBuilder(spec, inline, types)
    ops = [builder.build(raw) for raw in spec.operations()]
    name_methods(ops)
    return derive_waiters(ops, inline.schemas)


def _thing(phase_enum: List[str], *, message: bool = True) -> Dict[str, Any]:
    status: Dict[str, Any] = {"phase": {"$ref": "#/components/schemas/ProjectPhase"}}
    if message:
        status["phaseMessage"] = {"type": "string"}
    return {
        "Thing": {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "status": {"type": "object", "properties": status},
            },
        },
        "ProjectPhase": {"type": "string", "enum": phase_enum},
    }


def test_a_phase_under_status_gives_ready_and_deleted(tmp_path: Path) -> None:
    paths = {"/api/v1/things/{id}": {"get": _get("Thing"), "delete": _delete("204", "Thing")}}
    ready, deleted = _waiters(tmp_path, paths, _thing(PROJECT_PHASE))
    assert (ready.method, ready.resource) == ("wait_until_ready", "thing")
    assert ready.phase_path == ("status", "phase")
    assert ready.message_path == ("status", "phaseMessage")
    assert (ready.success, ready.failure) == (("Ready",), ("Deleting",))
    assert ready.waiting == ("Creating", "NotReady")
    assert deleted.method == "wait_until_deleted" and deleted.until_deleted
    assert deleted.failure == () and deleted.success == ()


def test_without_a_phase_only_an_asynchronous_delete_gets_a_waiter(tmp_path: Path) -> None:
    plain = {"Plain": {"type": "object", "properties": {"id": {"type": "string"}}}}
    paths = {
        "/api/v1/plains/{id}": {"get": _get("Plain"), "delete": _delete("202", "Plain")},
        "/api/v1/others/{id}": {
            "get": {**_get("Plain"), "operationId": "getOther"},
            "delete": _delete("204", "Other"),
        },
    }
    (only,) = _waiters(tmp_path, paths, plain)
    assert (only.method, only.resource, only.phase_path) == ("wait_until_deleted", "plain", ())


def test_several_resources_in_one_group_are_named(tmp_path: Path) -> None:
    schemas = _thing(PROJECT_PHASE)
    paths = {
        "/api/v1/things/{id}": {"get": _get("Thing")},
        "/api/v1/node-pools/{id}": {"get": {**_get("Thing"), "operationId": "getPool"}},
    }
    names = [w.method for w in _waiters(tmp_path, paths, schemas)]
    assert names == [
        "wait_until_thing_ready",
        "wait_until_thing_deleted",
        "wait_until_node_pool_ready",
        "wait_until_node_pool_deleted",
    ]


def test_a_renamed_success_phase_stops_generation(tmp_path: Path) -> None:
    paths = {"/api/v1/things/{id}": {"get": _get("Thing")}}
    with pytest.raises(SystemExit, match="Ready"):
        _waiters(tmp_path, paths, _thing(["Creating", "Deleting", "Healthy"]))


def test_failure_phases_an_older_enum_lacks_are_left_out(tmp_path: Path) -> None:
    paths = {"/api/v1/things/{id}": {"get": _get("Thing")}}
    ready = _waiters(tmp_path, paths, _thing(["Creating", "Ready"], message=False))[0]
    assert (ready.success, ready.failure, ready.message_path) == (("Ready",), (), ())
