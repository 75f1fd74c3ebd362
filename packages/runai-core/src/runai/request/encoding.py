"""Encoding of path, query and body values, exactly once and never rewritten."""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any, Iterable, List, Mapping, Optional, Tuple
from urllib.parse import quote

from runai._adapters import adapter_for, check_request
from runai.exceptions import ApiValueError
from runai.operation import QueryParam

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
DOT_SEGMENTS = frozenset({".", ".."})


def format_value(value: Any) -> str:
    """One scalar as text: booleans ``true``/``false``, datetimes ISO 8601 with a timezone
    (naive ones are taken as UTC), enums by value."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        moment: dt.datetime = value
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        return moment.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return format_value(value.value)
    return str(value)


def expand_path(template: str, names: Iterable[str], values: Optional[Mapping[str, Any]]) -> str:
    """Fill ``{name}`` placeholders with percent-encoded values (``/``, ``?``, ``#``, space...).

    ``.`` and ``..`` are refused: percent-encoding does not protect them (``%2E`` is the same
    unreserved character to RFC 3986 normalisers), and as dot segments they name the parent."""
    path = template
    for name in names:
        value = None if values is None else values.get(name)
        if value is None or value == "":
            raise ApiValueError(
                f"path parameter {name!r} is required for {template} and was not given"
            )
        text = format_value(value)
        if text in DOT_SEGMENTS:
            raise ApiValueError(
                f"path parameter {name!r} of {template} cannot be {text!r}: a dot segment"
                " names no resource (URL normalisation turns it into the parent path)"
            )
        path = path.replace("{" + name + "}", quote(text, safe=""))
    return path


def encode_query(params: Tuple[QueryParam, ...], values: Optional[Mapping[str, Any]]) -> str:
    """Query string per the spec: arrays comma-joined (``explode: false``) or repeated keys."""
    if not values:
        return ""
    parts: List[str] = []
    declared = {p.wire_name: p for p in params}
    for name, value in values.items():
        if value is None:
            continue
        key = quote(name, safe="")
        if isinstance(value, (list, tuple, set, frozenset)):
            items = [quote(format_value(v), safe="") for v in value]
            param = declared.get(name)
            if param is not None and param.explode:
                parts.extend(f"{key}={item}" for item in items)
            elif items:
                parts.append(f"{key}={','.join(items)}")
        else:
            parts.append(f"{key}={quote(format_value(value), safe='')}")
    return "&".join(parts)


def encode_body(body: Any, media_type: Optional[str], model_ref: Optional[str]) -> bytes:
    """JSON from a pydantic model (its ``to_dict()``, see :func:`_model_payload`) or from a dict
    validated against the operation's request model; a form body from a mapping."""
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if media_type == FORM_MEDIA_TYPE:
        if not isinstance(body, Mapping):
            raise ApiValueError(f"a form body must be a mapping, got {type(body).__name__}")
        return "&".join(
            f"{quote(str(k), safe='')}={quote(format_value(v), safe='')}"
            for k, v in body.items()
            if v is not None
        ).encode("ascii")
    if hasattr(body, "model_dump"):
        if model_ref is not None:
            _check_model_body(body, model_ref)
        payload = _model_payload(body)
    elif model_ref is not None:
        adapter = adapter_for(model_ref)
        try:
            validated = adapter.validate_python(body)
            check_request(validated)
        except Exception as exc:
            raise ApiValueError(f"invalid request body: {exc}") from exc
        payload = adapter.dump_python(validated, mode="json", by_alias=True, exclude_unset=True)
    else:
        payload = body
    try:
        text = json.dumps(payload, default=_json_default, separators=(",", ":"), allow_nan=False)
    except ValueError as exc:
        raise ApiValueError(
            f"invalid request body: {exc}; JSON has no NaN or Infinity (send null or a number)"
        ) from exc
    return text.encode("utf-8")


def _check_model_body(body: Any, model_ref: str) -> None:
    """Re-check a model at send time: it may have been edited after construction (pydantic
    does not validate assignment) or be a model of another operation."""
    adapter = adapter_for(model_ref)
    try:
        validated = adapter.validate_python(body)
    except Exception as exc:
        expected = model_ref.partition(":")[2]
        raise ApiValueError(
            f"invalid request body: got a {type(body).__name__}, expected a {expected}"
            f" (or a dict of its fields): {exc}"
        ) from exc
    try:
        check_request(validated)
    except Exception as exc:
        raise ApiValueError(f"invalid request body: {exc}") from exc


def _model_payload(model: Any) -> Any:
    """A model as runapy 1.x sent it, its ``to_dict()``: ``None`` left out unless a nullable
    field was set to ``None`` (``from_dict`` sets every field, most of them to ``None``). A
    model without ``to_dict`` is dumped by alias, unset fields omitted."""
    to_dict = getattr(model, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, enum.Enum)):
        return format_value(value)
    if hasattr(value, "model_dump"):
        return _model_payload(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
