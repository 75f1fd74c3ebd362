"""Full instances of the spec's schemas, read from the OpenAPI document alone.

Every property of every object is filled (nested objects, arrays, maps, enums, nullable
properties, allOf merges; anyOf/oneOf take their first member), with camelCase wire names as the
spec spells them, except those OpenAPI 3.0 keeps off that side of the wire: ``readOnly`` ones in
a request, ``writeOnly`` ones in a response. ``$ref`` and allOf are followed by this module's own
reader, never by the generator, so a body built here is an independent expectation of what a
client must send and what a control plane may answer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict, List, Literal, Optional, Tuple

Node = Dict[str, Any]
Side = Literal["request", "response"]
_LEFT_OUT = {"request": "readOnly", "response": "writeOnly"}
"""The keyword that keeps a property out of an instance for each side of the wire."""
DATE_TIME = "2024-01-02T03:04:05+00:00"
"""RFC 3339 with an explicit offset: the text a timezone-aware ``datetime`` serialises back to."""
_DATE_TIME_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
DATE = "2024-01-02"
UUID = "0b6c1f2e-7d3a-4c59-9f5e-2a1b3c4d5e6f"
_FORMATS = {
    "date-time": DATE_TIME,
    "date": DATE,
    "uuid": UUID,
    "byte": "YWJj",
    "ipv4": "10.1.2.3",
    "hostname": "host.example.com",
    "uri": "https://example.com/abc",
    "email": "abc@example.com",
}
_STRINGS = (
    "abc",
    "a1",
    "Abc",
    "abc@example.com",
    "0755",
    "1",
    "/abc",
    "1Gi",
    "a.md",
    "https://example.com/abc",
    "projectName==abc",
)
_RECURSION = 2
"""How many times one named schema may nest in itself before its array or map stays empty."""


class Recursive(Exception):
    """A named schema reached inside itself too often: the container holding it stays empty."""


def resolve(doc: Node, obj: Node) -> Node:
    """``obj`` with its ``$ref`` chain followed."""
    while "$ref" in obj:
        obj = _step(doc, obj)
    return obj


def ref_name(schema: Node) -> Optional[str]:
    ref = schema.get("$ref")
    return str(ref).rsplit("/", 1)[1] if ref else None


def merged(doc: Node, schema: Node) -> Node:
    """``schema`` with ``$ref`` followed and allOf members merged into one node: properties and
    required names of every member, other keywords from the members (later ones win) and then
    the node itself."""
    schema = resolve(doc, schema)
    if "allOf" not in schema:
        return schema
    out: Node = {}
    props: Node = {}
    required: List[str] = []
    for member in schema["allOf"]:
        part = merged(doc, member)
        for prop, sub in (part.get("properties") or {}).items():
            # A property two members define must satisfy both.
            props[prop] = {"allOf": [props[prop], sub]} if prop in props else sub
        required += [r for r in part.get("required", []) if r not in required]
        out.update({k: v for k, v in part.items() if k not in ("properties", "required")})
    out.update({k: v for k, v in schema.items() if k not in ("allOf", "properties", "required")})
    for prop, sub in (schema.get("properties") or {}).items():
        props[prop] = {"allOf": [props[prop], sub]} if prop in props else sub
    required += [r for r in schema.get("required", []) if r not in required]
    if props:
        out["properties"] = props
        out.setdefault("type", "object")
    if required:
        out["required"] = required
    return out


def refs_of(doc: Node, schema: Node) -> Tuple[str, ...]:
    """The component names a schema goes through: its ``$ref`` chain and its allOf members'."""
    names: List[str] = []
    while "$ref" in schema:
        names.append(str(ref_name(schema)))
        schema = _step(doc, schema)
    for member in schema.get("allOf", []):
        names += refs_of(doc, member)
    return tuple(names)


def _step(doc: Node, schema: Node) -> Node:
    target: Any = doc
    for part in str(schema["$ref"]).lstrip("#/").split("/"):
        target = target[part]
    return target  # type: ignore[no-any-return]


def choice(doc: Node, schema: Node) -> Optional[Node]:
    """The anyOf/oneOf member a full instance takes (the first), or ``None``."""
    node = merged(doc, schema)
    members: List[Node] = node.get("anyOf") or node.get("oneOf") or []
    return members[0] if members else None


def full(
    doc: Node, schema: Node, side: Side, name: str = "body", stack: Tuple[str, ...] = ()
) -> Any:
    """An instance of ``schema`` with every property ``side`` may carry filled (``name``: the
    property it is for)."""
    names = refs_of(doc, schema)
    if any(stack.count(n) >= _RECURSION for n in names):
        raise Recursive(names[0])
    stack = stack + names
    node = merged(doc, schema)
    member = choice(doc, node)
    if member is not None:
        return full(doc, member, side, name, stack)
    if node.get("enum"):
        values = [v for v in node["enum"] if v is not None and v != ""]
        return (values or node["enum"])[-1]
    kind = node.get("type")
    if kind == "array":
        items = node.get("items", {})
        item_node = merged(doc, items)
        if item_node.get("enum") and not (item_node.get("anyOf") or item_node.get("oneOf")):
            return [v for v in item_node["enum"] if v is not None]  # every member once
        try:
            return [full(doc, items, side, name, stack)]
        except Recursive:
            return []
    if kind == "object" or node.get("properties") or "additionalProperties" in node:
        return _object(doc, node, side, stack)
    if kind == "integer":
        return int(_number(node, 3))
    if kind == "number":
        return _number(node, 1.5)
    if kind == "boolean":
        return True
    if kind == "string" or "format" in node or "pattern" in node:
        return string(node, name)
    return "abc"


def _object(doc: Node, node: Node, side: Side, stack: Tuple[str, ...]) -> Any:
    props: Node = node.get("properties") or {}
    if props:
        out: Node = {}
        for prop, sub in props.items():
            if merged(doc, sub).get(_LEFT_OUT[side]):
                continue
            try:
                out[prop] = full(doc, sub, side, prop, stack)
            except Recursive:
                if prop in node.get("required", []):
                    raise
                # The innermost optional self-reference (DepartmentProjectParent.parent) ends
                # the chain.
        return out
    extra = node.get("additionalProperties")
    if isinstance(extra, dict) and extra:
        try:
            return {"key1": full(doc, extra, side, "key1", stack)}
        except Recursive:
            return {}
    return {"key1": "value1"}


def _number(node: Node, preferred: float) -> float:
    low = node.get("minimum")
    high = node.get("maximum")
    value = preferred
    if low is not None and value < low:
        value = low + (1 if node.get("exclusiveMinimum") else 0)
    if high is not None and value > high:
        value = high - (1 if node.get("exclusiveMaximum") else 0)
    return value


def string(node: Node, name: str) -> str:
    """A string the node's format, pattern and length limits accept."""
    fmt = node.get("format")
    if fmt in _FORMATS:
        return _FORMATS[str(fmt)]
    pattern = node.get("pattern")
    if isinstance(pattern, str) and len(pattern) > 1 and pattern[0] == pattern[-1] == "/":
        pattern = pattern[1:-1]  # a JavaScript regex literal: the slashes only delimit it
    low, high = node.get("minLength", 0), node.get("maxLength", 1000)
    candidates = [str(node["example"])] if isinstance(node.get("example"), str) else []
    for candidate in [*candidates, *_STRINGS]:
        if not low <= len(candidate) <= high:
            continue
        if pattern is None or _matches(pattern, candidate):
            return candidate
    return "abcd"[: max(low, 1)]


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True


def differences(sent: Any, expected: Any, where: str = "body") -> List[str]:
    """Where the JSON a client ``sent`` differs from ``expected``: keys, types and values must be
    identical, except that two RFC 3339 date-times naming the same instant (``Z`` and
    ``+00:00``) are the same value."""
    if isinstance(expected, dict) and isinstance(sent, dict):
        found = [f"{where}.{key}: missing" for key in expected if key not in sent]
        found += [f"{where}.{key}: not in the spec's body" for key in sent if key not in expected]
        for key in expected.keys() & sent.keys():
            found += differences(sent[key], expected[key], f"{where}.{key}")
        return found
    if isinstance(expected, list) and isinstance(sent, list) and len(sent) == len(expected):
        found = []
        for i, (s, e) in enumerate(zip(sent, expected)):
            found += differences(s, e, f"{where}[{i}]")
        return found
    if type(sent) is type(expected) and sent == expected:
        return []
    if isinstance(sent, str) and isinstance(expected, str) and _same_instant(sent, expected):
        return []
    return [f"{where}: sent {sent!r}, the spec's body has {expected!r}"]


def _same_instant(a: str, b: str) -> bool:
    if not (_DATE_TIME_TEXT.match(a) and _DATE_TIME_TEXT.match(b)):
        return False
    parse = dt.datetime.fromisoformat
    return parse(a.replace("Z", "+00:00")) == parse(b.replace("Z", "+00:00"))


def nullable(doc: Node, schema: Node) -> bool:
    """Whether a property admits ``null``: its own ``nullable: true``, or that of the schema its
    ``$ref`` names (``nullable`` inside an allOf member does not make the whole nullable)."""
    if "nullable" in schema:
        return bool(schema["nullable"])
    return "$ref" in schema and nullable(doc, _step(doc, schema))


def with_nulls(doc: Node, schema: Node, wire: Any) -> Any:
    """The full instance ``wire`` with every nullable property, at any depth, set to ``null``."""
    node = merged(doc, schema)
    member = choice(doc, node)
    if member is not None:
        return with_nulls(doc, member, wire)
    props: Node = node.get("properties") or {}
    if props and isinstance(wire, dict):
        return {
            key: None if nullable(doc, props[key]) else with_nulls(doc, props[key], value)
            for key, value in wire.items()
        }
    if isinstance(wire, list):
        return [with_nulls(doc, node.get("items", {}), value) for value in wire]
    extra = node.get("additionalProperties")
    if isinstance(wire, dict) and isinstance(extra, dict):
        return {key: with_nulls(doc, extra, value) for key, value in wire.items()}
    return wire
