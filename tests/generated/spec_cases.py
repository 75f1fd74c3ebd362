"""Expectations read straight from the OpenAPI document, independent of the generator.

For each operation: the arguments a user would pass, the exact request the spec says should go
out (method, percent-encoded path, query pairs, JSON or form body with every property filled,
``Accept``), and an answer the spec allows for its first success status.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import quote

from generated.spec_bodies import full
from generated.spec_bodies import resolve as resolve  # also read by test_model_schemas

REPO = Path(__file__).resolve().parents[2]
SPEC_DIR = REPO / "specs"
SPEC_224 = SPEC_DIR / "runai-2.24.json"
METHODS = ("get", "head", "put", "post", "delete", "options", "patch", "trace")

PATH_TEXT = "a_b/c d#e?f%"
"""A path value that a wrong client would rewrite (``_`` -> ``-``) or fail to encode."""
QUERY_TEXT = "v_1 /#?&="
MOMENT = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
JSON = "application/json"
TEXT_BODY = "line one\nline two \u2713\n"
BINARY_BODY = bytes(range(256))


@cache
def load(path: Path = SPEC_224) -> Dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return json.load(f)  # type: ignore[no-any-return]


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
    body: Any = None  # the JSON body to send and expect, every property filled
    body_schema: Optional[Dict[str, Any]] = None
    form: Optional[Dict[str, Any]] = None
    accept: str = JSON  # the Accept header the spec's success media types call for
    reply: Optional[Reply] = None  # what the server answers (the first success status)

    @property
    def raw_path(self) -> str:
        path = self.path
        for name, value in self.path_values.items():
            path = path.replace("{" + name + "}", quote(_text(value), safe=""))
        return path


@dataclass
class Reply:
    """A success answer the spec allows: ``json`` (built from ``schema``) or ``raw`` bytes."""

    status: int
    media: Optional[str]
    schema: Optional[Dict[str, Any]] = None
    json: Any = None
    raw: bytes = b""


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
                name: full(doc, prop, "request", name)
                for name, prop in schema["properties"].items()
            }
            case.args.update(case.form)
        else:
            case.body_schema = content[JSON]["schema"]
            case.body = full(doc, content[JSON]["schema"], "request")
    case.accept, case.reply = _reply(doc, op)
    return case


def _reply(doc: Dict[str, Any], op: Any) -> Tuple[str, Reply]:
    """The Accept header for the operation (JSON when any success status offers it, else the
    one media type offered) and the answer to its first success status."""
    offered: List[str] = []
    replies: List[Reply] = []
    for code, response in op["responses"].items():
        if not code.startswith("2"):
            continue
        content = resolve(doc, response).get("content", {})
        offered += list(content)
        media = JSON if JSON in content else next(iter(content), None)
        reply = Reply(int(code), media)
        if media == JSON:
            reply.schema = content[JSON].get("schema")
            reply.json = (
                {"key1": "value1"} if reply.schema is None else full(doc, reply.schema, "response")
            )
        elif media is not None and media.startswith("text/"):
            reply.raw = TEXT_BODY.encode("utf-8")
        elif media is not None:
            reply.raw = BINARY_BODY
        replies.append(reply)
    accept = JSON if JSON in offered or not offered else offered[0]
    return accept, replies[0]


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
