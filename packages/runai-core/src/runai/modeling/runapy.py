"""runapy 1.x's model helpers (``to_dict``, ``from_dict``, ``to_json``, ``to_str``), same results.

runapy 1.x generated these per model; scripts written for it call them. Their semantics:

- ``to_dict()``: the fields by wire name (alias), ``None`` values left out except nullable fields
  that were explicitly set (those come out as ``None``); nested models alike; values stay Python
  objects (datetimes, enum members).
- ``from_dict(obj)``: ``None`` gives ``None``; a non-dict is validated as is; a dict is read by
  wire name only, every declared field is set (a missing or null value to the spec's default when
  it has one, else to ``None``), keys the schema does not declare are dropped unless the schema is
  open, and the result is checked as a request (missing or null required fields raise). So
  ``to_dict()`` of it has ``None`` for every nullable field the dict did not have, and core,
  which sends a model's ``to_dict()``, sends those as ``null``, as runapy did.
- ``to_json()`` is ``json.dumps(to_dict())``; ``to_str()`` pretty-prints ``model_dump(by_alias)``.
"""

from __future__ import annotations

import json
import pprint
import threading
from typing import Any, Callable, Dict, List, Optional, Tuple, get_args, get_origin

from pydantic_core import to_jsonable_python

from runai.modeling.typeinfo import annotation, is_model_class, is_union_class, unwrap

_Convert = Callable[[Any], Any]
_ReadPlan = List[Tuple[str, Any, Optional[_Convert]]]

_read_plans: Dict[type, _ReadPlan] = {}
_lock = threading.Lock()


def to_dict(model: Any) -> Dict[str, Any]:
    """runapy's ``to_dict()`` of a model."""
    data: Dict[str, Any] = model.model_dump(by_alias=True, exclude_none=True)
    _restore(model, data)
    return data


def to_json(value: Any) -> str:
    """``json.dumps`` of a ``to_dict()`` result; datetimes and other pydantic types as in JSON
    mode (runapy 1.x raised ``TypeError`` on them)."""
    return json.dumps(value, default=to_jsonable_python)


def to_str(model: Any) -> str:
    """runapy's ``to_str()``: ``model_dump(by_alias=True)`` pretty-printed."""
    return pprint.pformat(model.model_dump(by_alias=True))


def from_dict_data(cls: Any, obj: Dict[str, Any]) -> Dict[str, Any]:
    """What runapy's ``from_dict`` validated for ``cls``: every declared field by wire name, a
    missing or null one as the spec's default, else ``None``; undeclared keys only when the
    schema is open."""
    data: Dict[str, Any] = {}
    for wire, default, convert in _read_plan(cls):
        value = obj.get(wire)
        if value is None:
            data[wire] = default
        else:
            data[wire] = value if convert is None else convert(value)
    if cls.__runai_open__:
        data.update((key, value) for key, value in obj.items() if key not in data)
    return data


def _restore(model: Any, data: Dict[str, Any]) -> None:
    """Put back the nullable fields set to ``None`` and redo nested models as runapy did."""
    cls = type(model)
    fields_set = model.__pydantic_fields_set__
    for name, info in cls.model_fields.items():
        key = info.alias or name
        value = model.__dict__.get(name)
        if value is None:
            if name in cls.__runai_nullable__ and name in fields_set:
                data[key] = None
        elif key in data:
            data[key] = _nested(value, data[key])


def _nested(value: Any, dumped: Any) -> Any:
    if is_model_class(type(value)):
        _restore(value, dumped)
    elif is_union_class(type(value)):
        return _nested(value.root, dumped)
    elif isinstance(value, list) and any(_is_generated(item) for item in value):
        # runapy rebuilt lists of models item by item, leaving ``None`` items out.
        items = [v for v in value if v is not None]
        return [_nested(v, d) for v, d in zip(items, [d for d in dumped if d is not None])]
    elif isinstance(value, dict) and any(_is_generated(item) for item in value.values()):
        return {k: _nested(v, dumped[k]) for k, v in value.items() if v is not None}
    return dumped


def _is_generated(value: Any) -> bool:
    return is_model_class(type(value)) or is_union_class(type(value))


def _read_plan(cls: Any) -> _ReadPlan:
    plan = _read_plans.get(cls)
    if plan is None:
        defaults = cls.__runai_defaults__
        plan = [
            (info.alias or name, defaults.get(name), _converter(annotation(info)))
            for name, info in cls.model_fields.items()
        ]
        with _lock:
            plan = _read_plans.setdefault(cls, plan)
    return plan


def _converter(tp: Any) -> Optional[_Convert]:
    """How runapy's ``from_dict`` read a non-``None`` value of type ``tp``: nested models and
    unions through their own ``from_dict``, lists and maps of them item by item."""
    tp = unwrap(tp)
    if is_model_class(tp) or is_union_class(tp):
        reader: _Convert = tp.from_dict
        return reader
    origin = get_origin(tp)
    if origin is list and get_args(tp):
        item = _converter(get_args(tp)[0])
        return None if item is None else _list_reader(item)
    if origin is dict and len(get_args(tp)) == 2:
        item = _converter(get_args(tp)[1])
        return None if item is None else _dict_reader(item)
    return None


def _list_reader(item: _Convert) -> _Convert:
    return lambda value: [_maybe(item, v) for v in value] if isinstance(value, list) else value


def _dict_reader(item: _Convert) -> _Convert:
    return lambda value: (
        {k: _maybe(item, v) for k, v in value.items()} if isinstance(value, dict) else value
    )


def _maybe(convert: _Convert, value: Any) -> Any:
    return None if value is None else convert(value)
