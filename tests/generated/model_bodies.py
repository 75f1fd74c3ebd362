"""Generated models filled the way a user fills them, and parsed models checked against the spec.

:func:`build` turns a full wire instance (:mod:`generated.spec_bodies`) into the value a user
would pass: every model constructed by its snake_case field names, nested models, unions, enums,
dates and UUIDs as their Python types. Which class to construct comes from the annotations of
the generated code (what a user's editor shows); which fields to set and what they hold comes
from the spec. :func:`check_parsed` walks a parsed response the same way and says where it
differs from the body the server sent.
"""

from __future__ import annotations

import datetime as dt
import enum
import keyword
import re
import uuid
from typing import Any, Dict, List, get_args, get_origin

from runai.modeling.typeinfo import is_model_class, is_union_class, options, unwrap

from generated.naming import snake
from generated.spec_bodies import DATE, DATE_TIME, Node, choice, merged, refs_of, resolve

Problems = List[str]


def field_name(cls: Any, wire: str) -> str:
    """The Python name of the field for spec property ``wire``: its snake_case, ``var_``-prefixed
    when that is a keyword or taken by pydantic (``from`` -> ``var_from``)."""
    name = snake(wire)
    if name in cls.model_fields:
        return name
    prefixed = "var_" + name.lstrip("_")
    if keyword.iskeyword(name) or prefixed in cls.model_fields:
        return prefixed
    return name


def declared_names(cls: Any) -> Dict[str, str]:
    """Wire name -> Python name of every field ``cls`` declares."""
    return {info.alias or name: name for name, info in cls.model_fields.items()}


def build(doc: Node, schema: Node, wire: Any, tp: Any, where: str = "body") -> Any:
    """``wire`` (an instance of ``schema``) as a value of type ``tp`` built by field names."""
    tp = unwrap(tp)
    node = merged(doc, schema)
    member = choice(doc, node)
    if is_union_class(tp):
        members = tp.members()
        assert member is not None, f"{where}: {tp.__name__} is a union, the spec's schema is not"
        return tp(build(doc, member, wire, members[0], where))
    if member is not None:
        return build(doc, member, wire, options(tp)[0], where)
    if wire is None:
        return None
    if node.get("properties"):
        assert is_model_class(tp), f"{where}: typed {tp!r} where the spec has an object schema"
    if is_model_class(tp):
        assert isinstance(wire, dict), f"{where}: {tp.__name__} for a non-object {wire!r}"
        _assert_same_fields(tp, node, where)
        props: Node = node.get("properties") or {}
        kwargs: Dict[str, Any] = {}
        for key, value in wire.items():
            name = field_name(tp, key)
            info = tp.model_fields[name]
            kwargs[name] = build(doc, props[key], value, info.annotation, f"{where}.{key}")
        return tp(**kwargs)
    origin = get_origin(tp)
    if origin in (list, List):
        (item_tp,) = get_args(tp) or (Any,)
        items = node.get("items", {})
        return [build(doc, items, v, item_tp, f"{where}[{i}]") for i, v in enumerate(wire)]
    if origin in (dict, Dict):
        value_tp = get_args(tp)[1] if get_args(tp) else Any
        extra = node.get("additionalProperties")
        sub = extra if isinstance(extra, dict) else {}
        return {k: build(doc, sub, v, value_tp, f"{where}.{k}") for k, v in wire.items()}
    names = enum_names(doc, schema)
    if names:
        assert isinstance(tp, type) and issubclass(tp, enum.Enum), (
            f"{where}: typed {tp!r} where the spec names the enum {' or '.join(names)}"
        )
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(wire)
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(wire)
    if tp is dt.date:
        return dt.date.fromisoformat(wire)
    if tp is uuid.UUID:
        return uuid.UUID(wire)
    return wire


def _assert_same_fields(cls: Any, node: Node, where: str) -> None:
    spec = set(node.get("properties") or {})
    model = set(declared_names(cls))
    assert model == spec, (
        f"{where}: {cls.__name__} declares {sorted(model - spec)} beyond the spec's schema and "
        f"lacks {sorted(spec - model)}"
    )


def check_parsed(doc: Node, schema: Node, wire: Any, value: Any, where: str = "body") -> Problems:
    """Where a parsed response ``value`` differs from the ``wire`` body it was parsed from: a
    field left ``None`` or kept as an unknown field, a nested object that is not a model, a
    model whose fields are not the spec's properties, a value that changed."""
    node = merged(doc, schema)
    member = choice(doc, node)
    if member is not None:
        if is_union_class(type(value)):
            value = value.root
        return check_parsed(doc, member, wire, value, where)
    if wire is None:
        return [] if value is None else [f"{where}: {value!r} for null"]
    if value is None:
        return [f"{where}: None, the body had {_short(wire)}"]
    props: Node = node.get("properties") or {}
    if props:
        return _check_model(doc, node, wire, value, where)
    if isinstance(wire, list):
        if not isinstance(value, list) or len(value) != len(wire):
            return [f"{where}: {_short(value)} for the list {_short(wire)}"]
        items = node.get("items", {})
        problems: Problems = []
        for i, (w, v) in enumerate(zip(wire, value)):
            problems += check_parsed(doc, items, w, v, f"{where}[{i}]")
        return problems
    if isinstance(wire, dict):
        extra = node.get("additionalProperties")
        if not isinstance(value, dict) or set(value) != set(wire):
            return [f"{where}: {_short(value)} for the map {_short(wire)}"]
        sub = extra if isinstance(extra, dict) else {}
        found: Problems = []
        for key in wire:
            found += check_parsed(doc, sub, wire[key], value[key], f"{where}.{key}")
        return found
    return _check_enum_class(doc, schema, value, where) + _check_scalar(node, wire, value, where)


def enum_names(doc: Node, schema: Node) -> List[str]:
    """The string-enum components a schema goes through (its ``$ref`` chain, allOf members)."""
    found = []
    for name in refs_of(doc, schema):
        values = resolve(doc, doc["components"]["schemas"][name]).get("enum") or []
        if values and all(isinstance(v, str) for v in values):
            found.append(name)
    return found


def _check_enum_class(doc: Node, schema: Node, value: Any, where: str) -> Problems:
    """A value whose schema is a named enum of the spec must be a member of that enum's class
    (the class is named after the schema, capitalised unless that name is taken), not a plain
    ``str``."""
    names = enum_names(doc, schema)
    if not names:
        return []
    classes = {n for name in names for n in (name, _capitalised(name))}
    if isinstance(value, enum.Enum) and type(value).__name__ in classes:
        return []
    return [f"{where}: {value!r} ({type(value).__name__}) is not a member of {' or '.join(names)}"]


def _capitalised(name: str) -> str:
    return re.sub(r"\W", "", name[:1].upper() + name[1:])


def _check_model(doc: Node, node: Node, wire: Any, value: Any, where: str) -> Problems:
    if not is_model_class(type(value)):
        return [f"{where}: a {type(value).__name__}, not a model, for {_short(wire)}"]
    cls = type(value)
    problems: Problems = []
    spec = set(node["properties"])
    model = set(declared_names(cls))
    if model != spec:
        problems.append(
            f"{where}: {cls.__name__} declares {sorted(model - spec)} beyond the spec's schema "
            f"and lacks {sorted(spec - model)}"
        )
    if value.model_extra:
        problems.append(f"{where}: {cls.__name__} kept {sorted(value.model_extra)} as unknown")
    names = declared_names(cls)
    for key, sub_wire in wire.items():
        if key not in names:
            continue
        sub_value = getattr(value, names[key])
        problems += check_parsed(
            doc, node["properties"][key], sub_wire, sub_value, f"{where}.{key}"
        )
    return problems


def _check_scalar(node: Node, wire: Any, value: Any, where: str) -> Problems:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, dt.datetime):
        same = value == dt.datetime.fromisoformat(DATE_TIME) and wire == DATE_TIME
    elif isinstance(value, dt.date):
        same = value == dt.date.fromisoformat(DATE) and wire == DATE
    elif isinstance(value, uuid.UUID):
        same = str(value) == wire
    else:
        same = (value == wire and type(value) is type(wire)) or _numbers_equal(value, wire)
    return [] if same else [f"{where}: {value!r} for {wire!r}"]


def _numbers_equal(value: Any, wire: Any) -> bool:
    numbers = (int, float)
    kinds = (type(value), type(wire))
    return all(k in numbers for k in kinds) and value == wire


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."
