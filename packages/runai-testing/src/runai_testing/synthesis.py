"""Plausible, schema-valid values built from a model's JSON schema.

Used for every answer that no simulated state covers, and as the skeleton of stateful objects
(the state fills in ids, names and phases on top), so responses keep the spec's shape without a
hand-written fixture per endpoint.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import re
import uuid
from typing import Any, Dict, Optional

from runai._adapters import adapter_for

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


@functools.cache
def schema_of(model_ref: str) -> Dict[str, Any]:
    """The validation JSON schema of a ``"module:Name"`` model, by wire (alias) names (cached:
    building it is slow, and callers only read it)."""
    schema: Dict[str, Any] = adapter_for(model_ref).json_schema(by_alias=True, mode="validation")
    return schema


def synthesize(model_ref: str) -> Any:
    """A value for ``model_ref`` with every required field filled."""
    schema = schema_of(model_ref)
    return Synthesizer(schema.get("$defs", {})).value(schema)


class Synthesizer:
    """Walks a JSON schema (with its ``$defs``) and produces one value for it."""

    def __init__(self, defs: Dict[str, Any]) -> None:
        self.defs = defs

    def value(self, schema: Any, name: str = "", depth: int = 0) -> Any:
        if not isinstance(schema, dict) or depth > _MAX_DEPTH:
            return None
        schema = self.resolve(schema)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return next((e for e in schema["enum"] if e is not None), schema["enum"][0])
        if "default" in schema and schema["default"] is not None:
            return schema["default"]
        if "allOf" in schema:
            merged: Dict[str, Any] = {}
            for part in schema["allOf"]:
                part_value = self.value(part, name, depth + 1)
                if not isinstance(part_value, dict):
                    return part_value
                merged.update(part_value)
            return merged
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        maker = getattr(self, f"_{kind}", None)
        if maker is None:
            return self._object(schema, name, depth) if "properties" in schema else None
        return maker(schema, name, depth)

    def resolve(self, schema: Dict[str, Any]) -> Dict[str, Any]:
        """Follow ``$ref`` and pick the first non-null member of ``anyOf``/``oneOf``."""
        for _ in range(_MAX_DEPTH):
            if "$ref" in schema:
                target = self.defs.get(schema["$ref"].rsplit("/", 1)[-1], {})
                schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
                continue
            options = schema.get("anyOf") or schema.get("oneOf")
            if not options:
                break
            resolved = [self.resolve(o) for o in options]
            schema = next((o for o in resolved if o.get("type") != "null"), resolved[0])
        return schema

    def _object(self, schema: Dict[str, Any], name: str, depth: int) -> Dict[str, Any]:
        properties = schema.get("properties", {})
        return {
            key: self.value(properties.get(key, {}), key, depth + 1)
            for key in schema.get("required", ())
        }

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

    def _null(self, schema: Dict[str, Any], name: str, depth: int) -> None:
        return None


def _bounded(schema: Dict[str, Any], preferred: float) -> float:
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    value = preferred
    if low is not None and value < low:
        value = low + (1 if "exclusiveMinimum" in schema else 0)
    if high is not None and value > high:
        value = high - (1 if "exclusiveMaximum" in schema else 0)
    return value


def _plausible_string(schema: Dict[str, Any], name: str) -> str:
    base = name or "example"
    text = base if not base[:1].isupper() else base.lower()
    pattern: Optional[str] = schema.get("pattern")
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
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True
