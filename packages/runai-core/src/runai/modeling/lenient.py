"""The slow path of response parsing: keep what does not fit its type as received.

Responses normally parse inside pydantic-core (every field optional, enums open). A value that
still fits no type (a bad date, a broken pattern) makes that fail; core then calls the models'
``__runai_lenient__``, which lands here.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any, Dict, Tuple, Union, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from runai.modeling.hooks import RESPONSE_CONTEXT
from runai.modeling.typeinfo import annotation, is_model_class, is_union_class, options

_adapters: Dict[Any, TypeAdapter[Any]] = {}
_lock = threading.Lock()


def parse_body(tp: Any, data: Any) -> Any:
    """``data`` (a whole response body) as ``tp``; ``ValueError`` without the shape of ``tp``."""
    return _lenient(tp, data, top=True)


def parse_value(tp: Any, data: Any) -> Any:
    """``data`` as ``tp``, what does not fit kept as received."""
    return _lenient(tp, data)


def _adapter(tp: Any) -> TypeAdapter[Any]:
    try:
        adapter = _adapters.get(tp)
    except TypeError:  # unhashable metadata in an Annotated type
        return TypeAdapter(tp)
    if adapter is None:
        adapter = TypeAdapter(tp)
        with _lock:
            adapter = _adapters.setdefault(tp, adapter)
    return adapter


def _lenient(tp: Any, data: Any, top: bool = False) -> Any:
    """``data`` as ``tp``, keeping what does not fit as received; at the top level (the whole
    body) a value without the shape of ``tp`` raises ``ValueError`` instead."""
    try:
        return _adapter(tp).validate_python(data, context=RESPONSE_CONTEXT)
    except ValidationError:
        pass
    origin = get_origin(tp)
    if origin is Annotated:
        return _lenient(get_args(tp)[0], data, top)
    if is_model_class(tp):
        if isinstance(data, dict):
            return _lenient_model(tp, data)
    elif is_union_class(tp):
        if data is None:
            return tp.model_construct(None)
        member = best_member(options(annotation(tp.model_fields["root"])), data)
        if member is not None:
            return tp.model_construct(_lenient(member, data))
    elif origin is Union:
        members = options(tp)
        if data is None and len(members) < len(get_args(tp)):
            return None
        if len(members) == 1:
            return _lenient(members[0], data, top)
        member = best_member(members, data)
        if member is not None:
            return _lenient(member, data)
    elif origin is list and isinstance(data, list) and get_args(tp):
        return [_lenient(get_args(tp)[0], item) for item in data]
    elif origin is dict and isinstance(data, dict) and len(get_args(tp)) == 2:
        return {key: _lenient(get_args(tp)[1], item) for key, item in data.items()}
    if top:
        raise ValueError(f"the body does not have the shape of {tp!r}")
    return data


def best_member(members: Tuple[Any, ...], data: Any) -> Any:
    """The model among ``members`` that knows the most keys of the object ``data`` (the first
    on a tie), or ``None`` when ``data`` is no object or no member is a model."""
    if not isinstance(data, dict):
        return None
    best, known = None, -1
    for member in members:
        if is_model_class(member):
            keys = {info.alias or name for name, info in member.model_fields.items()}
            count = len(keys & set(data))
            if count > known:
                best, known = member, count
    return best


def _lenient_model(cls: Any, data: Dict[str, Any]) -> Any:
    by_key: Dict[str, Tuple[str, Any]] = {}
    for name, info in cls.model_fields.items():
        by_key[name] = by_key[info.alias or name] = (name, info)
    values: Dict[str, Any] = {}
    extra: Dict[str, Any] = {}
    for key, value in data.items():
        known = by_key.get(key)
        if known is None:
            extra[key] = value
        else:
            values[known[0]] = _lenient(annotation(known[1]), value)
    model = cls.model_construct(_fields_set=set(values), **values)
    if extra:
        if model.__pydantic_extra__ is None:
            object.__setattr__(model, "__pydantic_extra__", {})
        model.__pydantic_extra__.update(extra)
    return model
