"""Request validation against an operation: parameters by the spec's rules, JSON bodies by the
spec's schema (:mod:`runai_testing.schemas`). A failure becomes the 400 ``Error`` body, naming
the field."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any, Dict, List, Mapping, Optional
from urllib.parse import parse_qsl

from runai_testing.rules import ParamRule, SpecOperation, TypeRule
from runai_testing.schemas import BodyChecker, canonical_keys


class InvalidRequest(Exception):
    """A request the control plane would refuse with 400."""

    def __init__(self, message: str, details: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


def parse_query(query_string: str) -> Dict[str, List[str]]:
    """Raw query values by name, percent-decoded once, repeated keys kept in order."""
    values: Dict[str, List[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        values.setdefault(key, []).append(value)
    return values


def validate_params(
    rule: SpecOperation, path_values: Mapping[str, str], query: Mapping[str, List[str]]
) -> Dict[str, Any]:
    """Typed values of the declared parameters (path and query), by wire name."""
    typed: Dict[str, Any] = {}
    for param in rule.params:
        if param.location == "path":
            raw: Optional[List[str]] = (
                [path_values[param.name]] if param.name in path_values else None
            )
        else:
            raw = query.get(param.name)
        if raw is None:
            if param.required:
                raise InvalidRequest(f"{param.name}: required {param.location} parameter missing")
            continue
        typed[param.name] = _convert_param(param, raw)
    return typed


def _convert_param(param: ParamRule, raw: List[str]) -> Any:
    schema = param.schema
    if schema.type == "array" and schema.items is not None:
        pieces = [piece for value in raw for piece in value.split(",") if piece != ""]
        return [_convert(param.name, schema.items, piece) for piece in pieces]
    return _convert(param.name, schema, raw[-1])


def _convert(name: str, schema: TypeRule, text: str) -> Any:
    value: Any = text
    if schema.type == "integer":
        try:
            value = int(text)
        except ValueError:
            raise InvalidRequest(f"{name}: {text!r} is not an integer") from None
    elif schema.type == "number":
        try:
            value = float(text)
        except ValueError:
            raise InvalidRequest(f"{name}: {text!r} is not a number") from None
    elif schema.type == "boolean":
        if text not in ("true", "false"):
            raise InvalidRequest(f"{name}: {text!r} is not a boolean (true or false)")
        value = text == "true"
    elif schema.format == "uuid":
        try:
            uuid.UUID(text)
        except ValueError:
            raise InvalidRequest(f"{name}: {text!r} is not a UUID") from None
    elif schema.format == "date-time":
        try:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise InvalidRequest(f"{name}: {text!r} is not an RFC 3339 date-time") from None
    _check_constraints(name, schema, value)
    return value


def _check_constraints(name: str, schema: TypeRule, value: Any) -> None:
    if schema.enum and value not in schema.enum:
        allowed = ", ".join(str(e) for e in schema.enum)
        raise InvalidRequest(f"{name}: {value!r} is not one of {allowed}")
    if schema.pattern and isinstance(value, str) and not re.search(schema.pattern, value):
        raise InvalidRequest(f"{name}: {value!r} does not match {schema.pattern}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if schema.minimum is not None and value < schema.minimum:
            raise InvalidRequest(f"{name}: {value} is below the minimum {schema.minimum:g}")
        if schema.maximum is not None and value > schema.maximum:
            raise InvalidRequest(f"{name}: {value} is above the maximum {schema.maximum:g}")


def validate_body(op: SpecOperation, checker: BodyChecker, body: Any) -> Any:
    """A parsed JSON body with its keys as the schema spells them, once it fits the schema."""
    if body is None:
        if op.body_required:
            raise InvalidRequest("body: a request body is required")
        return None
    if op.body_pointer is None:
        return body
    body = canonical_keys(checker.doc, checker.doc.at(op.body_pointer), body)
    problems = checker.problems(op.body_pointer, body)
    if problems:
        lines = [f"{field}: {problem}" for field, problem in problems]
        more = "; ".join(lines[5:25]) if len(lines) > 5 else None
        raise InvalidRequest("; ".join(lines[:5]), more)
    return body
