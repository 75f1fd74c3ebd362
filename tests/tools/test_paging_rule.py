"""Which list operations page and how (SPEC-NOTES §5), read from parameters and answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Optional, Tuple

import pytest
from runai_codegen.paging import PagingShape, paging_shape
from runai_codegen.spec import Spec

SPECS = Path(__file__).resolve().parents[2] / "specs"
VERSIONS = ("2.18", "2.19", "2.20", "2.21", "2.22", "2.23", "2.24")

NEXT = "next"
LISTED_224 = {
    # {<plural>: [...], next}: 13
    "get_workloads": (NEXT, "workloads"),
    "list_pods": (NEXT, "pods"),
    "get_workload_pods": (NEXT, "pods"),
    "get_workload_events": (NEXT, "events"),
    "get_revision_events": (NEXT, "events"),
    "get_workload_history": (NEXT, "records"),
    "get_revision_history": (NEXT, "records"),
    "get_projects": (NEXT, "projects"),
    "get_departments": (NEXT, "departments"),
    "get_datavolumes": (NEXT, "datavolumes"),
    "list_applications": (NEXT, "applications"),
    "list_storage_class_configuration": (NEXT, "storageClassConfigurations"),
    "get_pvc_history": (NEXT, "records"),
    # {total, next, audit_logs}
    "getAuditLogs": ("total+next", "audit_logs"),
    # {entries, pagination: {nextOffset}}: 5 workload-template lists
    "list_templates1": ("pagination.nextOffset", "entries"),
    "list_workspace_templates": ("pagination.nextOffset", "entries"),
    "list_training_templates": ("pagination.nextOffset", "entries"),
    "list_distributed_templates": ("pagination.nextOffset", "entries"),
    "list_inference_templates": ("pagination.nextOffset", "entries"),
    # {totalRecords, displayRecords, accessRules}
    "get_access_rules": ("totalRecords", "accessRules"),
    # no continuation marker: {nodes} x2, {nodepools}, {reports}, and the bare user array
    "get_nodes": ("count", "nodes"),
    "get_tenant_nodes": ("count", "nodes"),
    "get_nodepools": ("count", "nodepools"),
    "list_reports": ("count", "reports"),
    "get_users": ("count", None),
}
"""SPEC-NOTES §5's 26 operations taking offset/limit, less me/access-rules (an object)."""


def shapes(version: str) -> Dict[str, PagingShape]:
    spec = Spec(SPECS / f"runai-{version}.json")
    found = {raw.operation_id: paging_shape(spec, raw) for raw in spec.operations()}
    return {op_id: shape for op_id, shape in found.items() if shape is not None}


def test_exactly_the_listed_operations_page_in_224() -> None:
    found = shapes("2.24")
    assert {k: (v.shape, v.items) for k, v in found.items()} == LISTED_224


DIFFERENT_BEFORE_224: Dict[str, Dict[str, Optional[Tuple[str, Optional[str]]]]] = {
    # getAuditLogs was the bare array of /v1/k8s/audit; 2.19 added today's audit log beside it
    "2.18": {
        "getAuditLogs": ("count", None),
        "get_nodes": None,
        "get_users": None,  # the user list took a filter only
    },
    "2.19": {
        "getAuditLogs": ("count", None),
        "getAuditLogs1": ("total+next", "audit_logs"),
        "get_nodes": None,
    },
    "2.20": {"get_nodes": None},  # the cluster's node list took no offset before 2.22
    "2.21": {"get_nodes": None},
}
"""Where an older spec pages differently from 2.24 (``None``: that operation does not page)."""


@pytest.mark.parametrize("version", VERSIONS[:-1])
def test_older_versions_page_the_same_operations_but_where_their_spec_differs(
    version: str,
) -> None:
    spec = Spec(SPECS / f"runai-{version}.json")
    present = {raw.operation_id for raw in spec.operations()}
    expected = {op_id: LISTED_224[op_id] for op_id in LISTED_224 if op_id in present}
    for op_id, shape in DIFFERENT_BEFORE_224.get(version, {}).items():
        if shape is None:
            del expected[op_id]
        else:
            expected[op_id] = shape
    assert {k: (v.shape, v.items) for k, v in shapes(version).items()} == expected


def test_me_access_rules_takes_offset_but_answers_no_list() -> None:
    spec = Spec(SPECS / "runai-2.24.json")
    raw = next(r for r in spec.operations() if r.operation_id == "get_me_access_rules")
    assert {"offset", "limit"} <= {p["name"] for p in spec.parameters(raw)}
    assert paging_shape(spec, raw) is None


def _one_operation(tmp_path: Path, params: list, answer: dict) -> Optional[PagingShape]:  # type: ignore[type-arg]
    doc = {
        "openapi": "3.0.3",
        "paths": {
            "/things": {
                "get": {
                    "operationId": "list_things",
                    "tags": ["Things"],
                    "parameters": params,
                    "responses": {"200": {"content": {"application/json": {"schema": answer}}}},
                }
            }
        },
    }
    path = tmp_path / "runai-9.99.json"
    path.write_text(json.dumps(doc))
    spec = Spec(path)
    return paging_shape(spec, next(spec.operations()))


def _query(name: str) -> dict:  # type: ignore[type-arg]
    return {"name": name, "in": "query", "schema": {"type": "integer"}}


LIST = {"type": "object", "properties": {"things": {"type": "array", "items": {}}}}


def test_a_limit_parameter_alone_does_not_make_an_operation_paged(tmp_path: Path) -> None:
    assert _one_operation(tmp_path, [_query("limit")], LIST) is None
    shape = _one_operation(tmp_path, [_query("offset"), _query("limit")], LIST)
    assert shape == PagingShape("offset", "limit", "things")


def test_an_answer_with_two_lists_is_not_paged(tmp_path: Path) -> None:
    two = {"type": "object", "properties": {"a": {"type": "array"}, "b": {"type": "array"}}}
    assert _one_operation(tmp_path, [_query("offset"), _query("limit")], two) is None
