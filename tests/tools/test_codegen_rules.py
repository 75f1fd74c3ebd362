"""Unit tests of the generator's rules: the names users type, the types they see, and the
template's view of an operation."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Dict, Tuple

import pytest
from runai_codegen.inline import InlineResolver
from runai_codegen.naming import class_name, method_name, underscore
from runai_codegen.operations import Operation, OperationBuilder, name_methods, tag_operations
from runai_codegen.render import operation_view
from runai_codegen.spec import Spec
from runai_codegen.types import NamedType, TypeBuilder, assign_class_names

SPECS = Path(__file__).resolve().parents[2] / "specs"


@cache
def built(version: str) -> Tuple[Dict[str, Operation], TypeBuilder, Dict[str, NamedType]]:
    """Every operation of a spec by operation id, named as the generator names them."""
    spec = Spec(SPECS / f"runai-{version}.json")
    inline = InlineResolver(spec)
    types = TypeBuilder(inline.schemas)
    named = types.build_all()
    builder = OperationBuilder(spec, inline, types)
    by_tag = tag_operations([builder.build(raw) for raw in spec.operations()])
    for ops in by_tag.values():
        name_methods(ops)
    return {op.raw.operation_id: op for ops in by_tag.values() for op in ops}, types, named


@pytest.mark.parametrize(
    ("operation_id", "name"),
    [
        ("getAdminCLIReleaseByVersionChecksum", "get_admin_cli_release_by_version_checksum"),
        ("V1GetStorageClasses", "v1_get_storage_classes"),
        ("update_Secret_asset_by_id", "update_secret_asset_by_id"),
        ("get_projects", "get_projects"),
        ("create_training1", "create_training1"),
    ],
)
def test_method_names_follow_runapy(operation_id: str, name: str) -> None:
    assert method_name(operation_id) == name


def test_underscore_splits_acronyms_like_openapi_generator() -> None:
    assert underscore("NVIDIANIMApi") == "nvidianim_api"
    assert underscore("Researcher Command Line Interface") == "researcher_command_line_interface"


def test_a_deprecated_duplicate_takes_the_suffix_not_the_current_endpoint() -> None:
    ops, _, _ = built("2.24")
    current = ops["get_projects"]
    assert current.name == "get_projects" and current.raw.path == "/api/v1/org-unit/projects"
    deprecated = [op for op in ops.values() if op.name == "get_projects_0"]
    assert [op.raw.path for op in deprecated] == ["/v1/k8s/clusters/{clusterId}/projects"]


def test_case_colliding_schemas_keep_distinct_classes() -> None:
    names = assign_class_names(["Department", "department", "cluster"])
    assert names == {"Department": "Department", "department": "department", "cluster": "Cluster"}
    assert class_name("DistributedInferenceServingPortRules-2") == (
        "DistributedInferenceServingPortRules2"
    )


@pytest.mark.parametrize(
    ("schema", "code"),
    [
        ({"type": "string", "format": "date-time"}, "datetime"),
        ({"type": "array", "items": {"type": "integer"}}, "List[int]"),
        ({"type": "string", "enum": ["a", "b"]}, "Literal['a', 'b']"),
        ({"type": "object", "additionalProperties": {"type": "string"}}, "Dict[str, str]"),
        ({"$ref": "#/components/schemas/Project"}, "Project"),
        ({"type": "string", "nullable": True}, "str"),
    ],
)
def test_types_of_schemas(schema: Dict[str, object], code: str) -> None:
    _, types, _ = built("2.24")
    assert types.type_of(schema).code == code


def test_view_of_an_operation_is_all_the_template_needs() -> None:
    ops, types, named = built("2.24")
    op = ops["get_project"]
    paths = {name: f"pkg.mod:{cls}" for name, cls in types.class_names.items()}
    view = operation_view(op, paths, types.class_names, named)
    assert (view.http_method, view.path) == ("GET", "/api/v1/org-unit/projects/{projectId}")
    assert view.path_args == (("projectId", "project_id"),)
    assert view.signature[0].name == "project_id" and view.signature[0].required
    assert view.returns == "Project"
    assert [r.status for r in view.responses] == [200]
