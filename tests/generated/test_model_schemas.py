"""Every generated model, enum and alias says what its schema in the spec says.

The spec is read here on its own (``$ref`` and ``allOf`` followed by this module, not by the
generator): an alias may only name a schema that is the same schema (same properties, required
set, nullability and enum members); a model has exactly its schema's properties and required
fields (and readOnly ones); every schema runapy 1.x had a class for is a class here too.
"""

from __future__ import annotations

import json
import re
import sys
from enum import Enum
from functools import cache
from typing import Any, Dict, FrozenSet, List, Optional, Set, Tuple, Union, get_args, get_origin

import pytest
from runai import models

from .spec_cases import load, resolve

if sys.version_info >= (3, 10):
    from importlib.metadata import entry_points
else:  # pragma: no cover - Python 3.9
    from importlib_metadata import entry_points

SCHEMAS: Dict[str, Dict[str, Any]] = load()["components"]["schemas"]
NoneType = type(None)


def _target(schema: Dict[str, Any]) -> str:
    return str(schema["$ref"]).rsplit("/", 1)[1]


def _single_ref(schema: Dict[str, Any]) -> Optional[str]:
    if "$ref" in schema:
        return _target(schema)
    refs = [m for m in schema.get("allOf", []) if "$ref" in m]
    others = [m for m in schema.get("allOf", []) if "$ref" not in m]
    if (
        len(refs) == 1
        and not schema.get("properties")
        and not any(m.get("properties") for m in others)
    ):
        return _target(refs[0])
    return None


def properties(schema: Dict[str, Any]) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """Wire names of the properties and of the required ones, through ``$ref`` and ``allOf``."""
    props: Set[str] = set(schema.get("properties") or {})
    required: Set[str] = set(schema.get("required") or [])
    parents = [schema] if "$ref" in schema else []
    for member in parents + schema.get("allOf", []):
        sub = SCHEMAS[_target(member)] if "$ref" in member else member
        sub_props, sub_required = properties(sub)
        props |= sub_props
        required |= sub_required
    return frozenset(props), frozenset(required)


def read_only(schema: Dict[str, Any]) -> FrozenSet[str]:
    """Wire names of the ``readOnly`` properties (marked so, or naming a schema marked so),
    through ``$ref`` and ``allOf``."""
    found: Set[str] = {
        name
        for name, prop in (schema.get("properties") or {}).items()
        if prop.get("readOnly") or ("$ref" in prop and SCHEMAS[_target(prop)].get("readOnly"))
    }
    parents = [schema] if "$ref" in schema else []
    for member in parents + schema.get("allOf", []):
        found |= read_only(SCHEMAS[_target(member)] if "$ref" in member else member)
    return frozenset(found)


def nullable(schema: Dict[str, Any]) -> bool:
    """Own ``nullable``; a bare ``$ref`` (or a typeless ``allOf`` of one) is its target's."""
    if "nullable" in schema:
        return bool(schema["nullable"])
    target = _single_ref(schema)
    if target is not None and ("$ref" in schema or "type" not in schema):
        return nullable(SCHEMAS[target])
    return False


def enum_members(schema: Dict[str, Any]) -> Optional[List[Any]]:
    if "enum" in schema:
        return list(schema["enum"])
    target = _single_ref(schema)
    return None if target is None else enum_members(SCHEMAS[target])


@cache
def schema_of_class(class_name: str) -> str:
    """The component a class is named after: the exact name, else the capitalised one."""
    if class_name in SCHEMAS:
        return class_name
    found = [n for n in SCHEMAS if re.sub(r"\W", "", n[:1].upper() + n[1:]) == class_name]
    assert len(found) == 1, (class_name, found)
    return found[0]


@cache
def inline_responses() -> Dict[str, Dict[str, Any]]:
    """Inline JSON success bodies by the name runapy gave them (``GetClusters200Response``)."""
    found: Dict[str, Dict[str, Any]] = {}
    shapes: Set[str] = set()
    for item in load()["paths"].values():
        for op in item.values():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            for code, response in op.get("responses", {}).items():
                for media, content in resolve(load(), response).get("content", {}).items():
                    schema = content.get("schema")
                    if not str(code).startswith("2") or "json" not in media:
                        continue
                    if schema is None or "$ref" in schema or json.dumps(schema) in shapes:
                        continue  # identical inline bodies share the first one's name
                    shapes.add(json.dumps(schema))
                    words = re.split(r"[-_ ]", f"{op['operationId']}_{code}_response")
                    name = base = "".join(w[:1].upper() + w[1:] for w in words)
                    number = 0
                    while name in found or name in SCHEMAS:
                        number += 1
                        name = f"{base}{number}"
                    found[name] = schema
    return found


def schema_named(class_name: str) -> Dict[str, Any]:
    inline = inline_responses().get(class_name)
    return inline if inline is not None else SCHEMAS[schema_of_class(class_name)]


def exported_names() -> List[str]:
    """Every name the generated distributions register for ``runai.models``."""
    names: Set[str] = set()
    for entry in entry_points(group="runai.models"):
        if entry.value.startswith("runai_") and not entry.value.startswith("runai_example"):
            names |= set(entry.load())
    return sorted(names)


def is_class_named(value: Any, name: str) -> bool:
    return isinstance(value, type) and value.__name__ == name


def wire_names(cls: Any, names: Any) -> FrozenSet[str]:
    return frozenset(cls.model_fields[n].alias or n for n in names)


def aliases() -> List[str]:
    return [n for n in exported_names() if not is_class_named(getattr(models, n), n)]


def test_there_are_aliases_of_every_kind_to_check() -> None:
    found = {n: getattr(models, n) for n in aliases()}
    assert len(found) > 200
    assert any(isinstance(v, type) for v in found.values())  # another name of a class
    assert any(get_origin(v) is list for v in found.values())  # an array schema
    assert any(v is str for v in found.values())  # a primitive schema


@pytest.mark.parametrize("name", aliases())
def test_an_alias_is_the_same_schema_as_what_it_names(name: str) -> None:
    value = getattr(models, name)
    schema = schema_named(name)
    members = (
        [a for a in get_args(value) if a is not NoneType] if get_origin(value) is Union else []
    )
    optional = get_origin(value) is Union and NoneType in get_args(value)
    target = members[0] if optional and len(members) == 1 else value
    if isinstance(target, type) and (hasattr(target, "model_fields") or issubclass(target, Enum)):
        other = SCHEMAS[schema_of_class(target.__name__)]
        assert properties(schema) == properties(other)
        assert enum_members(schema) == enum_members(other)
        if optional:  # a nullable variant of a schema that is not nullable itself
            assert nullable(schema) and not nullable(other)
        else:
            assert nullable(schema) == nullable(other)
    else:  # a primitive, array or map schema: no properties, no enum class, null as declared
        assert properties(schema) == (frozenset(), frozenset())
        values = enum_members(schema)
        assert not (values and all(isinstance(v, str) for v in values))
        assert optional == nullable(schema)


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in exported_names()
        if n in SCHEMAS and hasattr(getattr(models, n), "__runai_required__")
    ],
)
def test_a_model_has_its_schemas_properties_and_required_fields(name: str) -> None:
    cls = getattr(models, name)
    props, required = properties(SCHEMAS[name])
    assert wire_names(cls, cls.model_fields) == props
    # Some required lists name properties the schema does not have: nothing to require there.
    assert wire_names(cls, cls.__runai_required__) == required & props
    assert wire_names(cls, cls.__runai_read_only__) == read_only(SCHEMAS[name])


def property_schemas(schema: Dict[str, Any]) -> Dict[str, List[Dict[str, Any]]]:
    """Every definition of each property (wire name), through ``$ref`` and ``allOf``."""
    found: Dict[str, List[Dict[str, Any]]] = {}
    parents = [schema] if "$ref" in schema else []
    for member in parents + schema.get("allOf", []):
        sub = SCHEMAS[_target(member)] if "$ref" in member else member
        for wire, definitions in property_schemas(sub).items():
            found.setdefault(wire, []).extend(definitions)
    for wire, definition in (schema.get("properties") or {}).items():
        found.setdefault(wire, []).append(definition)
    return found


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in exported_names()
        if n in SCHEMAS and hasattr(getattr(models, n), "__runai_nullable__")
    ],
)
def test_a_model_accepts_null_exactly_where_its_schema_does(name: str) -> None:
    """``null`` passes ``allOf`` only when every definition of the property allows it."""
    cls = getattr(models, name)
    expected = {
        wire
        for wire, definitions in property_schemas(SCHEMAS[name]).items()
        if all(nullable(d) for d in definitions)
    }
    assert wire_names(cls, cls.__runai_nullable__) == expected


def enum_classes() -> List[str]:
    return [
        n
        for n in exported_names()
        if is_class_named(getattr(models, n), n) and issubclass(getattr(models, n), Enum)
    ]


def test_there_are_enum_classes_to_check() -> None:
    assert len(enum_classes()) > 100


@pytest.mark.parametrize("name", enum_classes())
def test_an_enum_has_exactly_its_schemas_members_in_order(name: str) -> None:
    cls = getattr(models, name)
    assert [member.value for member in cls] == enum_members(schema_named(name))


def test_notification_channel_keeps_its_required_type_and_config() -> None:
    channel = models.NotificationChannel
    assert channel is not models.NotificationChannelForPatch  # type: ignore[comparison-overlap]
    assert wire_names(channel, channel.__runai_required__) == {"type", "config"}
    with pytest.raises(ValueError, match="requires config, type"):
        channel()
    assert models.NotificationChannelForPatch().to_dict() == {}


RUNAPY_CLASS_KEYWORDS = ("properties", "enum", "allOf", "anyOf", "oneOf")


def test_every_schema_runapy_had_a_class_for_is_a_class() -> None:
    """runapy 1.x had a class for every object, enum or composed schema (primitives, arrays,
    maps and bare ``$ref`` schemas were inlined); each of those names is a class here."""
    expected = {
        re.sub(r"\W", "", n[:1].upper() + n[1:])
        for n, s in SCHEMAS.items()
        if any(s.get(k) for k in RUNAPY_CLASS_KEYWORDS)
    } | {"UpdateSecuritySettingByKeyRequest"}  # runapy's class for the inline anyOf body
    not_classes = sorted(n for n in expected if not isinstance(getattr(models, n), type))
    assert not_classes == []


def test_the_six_names_that_were_typing_constructs_are_classes_again() -> None:
    assert models.AssetsRefCompute(id="a1", name="gpu").to_dict() == {"id": "a1", "name": "gpu"}
    assert models.AssetsUsageRefCompute(id="a1", name="gpu").to_dict() == {
        "id": "a1",
        "name": "gpu",
    }
    environment = {"id": "e1", "name": "python"}
    assert models.AssetsRefOptional(environment=environment).to_dict() == {
        "environment": environment
    }
    assert models.OptionalAssetIds(environment="e1").to_dict() == {"environment": "e1"}
    rules = models.DistributedInferenceServingPortRules2(exposeExternally={"required": True})
    assert rules.to_dict() == {"exposeExternally": {"required": True}}
    assert models.UpdateSecuritySettingByKeyRequest().to_dict() is None
