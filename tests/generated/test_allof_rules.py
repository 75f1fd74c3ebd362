"""The generator's merge of a property several allOf members define
(tools/runai_codegen/allof.py), on small specs written here: an instance must satisfy every
definition, so the generated field is typed by all of them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict

TOOLS = str(Path(__file__).resolve().parents[2] / "tools")
if TOOLS not in sys.path:
    sys.path.insert(0, TOOLS)

from runai_codegen.inline import InlineResolver  # noqa: E402
from runai_codegen.spec import Spec  # noqa: E402
from runai_codegen.types import NamedType, TypeBuilder  # noqa: E402

Schemas = Dict[str, Any]


def _ref(name: str) -> Dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _generate(tmp_path: Path, schemas: Schemas) -> Dict[str, NamedType]:
    """The named types of a spec whose one operation answers ``Owner``."""
    operation = {
        "operationId": "getOwner",
        "tags": ["Owners"],
        "responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": _ref("Owner")}}}
        },
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/api/v1/owner": {"get": operation}},
        "components": {"schemas": schemas},
    }
    file = tmp_path / "runai-2.99.json"
    file.write_text(json.dumps(document))
    inline = InlineResolver(Spec(file))
    return TypeBuilder(inline.schemas).build_all()


def _owner(first: Dict[str, Any], second: Dict[str, Any], **more: Any) -> Schemas:
    """``Owner``: allOf of two members that both define ``prop``."""
    return {
        "Owner": {"allOf": [_ref("First"), _ref("Second")]},
        "First": {"type": "object", "properties": {"prop": first}},
        "Second": {"type": "object", "properties": {"prop": second}},
        **more,
    }


def _field(types: Dict[str, NamedType], model: str, wire: str) -> str:
    (found,) = [f for f in types[model].fields if f.wire == wire]
    return found.type.code


def test_an_enum_wins_over_a_plain_string_in_either_order(tmp_path: Path) -> None:
    color = {"type": "string", "enum": ["red", "blue"]}
    plain = {"type": "string", "minLength": 1}
    for first, second in ((_ref("Color"), plain), (plain, _ref("Color"))):
        types = _generate(tmp_path, _owner(first, second, Color=color))
        assert _field(types, "Owner", "prop") == "Optional[Color]"


def test_two_objects_become_one_model_with_the_properties_of_both(tmp_path: Path) -> None:
    schemas = _owner(
        _ref("Port"),
        _ref("LoosePort"),
        Port={
            "type": "object",
            "required": ["number"],
            "properties": {"number": {"type": "integer"}, "protocol": _ref("Protocol")},
        },
        LoosePort={
            "type": "object",
            "required": ["protocol"],
            "properties": {"protocol": {"type": "string"}, "container": {"type": "integer"}},
        },
        Protocol={"type": "string", "enum": ["http", "grpc"]},
    )
    types = _generate(tmp_path, schemas)
    assert _field(types, "Owner", "prop") == "Optional[OwnerProp]"
    merged = types["OwnerProp"]
    assert [f.wire for f in merged.fields] == ["number", "protocol", "container"]
    assert {f.wire for f in merged.fields if f.required} == {"number", "protocol"}
    assert _field(types, "OwnerProp", "protocol") == "Optional[Protocol]"
    assert "Port" in merged.description and "LoosePort" in merged.description


def test_limits_of_one_primitive_type_add_up(tmp_path: Path) -> None:
    types = _generate(
        tmp_path,
        _owner(
            {"type": "string", "minLength": 2, "maxLength": 9},
            {"type": "string", "minLength": 4, "pattern": "^a"},
        ),
    )
    code = _field(types, "Owner", "prop")
    assert code == "Optional[Annotated[str, Field(pattern='^a', min_length=4, max_length=9)]]"


def test_the_stricter_named_definition_is_kept(tmp_path: Path) -> None:
    uuid = {"type": "string", "format": "uuid"}
    types = _generate(tmp_path, _owner(_ref("Id"), {"type": "string"}, Id=uuid))
    assert _field(types, "Owner", "prop") == "Optional[Id]"


def test_contradicting_enums_keep_only_the_shared_type(tmp_path: Path) -> None:
    """2.22's SupersetSpec.restartPolicy: Always|Never|OnFailure and
    RecreateGroupOnPodRestart|None. No value is both; the field takes either."""
    schemas = _owner(
        _ref("RestartPolicy"),
        _ref("GroupRestartPolicy"),
        RestartPolicy={"type": "string", "enum": ["Always", "Never", "OnFailure"]},
        GroupRestartPolicy={"type": "string", "enum": ["RecreateGroupOnPodRestart", "None"]},
    )
    assert _field(_generate(tmp_path, schemas), "Owner", "prop") == "Optional[str]"


def test_null_only_when_every_definition_admits_it(tmp_path: Path) -> None:
    color = {"type": "string", "enum": ["red"], "nullable": True}
    both = _generate(
        tmp_path, _owner(_ref("Color"), {"type": "string", "nullable": True}, Color=color)
    )
    one = _generate(tmp_path, _owner(_ref("Color"), {"type": "string"}, Color=color))
    assert [f.nullable for f in both["Owner"].fields] == [True]
    assert [f.nullable for f in one["Owner"].fields] == [False]


def test_read_only_and_description_survive_the_merge(tmp_path: Path) -> None:
    types = _generate(
        tmp_path,
        _owner(
            {"type": "string", "readOnly": True, "description": "Set by the server."},
            {"type": "string", "minLength": 1},
        ),
    )
    (prop,) = types["Owner"].fields
    assert (prop.read_only, prop.description, prop.type.code) == (
        True,
        "Set by the server.",
        "Optional[Annotated[str, Field(min_length=1)]]",
    )
