"""Unit tests of the generator's rules: the names users type, the types they see, and the
templates' views, which are all a template may read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from runai_codegen.inline import InlineResolver
from runai_codegen.layout import (
    Category,
    Group,
    ModelModule,
    build_categories,
    model_modules,
    place_schemas,
)
from runai_codegen.naming import class_name, method_name, underscore
from runai_codegen.operations import Operation, OperationBuilder, name_methods, tag_operations
from runai_codegen.render import Renderer, operation_view
from runai_codegen.spec import Spec
from runai_codegen.types import NamedType, TypeBuilder, assign_class_names
from runai_codegen.view import WaiterView
from runai_codegen.waiters import derive_waiters, waiter_view

SPECS = Path(__file__).resolve().parents[2] / "specs"


@dataclass(frozen=True)
class Layout:
    inline: InlineResolver
    operations: Dict[str, Operation]
    types: TypeBuilder
    named: Dict[str, NamedType]
    categories: List[Category]
    modules: List[ModelModule]
    paths: Dict[str, str]


@cache
def laid_out(version: str) -> Layout:
    """A spec as ``tools/generate.py`` lays it out in packages, modules and classes."""
    spec = Spec(SPECS / f"runai-{version}.json")
    inline = InlineResolver(spec)
    types = TypeBuilder(inline.schemas)
    named = types.build_all()
    builder = OperationBuilder(spec, inline, types)
    by_tag = tag_operations([builder.build(raw) for raw in spec.operations()])
    for ops in by_tag.values():
        name_methods(ops)
    descriptions = {tag: spec.tag_description(tag) for tag in by_tag}
    categories = build_categories(spec.tag_groups(), by_tag, descriptions)
    modules = model_modules(named, place_schemas(categories, inline))
    paths = {n: f"{m.path}:{named[n].class_name}" for m in modules for n in m.members}
    operations = {op.raw.operation_id: op for ops in by_tag.values() for op in ops}
    return Layout(inline, operations, types, named, categories, modules, paths)


def built(version: str) -> Tuple[Dict[str, Operation], TypeBuilder, Dict[str, NamedType]]:
    """Every operation of a spec by operation id, named as the generator names them."""
    layout = laid_out(version)
    return layout.operations, layout.types, layout.named


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


def _group(layout: Layout, attr: str) -> Tuple[Category, Group]:
    return next((c, g) for c in layout.categories for g in c.groups if g.attr == attr)


def test_view_of_a_waiter_is_all_the_template_needs() -> None:
    layout = laid_out("2.24")
    _, projects = _group(layout, "projects")
    waiters = derive_waiters(projects.operations, layout.inline.schemas)
    views = [waiter_view(w, layout.types.class_names) for w in waiters]
    assert all(isinstance(v, WaiterView) for v in views)
    ready = next(v for v in views if v.method == "wait_until_ready")
    assert (ready.id_name, ready.id_wire, ready.returns) == ("project_id", "projectId", "Project")
    assert ready.phase_path == ("status", "phase") and "Ready" in ready.success


def test_the_templates_of_a_category_render_from_views(tmp_path: Path) -> None:
    """The category, group (with its waiters) and model templates, fed what the generator
    gives them, write the module a user imports."""
    layout = laid_out("2.24")
    category, projects = _group(layout, "projects")
    renderer = Renderer(tmp_path, "# header", "0.0.0")
    renderer.category_module(category)
    waiters = derive_waiters(projects.operations, layout.inline.schemas)
    named = layout.named
    renderer.group_module(
        category, projects, layout.paths, layout.types.class_names, named, waiters
    )
    module = next(m for m in layout.modules if "Project" in m.members)
    renderer.model_module(module, named, layout.paths)
    written = {p.relative_to(tmp_path).as_posix(): p.read_text() for p in renderer.python_files}
    group = next(text for path, text in written.items() if path.endswith("/projects.py"))
    assert f"class {projects.class_name}(ApiGroup[ClientT]):" in group
    assert "def wait_until_ready(" in group and 'phase_path=("status", "phase",)' in group
    assert any(
        f"def projects(self) -> {projects.class_name}[ClientT]:" in t for t in written.values()
    )
    assert any("class Project(RunaiModel):" in t for t in written.values())


@pytest.mark.parametrize(
    ("template", "value", "named"),
    [
        ("group.py.j2", "group", "runai_codegen.layout.Group"),
        ("category.py.j2", "category", "runai_codegen.layout.Category"),
        ("model_module.py.j2", "types[0]", "runai_codegen.types.NamedType"),
        ("group.py.j2", "waiters[0]", "dict"),
    ],
)
def test_a_template_given_anything_but_a_view_is_refused(
    tmp_path: Path, template: str, value: str, named: str
) -> None:
    """What the spec reader built (or a dict standing in for a view) never reaches a template:
    the renderer refuses it before rendering, naming what to pass instead."""
    layout = laid_out("2.24")
    category, projects = _group(layout, "projects")
    raw: Dict[str, object] = {
        "group": projects,
        "category": category,
        "types[0]": [layout.named["Project"]],
        "waiters[0]": [{"method": "wait_until_ready"}],
    }
    key = value.partition("[")[0]
    with pytest.raises(TypeError, match=rf"{template}: {re.escape(value)}.* {named}\b.*view"):
        Renderer(tmp_path, "# header", "0.0.0").write("out.py", template, **{key: raw[value]})
    assert not (tmp_path / "out.py").exists()
