"""What one control-plane version declares, read from its OpenAPI document: the operations with
their parameters, bodies and responses, and the token grants and answer fields."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Dict, Iterator, Mapping, Optional, Tuple

from runai_testing.paging import Paging
from runai_testing.spec import DEFAULT_VERSION, VERSIONS, Document, escape, load

__all__ = ["DEFAULT_VERSION", "VERSIONS", "SpecOperation", "SpecRules", "rules_for"]

METHODS = ("get", "head", "put", "post", "delete", "options", "patch", "trace")
JSON = "application/json"


@dataclass(frozen=True)
class TypeRule:
    """The schema of a parameter value (or of an array's items)."""

    type: Optional[str]
    format: Optional[str] = None
    enum: Optional[Tuple[Any, ...]] = None
    pattern: Optional[str] = None
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    items: Optional[TypeRule] = None


@dataclass(frozen=True)
class ParamRule:
    name: str
    location: str
    required: bool
    schema: TypeRule
    default: Any = None


@dataclass(frozen=True)
class ResponseSpec:
    """One documented answer: its media type (``None``: no body) and schema."""

    media_type: Optional[str]
    schema: Optional[Dict[str, Any]]


@dataclass(frozen=True)
class SpecOperation:
    """One operation of the document, as the simulator routes, checks and answers it."""

    method: str
    path: str
    operation_id: str
    params: Tuple[ParamRule, ...]
    body_media_type: Optional[str]
    body_required: bool
    body_pointer: Optional[str]  # JSON pointer of the request body schema in the document
    responses: Mapping[int, ResponseSpec]
    paging: Optional[Paging] = None  # set on the list operations that page

    @property
    def statuses(self) -> Tuple[int, ...]:
        """Every status the operation documents, ascending."""
        return tuple(sorted(self.responses))

    @property
    def success_status(self) -> int:
        """The lowest success status the operation documents (200 when it documents none)."""
        return min((s for s in self.responses if 200 <= s < 300), default=200)


def usable_pattern(pattern: Optional[str]) -> Optional[str]:
    """A pattern worth enforcing: the spec double-escapes some (``\\\\d``), which never match
    what the author meant, and Python must be able to compile it. A JavaScript regex literal
    (``/^(https?://)?...$/``, the URL fields of 2.21+) is the expression between its slashes."""
    if not isinstance(pattern, str) or not pattern or "\\\\" in pattern:
        return None
    if len(pattern) > 1 and pattern[0] == pattern[-1] == "/":
        pattern = pattern[1:-1]
    if pattern in (".*", "^.*$"):
        return None
    try:
        re.compile(pattern)
    except re.error:
        return None
    return pattern


class _Reader:
    def __init__(self, document: Document) -> None:
        self.doc = document

    def type_rule(self, schema: Any) -> TypeRule:
        node = self.doc.resolve(schema) or {}
        if "type" not in node and len(node.get("allOf", ())) == 1:
            node = self.doc.resolve(node["allOf"][0])
        items = self.type_rule(node.get("items") or {}) if node.get("type") == "array" else None
        enum = node.get("enum")
        return TypeRule(
            node.get("type"),
            node.get("format") if isinstance(node.get("format"), str) else None,
            tuple(e for e in enum if e is not None) if enum else None,
            usable_pattern(node.get("pattern")),
            node.get("minimum"),
            node.get("maximum"),
            items,
        )

    def param(self, raw: Dict[str, Any]) -> ParamRule:
        schema = self.doc.resolve(raw.get("schema") or {})
        required = bool(raw.get("required")) or raw["in"] == "path"
        return ParamRule(
            raw["name"], raw["in"], required, self.type_rule(schema), schema.get("default")
        )

    def operation(self, path: str, method: str, item: Dict[str, Any]) -> SpecOperation:
        op = item[method]
        merged: Dict[Tuple[str, str], Dict[str, Any]] = {}
        for raw in (*item.get("parameters", ()), *op.get("parameters", ())):
            param = self.doc.resolve(raw)
            merged[(param["name"], param["in"])] = param
        params = tuple(self.param(p) for p in merged.values() if p["in"] in ("path", "query"))
        body_pointer = f"#/paths/{escape(path)}/{method}/requestBody"
        body = op.get("requestBody") or {}
        if "$ref" in body:
            body_pointer = body["$ref"]
            body = self.doc.resolve(body)
        content = body.get("content") or {}
        media = JSON if JSON in content else next(iter(content), None)
        schema_pointer = None
        if media is not None and "schema" in content[media]:
            schema_pointer = f"{body_pointer}/content/{escape(media)}/schema"
        return SpecOperation(
            method=method.upper(),
            path=path,
            operation_id=str(op.get("operationId", f"{method} {path}")),
            params=params,
            body_media_type=media,
            body_required=bool(body.get("required")),
            body_pointer=schema_pointer,
            responses=self.responses(op.get("responses") or {}),
            paging=Paging.from_document(op.get("x-runai-paging")),
        )

    def responses(self, declared: Dict[str, Any]) -> Dict[int, ResponseSpec]:
        out: Dict[int, ResponseSpec] = {}
        for code, raw in declared.items():
            if not code.isdigit():
                continue
            content = self.doc.resolve(raw).get("content") or {}
            media = JSON if JSON in content else next(iter(content), None)
            schema = content[media].get("schema") if media is not None else None
            out[int(code)] = ResponseSpec(media, schema)
        return out


class SpecRules:
    """The operations of one spec version, keyed by ``(METHOD, path template)``."""

    def __init__(self, version: str = DEFAULT_VERSION) -> None:
        self.document: Document = load(version)
        self.version = version
        reader = _Reader(self.document)
        self._operations: Dict[Tuple[str, str], SpecOperation] = {}
        for path, item in self.document.data.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    op = reader.operation(path, method, item)
                    self._operations[(op.method, path)] = op
        schemas = self.document.data.get("components", {}).get("schemas", {})
        grant = self.document.properties(schemas.get("TokenRequest", {})).get("grantType", {})
        self.grant_types: Tuple[str, ...] = tuple(self.document.resolve(grant).get("enum", ()))
        self.token_fields: Tuple[str, ...] = tuple(
            self.document.properties(schemas.get("TokenResponse", {}))
        )

    def operation(self, method: str, path: str) -> Optional[SpecOperation]:
        """The operation, or ``None`` when this version does not have it."""
        return self._operations.get((method, path))

    def __iter__(self) -> Iterator[SpecOperation]:
        return iter(self._operations.values())

    def __contains__(self, key: Tuple[str, str]) -> bool:
        return key in self._operations

    def __len__(self) -> int:
        return len(self._operations)


@functools.cache
def rules_for(version: str) -> SpecRules:
    """The rules of ``version``, built once per process (they are never changed)."""
    return SpecRules(version)
