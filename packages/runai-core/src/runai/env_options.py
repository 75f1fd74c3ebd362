"""``Configuration.from_env``: every constructor parameter from its ``RUNAI_<OPTION>`` variable.

The parameters and their annotations drive the reading, so an option added to the constructor
is read too: ``str`` as written, ``bool`` from 1/0/true/false/yes/no, ``int``, ``float``, a
tuple or list as comma-separated values (or a JSON array), a mapping as a JSON object, a logger
by its name. An empty variable counts as unset. The constructor then validates as it always
does; its errors gain the variable they came from, with any secret read replaced by ``***``.
"""

from __future__ import annotations

import collections.abc
import inspect
import json
import logging
import sys
import types
from typing import (
    TYPE_CHECKING,
    Any,
    Collection,
    Dict,
    List,
    Mapping,
    Type,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from runai.exceptions import ConfigurationError
from runai.transport.secrets import redact

if TYPE_CHECKING:
    from runai.configuration import Configuration

C = TypeVar("C", bound="Configuration")

_BOOLEANS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
_SEQUENCES = (tuple, list, collections.abc.Sequence)
_MAPPINGS = (dict, collections.abc.Mapping)


class _Unreadable(ValueError):
    """The text is not a value of the annotated type."""


def variable_name(option: str) -> str:
    """``RUNAI_`` and the option in upper case; ``runai_base_url`` reads ``RUNAI_BASE_URL``."""
    name = option.upper()
    return name if name.startswith("RUNAI_") else f"RUNAI_{name}"


def option_types(cls: Type[Configuration]) -> Dict[str, Any]:
    """Each constructor parameter of ``cls`` and its annotation, evaluated (``None`` when it
    names something unknown at run time)."""
    module = vars(sys.modules[cls.__module__])
    types_by_option: Dict[str, Any] = {}
    for name, parameter in inspect.signature(cls).parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        holder = types.SimpleNamespace(__annotations__={name: parameter.annotation})
        try:
            types_by_option[name] = get_type_hints(holder, module)[name]
        except NameError:  # a name imported only for type checkers
            types_by_option[name] = None
    return types_by_option


def read_option(option: str, text: str, annotation: Any) -> Any:
    """``text`` (a variable's value) as the value of ``option``, or a ConfigurationError."""
    if not has_text_form(annotation):
        message = "cannot be set from the environment; pass it to Configuration in code"
    else:
        try:
            return _convert(text, annotation)
        except _Unreadable:
            message = f"must be {_describe(annotation)}, got {text!r}"
    raise ConfigurationError(option, f"{message} (from {variable_name(option)})")


def has_text_form(annotation: Any) -> bool:
    """Whether a value of this type can be written in a variable (a callable cannot)."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if annotation in _KINDS or annotation is logging.Logger:
        return True
    if origin is Union:
        return any(has_text_form(a) for a in args if a is not type(None))
    if origin in _SEQUENCES:
        return all(has_text_form(a) for a in args if a is not Ellipsis)
    if origin in _MAPPINGS:
        return has_text_form(args[1])
    return False


def configuration_from_env(
    cls: Type[C],
    environ: Mapping[str, str],
    overrides: Mapping[str, Any],
    secret_options: Collection[str],
) -> C:
    """``cls(**values)``: the environment's values, ``overrides`` winning over them."""
    annotations = option_types(cls)
    texts = {
        option: environ.get(variable_name(option), "")
        for option in annotations
        if option not in overrides
    }
    secrets = [text for option, text in texts.items() if option in secret_options and text]
    values: Dict[str, Any] = {}
    for option, text in texts.items():
        if not text:
            continue
        try:
            values[option] = read_option(option, text, annotations[option])
        except ConfigurationError as exc:
            error = exc
            break
    else:
        values.update(overrides)
        try:
            return cls(**values)
        except ConfigurationError as exc:
            error = _with_variable(exc, values, overrides)
    raise ConfigurationError(error.option, _hidden(_detail(error), secrets)) from None


def _with_variable(
    error: ConfigurationError, values: Mapping[str, Any], overrides: Mapping[str, Any]
) -> ConfigurationError:
    """``error`` saying where its option came from, or which variable would have given it."""
    option = error.option
    if option in overrides:
        return error
    variable = variable_name(option)
    where = f"from {variable}" if option in values else f"{variable} is not set"
    return ConfigurationError(option, f"{_detail(error)} ({where})")


def _detail(error: ConfigurationError) -> str:
    """The message after the ``option: `` prefix."""
    return str(error)[len(error.option) + 2 :]


def _hidden(message: str, secrets: List[str]) -> str:
    return redact(message, sorted((s for s in secrets if len(s) >= 4), key=len, reverse=True))


def _convert(text: str, annotation: Any) -> Any:
    origin = get_origin(annotation)
    if annotation is str:
        return text
    if annotation is bool:
        try:
            return _BOOLEANS[text.strip().lower()]
        except KeyError:
            raise _Unreadable from None
    if annotation in (int, float):
        try:
            return annotation(text.strip())
        except ValueError:
            raise _Unreadable from None
    if annotation is logging.Logger:
        return logging.getLogger(text.strip())
    if origin is Union:
        return _convert_union(text, get_args(annotation))
    if origin in _SEQUENCES:
        return _convert_sequence(text, origin, get_args(annotation))
    if origin in _MAPPINGS:
        return _convert_mapping(text, get_args(annotation))
    raise _Unreadable  # a member of a union with no text form


def _convert_union(text: str, members: Any) -> Any:
    if type(None) in members and str not in members and text.strip().lower() == "none":
        return None  # RUNAI_REQUEST_DEADLINE=none: an option whose None means "no limit"
    for member in members:
        if member is type(None):
            continue
        try:
            return _convert(text, member)
        except _Unreadable:
            continue
    raise _Unreadable


def _convert_sequence(text: str, origin: Any, args: Any) -> Any:
    stripped = text.strip()
    items: List[str]
    if stripped.startswith("["):
        decoded = _json(stripped)
        if not isinstance(decoded, list):
            raise _Unreadable
        items = [item if isinstance(item, str) else json.dumps(item) for item in decoded]
    else:
        items = [item.strip() for item in stripped.split(",")]
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        if len(items) != len(args):
            raise _Unreadable
        return tuple(_convert(item, arg) for item, arg in zip(items, args))
    converted = [_convert(item, args[0]) for item in items]
    return tuple(converted) if origin is tuple else converted


def _convert_mapping(text: str, args: Any) -> Dict[str, Any]:
    decoded = _json(text.strip())
    if not isinstance(decoded, dict):
        raise _Unreadable
    value_type = args[1]
    result: Dict[str, Any] = {}
    for key, value in decoded.items():
        if isinstance(value, str):
            result[key] = _convert(value, value_type)
        elif value_type is str:
            raise _Unreadable
        else:
            result[key] = _convert(json.dumps(value), value_type)
    return result


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise _Unreadable from None


def _describe(annotation: Any) -> str:
    """What a variable of this type must hold, for error messages."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if annotation in _KINDS:
        return _KINDS[annotation][0]
    if origin is Union:
        return " or ".join(_describe(a) for a in args if a is not type(None))
    if origin in _SEQUENCES:
        fixed = origin is tuple and not (len(args) == 2 and args[1] is Ellipsis)
        plural = _KINDS.get(args[0], ("", "values"))[1]
        return f"{len(args) if fixed else 'any number of'} {plural} separated by commas"
    if origin in _MAPPINGS:
        plural = _KINDS.get(args[1], ("", "values"))[1]
        return f'a JSON object of {plural} (e.g. {{"name": "value"}})'
    return "text"


_KINDS = {
    bool: ("one of 1, 0, true, false, yes, no", "booleans"),
    int: ("an integer", "integers"),
    float: ("a number", "numbers"),
    str: ("text", "strings"),
}
