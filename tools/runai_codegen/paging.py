"""Which list operations page, and how: read from the parameters and the response schema.

An operation pages when it is a GET taking an ``offset`` query parameter and its JSON answer
holds the items: the body itself is an array, or it is an object with exactly one array
property. Where the next offset comes from is read from the answer's other properties
(SPEC-NOTES §5): ``next`` (13 lists, and the audit log beside its ``total``),
``pagination.nextOffset`` (workload templates), ``totalRecords`` (access rules), or nothing
(the node, node-pool and report lists and the user list: the next offset is the items
counted so far). A parameter named ``limit`` alone never makes an operation paged.

The generator writes the result on each generated ``Operation`` (``runai.operation.Paging``)
and tools/simtables.py into the simulator's documents (``x-runai-paging``), so the client and
the simulator page by the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from .spec import SCHEMA_PREFIX, RawOperation, Spec

JSON = "application/json"

SHAPES = ("next", "total+next", "pagination.nextOffset", "totalRecords", "count")
"""The names of the ways a list says where its next page starts (``PagingShape.shape``)."""


@dataclass(frozen=True)
class PagingShape:
    """Wire names of a paged operation: request parameters and where things are in the body."""

    offset: str  # query parameter of the first item's offset
    limit: Optional[str]  # query parameter of the page size (the audit log has none)
    items: Optional[str]  # property holding the items; None: the body is the array
    next_offset: Tuple[str, ...] = ()  # property path of the next offset, if the body has one
    total: Optional[str] = None  # property of the number of items in all pages, if any

    @property
    def shape(self) -> str:
        """One of :data:`SHAPES`."""
        if len(self.next_offset) > 1:
            return ".".join(self.next_offset)
        if self.next_offset:
            return "total+next" if self.total else "next"
        return self.total or "count"

    def as_json(self) -> Dict[str, Any]:
        """The ``x-runai-paging`` extension the simulator reads."""
        return {
            "offset": self.offset,
            "limit": self.limit,
            "items": self.items,
            "next": list(self.next_offset),
            "total": self.total,
        }


def paging_shape(spec: Spec, raw: RawOperation) -> Optional[PagingShape]:
    """How ``raw`` pages, or ``None`` when it does not."""
    if raw.method != "get":
        return None
    query = {p["name"]: p for p in spec.parameters(raw) if p["in"] == "query"}
    offset = query.get("offset")
    if offset is None or _resolve(spec, offset.get("schema") or {}).get("type") != "integer":
        return None
    limit = "limit" if "limit" in query else None
    body = _success_schema(spec, raw)
    if body is None:
        return None
    if body.get("type") == "array":
        return PagingShape("offset", limit, None)
    properties = _properties(spec, body)
    arrays = [k for k, v in properties.items() if _resolve(spec, v).get("type") == "array"]
    if len(arrays) != 1:
        return None
    items = arrays[0]
    if _is_integer(spec, properties.get("next")):
        total = "total" if _is_integer(spec, properties.get("total")) else None
        return PagingShape("offset", limit, items, ("next",), total)
    pagination = properties.get("pagination")
    if pagination is not None and "nextOffset" in _properties(spec, _resolve(spec, pagination)):
        return PagingShape("offset", limit, items, ("pagination", "nextOffset"))
    if _is_integer(spec, properties.get("totalRecords")):
        return PagingShape("offset", limit, items, total="totalRecords")
    return PagingShape("offset", limit, items)


def item_schema(spec_schemas: Dict[str, Any], page: Dict[str, Any], items: Optional[str]) -> Any:
    """The schema of one item of a page schema (``$ref``s into ``spec_schemas`` followed)."""
    node = _follow(spec_schemas, page)
    if items is not None:
        node = _follow(spec_schemas, _all_properties(spec_schemas, node).get(items, {}))
    return node.get("items", {})


def _success_schema(spec: Spec, raw: RawOperation) -> Optional[Dict[str, Any]]:
    response = raw.op.get("responses", {}).get("200")
    if response is None:
        return None
    content = spec.resolve(response).get("content", {})
    schema = content.get(JSON, {}).get("schema")
    return _resolve(spec, schema) if schema is not None else None


def _resolve(spec: Spec, schema: Dict[str, Any]) -> Dict[str, Any]:
    return _follow(spec.schemas, schema)


def _follow(schemas: Dict[str, Any], schema: Dict[str, Any]) -> Dict[str, Any]:
    while "$ref" in schema:
        schema = schemas[str(schema["$ref"])[len(SCHEMA_PREFIX) :]]
    return schema


def _properties(spec: Spec, schema: Dict[str, Any]) -> Dict[str, Any]:
    return _all_properties(spec.schemas, schema)


def _all_properties(schemas: Dict[str, Any], schema: Dict[str, Any]) -> Dict[str, Any]:
    """Properties of an object schema, ``allOf`` members merged."""
    merged: Dict[str, Any] = {}
    members: List[Dict[str, Any]] = [schema]
    while members:
        member = _follow(schemas, members.pop(0))
        members += member.get("allOf") or []
        for key, value in (member.get("properties") or {}).items():
            merged.setdefault(key, value)
    return merged


def _is_integer(spec: Spec, schema: Optional[Dict[str, Any]]) -> bool:
    return schema is not None and _resolve(spec, schema).get("type") == "integer"
