"""Expectations read straight from the OpenAPI document, independent of the generator.

For each operation: the arguments a user would pass and the exact request the spec says should
go out (method, percent-encoded path, query pairs, JSON or form body).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[2]
SPEC_DIR = REPO / "specs"
SPEC_224 = SPEC_DIR / "runai-2.24.json"
METHODS = ("get", "head", "put", "post", "delete", "options", "patch", "trace")

PATH_TEXT = "a_b/c d#e?f%"
"""A path value that a wrong client would rewrite (``_`` -> ``-``) or fail to encode."""
QUERY_TEXT = "v_1 /#?&="
MOMENT = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
_STRING_CANDIDATES = ("abc", "a1", "Abc", "abc@example.com", "0755", "1", "/abc", "1Gi", "a.md")


@cache
def load(path: Path = SPEC_224) -> Dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return json.load(f)  # type: ignore[no-any-return]


def resolve(doc: Dict[str, Any], obj: Dict[str, Any]) -> Dict[str, Any]:
    while "$ref" in obj:
        target: Any = doc
        for part in obj["$ref"].lstrip("#/").split("/"):
            target = target[part]
        obj = target
    return obj


@dataclass
class Case:
    operation_id: str
    tag: str
    method: str
    path: str
    deprecated: bool
    args: Dict[str, Any] = field(default_factory=dict)  # wire name -> value (path/query/form)
    path_values: Dict[str, Any] = field(default_factory=dict)
    query: List[Tuple[str, str]] = field(default_factory=list)  # expected raw pairs
    body: Any = None  # the JSON body to send and expect
    form: Optional[Dict[str, str]] = None

    @property
    def raw_path(self) -> str:
        path = self.path
        for name, value in self.path_values.items():
            path = path.replace("{" + name + "}", quote(_text(value), safe=""))
        return path


def cases(path: Path = SPEC_224) -> List[Case]:
    doc = load(path)
    found = []
    for template, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                found.append(_case(doc, template, method, item, item[method]))
    return found


def _case(doc: Dict[str, Any], template: str, method: str, item: Any, op: Any) -> Case:
    case = Case(
        op["operationId"], op["tags"][0], method.upper(), template, bool(op.get("deprecated"))
    )
    params = [resolve(doc, p) for p in item.get("parameters", []) + op.get("parameters", [])]
    for param in params:
        schema = resolve(doc, param.get("schema", {}))
        if param["in"] == "path":
            value = _path_value(doc, schema)
            case.path_values[param["name"]] = value
            case.args[param["name"]] = value
        elif param["in"] == "query":
            value = _query_value(doc, schema)
            case.args[param["name"]] = value
            explode = param.get("explode", True)
            if isinstance(value, list) and explode:
                case.query += [(param["name"], _q(v)) for v in value]
            elif isinstance(value, list):
                case.query.append((param["name"], ",".join(_q(v) for v in value)))
            else:
                case.query.append((param["name"], _q(value)))
    body = op.get("requestBody")
    if body is not None:
        content = resolve(doc, body)["content"]
        if "application/x-www-form-urlencoded" in content:
            schema = resolve(doc, content["application/x-www-form-urlencoded"]["schema"])
            case.form = {
                name: sample(doc, prop, name) for name, prop in schema["properties"].items()
            }
            case.args.update(case.form)
        else:
            case.body = sample(doc, content["application/json"]["schema"], "body")
    return case


def _path_value(doc: Dict[str, Any], schema: Dict[str, Any]) -> Any:
    if schema.get("enum"):
        return schema["enum"][0]
    if schema.get("type") == "integer":
        return 7
    if schema.get("format") == "uuid":
        return "0b6c1f2e-7d3a-4c59-9f5e-2a1b3c4d5e6f"
    return PATH_TEXT


def _query_value(doc: Dict[str, Any], schema: Dict[str, Any]) -> Any:
    schema = resolve(doc, schema)
    if schema.get("type") == "array":
        item = resolve(doc, schema.get("items", {}))
        first = _query_value(doc, item)
        second = (
            item["enum"][-1]
            if item.get("enum")
            else (first if not isinstance(first, str) else first + "2")
        )
        return [first, second]
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "integer":
        return 3
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    if schema.get("format") == "date-time":
        return MOMENT
    return QUERY_TEXT


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def _q(value: Any) -> str:
    return quote(_text(value), safe="")


def sample(doc: Dict[str, Any], schema: Dict[str, Any], name: str, depth: int = 0) -> Any:
    """A minimal instance that satisfies ``schema``: required fields only, valid values."""
    schema = resolve(doc, schema)
    if "allOf" in schema:
        merged = _object_parts(doc, schema)
        if merged is None:
            primitive = [m for m in map(lambda m: resolve(doc, m), schema["allOf"]) if "type" in m]
            return sample(doc, primitive[0], name, depth) if primitive else "abc"
        schema = {"type": "object", "properties": merged[0], "required": merged[1]}
    if schema.get("anyOf") or schema.get("oneOf"):
        return sample(doc, (schema.get("anyOf") or schema["oneOf"])[0], name, depth)
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "array":
        count = schema.get("minItems", 0)
        return [sample(doc, schema.get("items", {}), name, depth + 1) for _ in range(count)]
    if kind == "integer" or kind == "number":
        low = schema.get("minimum", 1)
        return int(low) if kind == "integer" else float(low)
    if kind == "boolean":
        return True
    if kind == "string":
        return _string(schema, name)
    if schema.get("properties") or kind == "object":
        required = schema.get("required", [])
        return {
            prop: sample(doc, schema["properties"][prop], prop, depth + 1)
            for prop in required
            if prop in schema.get("properties", {})
        }
    return "abc"


def _object_parts(
    doc: Dict[str, Any], schema: Dict[str, Any]
) -> Optional[Tuple[Dict[str, Any], List[str]]]:
    """Properties and required names of an object or allOf schema; None for a primitive."""
    schema = resolve(doc, schema)
    if "allOf" not in schema and not schema.get("properties") and schema.get("type") != "object":
        return None
    props: Dict[str, Any] = {}
    required: List[str] = []
    is_object = bool(schema.get("properties")) or schema.get("type") == "object"
    for member in schema.get("allOf", []):
        parts = _object_parts(doc, member)
        if parts is not None:
            is_object = True
            props.update(parts[0])
            required += parts[1]
    props.update(schema.get("properties", {}))
    required += schema.get("required", [])
    return (props, required) if is_object else None


def _string(schema: Dict[str, Any], name: str) -> str:
    fmt = schema.get("format")
    if fmt == "date-time":
        return "2024-01-02T03:04:05Z"
    if fmt == "uuid":
        return "0b6c1f2e-7d3a-4c59-9f5e-2a1b3c4d5e6f"
    pattern = schema.get("pattern")
    candidates: List[str] = [schema["example"]] if isinstance(schema.get("example"), str) else []
    candidates += list(_STRING_CANDIDATES)
    low, high = schema.get("minLength", 0), schema.get("maxLength", 1000)
    for candidate in candidates:
        if not low <= len(candidate) <= high:
            continue
        if pattern is None or re.search(pattern, candidate):
            return candidate
    return "abcd"[: max(low, 1)]
