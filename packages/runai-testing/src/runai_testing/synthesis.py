"""Plausible, schema-valid values built from the spec's schemas.

Used for every answer that no simulated state covers, and as the skeleton of stateful objects
(the state fills in ids, names and phases on top), so responses keep the spec's shape without a
hand-written fixture per endpoint.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import uuid
from typing import Any, Dict, Optional

from runai_testing.rules import usable_pattern
from runai_testing.spec import Document

_MAX_DEPTH = 12
_STRING_CANDIDATES = (
    "example",
    "Example",
    "example_1",
    "example-1",
    "example.md",
    "v1.0.0",
    "user@example.com",
    "a",
    "1",
)


def now_iso() -> str:
    moment = dt.datetime.now(dt.timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Synthesizer:
    """Walks a schema of one document and produces one value for it: a response body, or with
    ``request=True`` a request body. An answer leaves out ``writeOnly`` properties; a request
    keeps the ``readOnly`` ones a schema requires (servers ignore them, strict clients ask)."""

    def __init__(self, doc: Document, request: bool = False) -> None:
        self.doc = doc
        self.request = request

    def value(self, schema: Any, name: str = "", depth: int = 0) -> Any:
        if not isinstance(schema, dict) or depth > _MAX_DEPTH:
            return None
        schema = self.resolve(schema)
        if schema.get("enum"):
            return next((e for e in schema["enum"] if e is not None), schema["enum"][0])
        if "default" in schema and schema["default"] is not None:
            return schema["default"]
        if "allOf" in schema:
            parts = self.doc.parts(schema)
            if any(_is_object(part) for part in parts):
                return self._object(schema, name, depth)
            return self.value(schema["allOf"][0], name, depth + 1)
        maker = getattr(self, f"_{schema.get('type')}", None)
        if maker is None:
            return self._object(schema, name, depth) if "properties" in schema else None
        return maker(schema, name, depth)

    def resolve(self, schema: Any) -> Dict[str, Any]:
        """Follow ``$ref`` and take the first member of ``anyOf``/``oneOf``."""
        for _ in range(_MAX_DEPTH):
            schema = self.doc.resolve(schema)
            options = (
                schema.get("anyOf") or schema.get("oneOf") if isinstance(schema, dict) else None
            )
            if not options:
                break
            schema = options[0]
        return schema if isinstance(schema, dict) else {}

    def item_of(self, schema: Any, key: Optional[str]) -> Any:
        """A value for an element of the array ``schema`` (or of its property ``key``)."""
        node = self.resolve(schema)
        if key is not None:
            node = self.resolve(self.doc.properties(node).get(key, {}))
        return self.value(node.get("items", {}))

    def _object(self, schema: Dict[str, Any], name: str, depth: int) -> Dict[str, Any]:
        """The required properties (``allOf`` members merged: a member may require what
        another defines). The spec requires a few names it never defines: a response has
        them, as ``null`` (no schema, so any value is valid); a request cannot."""
        properties = self.doc.properties(schema)
        out: Dict[str, Any] = {}
        for key in self.doc.required(schema):
            if key not in properties:
                if not self.request:
                    out[key] = None
            elif self.request or not self.doc.resolve(properties[key]).get("writeOnly"):
                out[key] = self.value(properties[key], key, depth + 1)
        return out

    def _array(self, schema: Dict[str, Any], name: str, depth: int) -> Any:
        count = int(schema.get("minItems", 0))
        return [self.value(schema.get("items", {}), name, depth + 1) for _ in range(count)]

    def _string(self, schema: Dict[str, Any], name: str, depth: int) -> str:
        fmt = schema.get("format")
        if fmt == "uuid":
            return str(uuid.uuid4())
        if fmt == "date-time":
            return now_iso()
        if fmt == "date":
            return dt.date.today().isoformat()
        if fmt in ("uri", "url"):
            return "https://example.com"
        if fmt == "email":
            return "user@example.com"
        if fmt == "ipv4":
            return "10.0.0.1"
        if fmt in ("byte", "base64"):
            return base64.b64encode(b"example").decode("ascii")
        return _plausible_string(schema, name)

    def _integer(self, schema: Dict[str, Any], name: str, depth: int) -> int:
        return int(_bounded(schema, 1))

    def _number(self, schema: Dict[str, Any], name: str, depth: int) -> float:
        return float(_bounded(schema, 1))

    def _boolean(self, schema: Dict[str, Any], name: str, depth: int) -> bool:
        return False


def _is_object(schema: Dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema or "required" in schema


def _bounded(schema: Dict[str, Any], preferred: float) -> float:
    """``preferred`` moved inside ``minimum``/``maximum`` (OpenAPI 3.0: ``exclusiveMinimum`` and
    ``exclusiveMaximum`` are booleans that make the bound itself invalid)."""
    low, high = schema.get("minimum"), schema.get("maximum")
    value = preferred
    if low is not None and (value < low or (value == low and schema.get("exclusiveMinimum"))):
        value = low + (1 if schema.get("exclusiveMinimum") is True else 0)
    if high is not None and (value > high or (value == high and schema.get("exclusiveMaximum"))):
        value = high - (1 if schema.get("exclusiveMaximum") is True else 0)
    return value


def _plausible_string(schema: Dict[str, Any], name: str) -> str:
    base = name or "example"
    text = base if not base[:1].isupper() else base.lower()
    pattern = usable_pattern(schema.get("pattern"))
    if pattern:
        for candidate in (text.lower(), *_STRING_CANDIDATES):
            if _matches(pattern, candidate):
                text = candidate
                break
    minimum = int(schema.get("minLength", 0))
    maximum = schema.get("maxLength")
    if len(text) < minimum:
        text = text + "x" * (minimum - len(text))
    if maximum is not None:
        text = text[: int(maximum)]
    return text


def _matches(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None
