"""The strict request check: what ``__runai_check__`` finds wrong in a tree of models.

Responses are validated leniently; requests must match the spec. Checking after validation
(instead of strict pydantic types) keeps the response path free of Python code.
"""

from __future__ import annotations

import threading
from typing import (
    Annotated,
    Any,
    Callable,
    Dict,
    List,
    Optional,
    Tuple,
    Union,
    get_args,
    get_origin,
)

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from runai.modeling.enums import RunaiEnum
from runai.modeling.typeinfo import NoneType, annotation, is_model_class, is_union_class

Loc = Tuple[Union[str, int], ...]
Errors = List[Dict[str, Any]]
Checker = Callable[[Any, Loc, Errors], None]
_Plan = List[Tuple[str, str, bool, bool, Optional[Checker]]]

_plans: Dict[type, _Plan] = {}
_lock = threading.Lock()


def raise_if_invalid(model: Any) -> None:
    """Raise ``ValidationError`` naming every problem of ``model`` as a request body."""
    errors: Errors = []
    check_value(model, (), errors)
    if errors:
        raise ValidationError.from_exception_data(type(model).__name__, errors)  # type: ignore[arg-type]


def check_value(value: Any, loc: Loc, errors: Errors) -> None:
    """Append the problems of a generated model or union instance to ``errors``."""
    if is_union_class(type(value)):
        if value.root is not None:
            check_value(value.root, loc, errors)
    elif is_model_class(type(value)):
        _check_model(value, loc, errors)


def _plan(cls: Any) -> _Plan:
    """Per field: Python name, wire name, whether a request must have it (required and not
    readOnly), nullable, and the check of its value."""
    plan = _plans.get(cls)
    if plan is None:
        plan = [
            (
                name,
                info.alias or name,
                name in cls.__runai_required__ and name not in cls.__runai_read_only__,
                name in cls.__runai_nullable__,
                _checker(annotation(info)),
            )
            for name, info in cls.model_fields.items()
        ]
        with _lock:
            plan = _plans.setdefault(cls, plan)
    return plan


def _check_model(model: Any, loc: Loc, errors: Errors) -> None:
    cls = type(model)
    extra = model.__pydantic_extra__
    if extra and not cls.__runai_open__:
        fields = sorted(map(str, extra))
        errors.append(
            _error("unknown_field", "{model} has no field {fields}", cls, fields, loc, model)
        )
    missing: List[str] = []
    null: List[str] = []
    fields_set = model.__pydantic_fields_set__
    for name, wire, required, nullable, checker in _plan(cls):
        value = model.__dict__.get(name)
        if required and name not in fields_set:
            missing.append(wire)
        elif value is None:
            if required and not nullable:
                null.append(wire)
        elif checker is not None:
            checker(value, (*loc, wire), errors)
    if missing:
        errors.append(_error("missing", "{model} requires {fields}", cls, missing, loc, model))
    if null:
        message = "{model} requires a value for {fields}"
        errors.append(_error("none_required", message, cls, null, loc, model))


def _error(
    kind: str, message: str, cls: Any, fields: List[str], loc: Loc, model: Any
) -> Dict[str, Any]:
    context = {"model": cls.__name__, "fields": ", ".join(sorted(fields))}
    return {"type": PydanticCustomError(kind, message, context), "loc": loc, "input": model}


def _checker(tp: Any) -> Optional[Checker]:
    """What to check of a value of type ``tp`` in a request, or ``None`` for nothing."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _checker(get_args(tp)[0])
    if isinstance(tp, type) and origin is None:
        if issubclass(tp, RunaiEnum):
            return _enum_checker(tp)
        if is_model_class(tp) or is_union_class(tp):
            return check_value
        return None
    if origin is Union:
        options = [a for a in get_args(tp) if a is not NoneType]
        checkers = [_checker(a) for a in options]
        if not any(checkers):
            return None
        if len(options) == 1:
            return checkers[0]
        return _union_checker(options, checkers)
    if origin is list:
        item = _checker(get_args(tp)[0]) if get_args(tp) else None
        return None if item is None else _list_checker(item)
    if origin is dict:
        args = get_args(tp)
        value = _checker(args[1]) if len(args) == 2 else None
        return None if value is None else _dict_checker(value)
    return None


def _enum_checker(enum: Any) -> Checker:
    def check(value: Any, loc: Loc, errors: Errors) -> None:
        if not isinstance(value, enum):
            expected = ", ".join(repr(m.value) for m in enum)
            errors.append(
                {
                    "type": PydanticCustomError(
                        "enum", "Input should be {expected}", {"expected": expected}
                    ),
                    "loc": loc,
                    "input": value,
                }
            )

    return check


def _union_checker(options: List[Any], checkers: List[Optional[Checker]]) -> Checker:
    def check(value: Any, loc: Loc, errors: Errors) -> None:
        first: Optional[Errors] = None
        for option, checker in zip(options, checkers):
            if checker is None:
                plain = get_origin(option) or option
                if not isinstance(plain, type) or isinstance(value, plain):
                    return
                continue
            found: Errors = []
            checker(value, loc, found)
            if not found:
                return
            if first is None:
                first = found
        errors.extend(first or ())

    return check


def _list_checker(item: Checker) -> Checker:
    def check(value: Any, loc: Loc, errors: Errors) -> None:
        if isinstance(value, (list, tuple)):
            for index, element in enumerate(value):
                if element is not None:
                    item(element, (*loc, index), errors)

    return check


def _dict_checker(item: Checker) -> Checker:
    def check(value: Any, loc: Loc, errors: Errors) -> None:
        if isinstance(value, dict):
            for key, element in value.items():
                if element is not None:
                    item(element, (*loc, str(key)), errors)

    return check
