"""Path and query values checked against the spec's rules before anything is sent."""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import uuid
from typing import Any, Mapping, Optional

from runai.exceptions import ApiValueError
from runai.operation import Operation, ValueRule

_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+\Z")
_TEXT_TYPES = (str, int, enum.Enum, dt.date, uuid.UUID)
_LISTS = (list, tuple, set, frozenset)
_SHOWN = 80


def check_arguments(
    op: Operation, path: Optional[Mapping[str, Any]], query: Optional[Mapping[str, Any]]
) -> None:
    """Raise :class:`ApiValueError` for the first path or query value ``op``'s spec refuses,
    or a required query parameter left out."""
    if op.path_rules and path:
        for name, rule in zip(op.path_params, op.path_rules):
            value = path.get(name)
            if value is not None:
                check_value(op, "path parameter", name, value, rule)
    for param in op.query_params:
        value = None if query is None else query.get(param.wire_name)
        if value is None:
            if param.required:
                raise ApiValueError(
                    f"{op.operation_id}: query parameter {param.wire_name!r} is required"
                    f" ({describe(param.rule)}) and was not given"
                )
        elif param.rule.kind or param.rule.enum:
            check_value(op, "query parameter", param.wire_name, value, param.rule)


def check_value(op: Operation, where: str, name: str, value: Any, rule: ValueRule) -> None:
    """Raise :class:`ApiValueError` naming the parameter, the value and what ``rule`` allows."""
    if rule.array:
        ok = isinstance(value, _LISTS) and all(_fits(item, rule) for item in value)
    else:
        ok = not isinstance(value, _LISTS) and _fits(value, rule)
    if not ok:
        shown = repr(value)
        if len(shown) > _SHOWN:
            shown = shown[: _SHOWN - 3] + "..."
        raise ApiValueError(
            f"{op.operation_id}: {where} {name!r} got {shown}; expected {describe(rule)}"
        )


def describe(rule: ValueRule) -> str:
    """What ``rule`` allows, in words: ``an integer from 1 to 500``, ``one of 'asc', 'desc'``."""
    if rule.enum:
        text = "one of " + ", ".join(repr(member) for member in rule.enum)
    else:
        text = {
            "integer": "an integer",
            "number": "a number",
            "boolean": "True or False",
            "string": "a string",
        }.get(rule.kind, "a value")
        if rule.minimum is not None and rule.maximum is not None:
            text += f" from {_number(rule.minimum)} to {_number(rule.maximum)}"
        elif rule.minimum is not None:
            text += f" >= {_number(rule.minimum)}"
        elif rule.maximum is not None:
            text += f" <= {_number(rule.maximum)}"
    return f"a list, each item {text}" if rule.array else text


def _fits(value: Any, rule: ValueRule) -> bool:
    if rule.enum:
        member = value.value if isinstance(value, enum.Enum) else value
        return isinstance(member, str) and member in rule.enum
    kind = rule.kind
    if kind == "string":
        return isinstance(value, _TEXT_TYPES) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool) or value in ("true", "false")
    if kind not in ("integer", "number"):
        return True
    number = _as_number(value, integer=kind == "integer")
    if number is None:
        return False
    return (rule.minimum is None or number >= rule.minimum) and (
        rule.maximum is None or number <= rule.maximum
    )


def _as_number(value: Any, integer: bool) -> Optional[float]:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INTEGER_TEXT.match(value):
        return int(value)
    if not integer and isinstance(value, float) and math.isfinite(value):
        return value
    return None


def _number(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else str(bound)
