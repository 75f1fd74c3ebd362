"""What the API reference documents, read from the installed category packages: the groups and
methods each category declares (``_groups``, ``_methods``, their signatures and docstrings) and
the models of the ``runai.models`` entry points. Nothing is read from the spec, so the reference
is what a user's ``pip install runapy`` gives."""

from __future__ import annotations

import importlib
import inspect
import re
import sys
import typing
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from runai.plugins.entry_points import in_group
from runai.plugins.known import KNOWN_CATEGORIES

if sys.version_info >= (3, 11):
    from typing import get_overloads
else:  # pragma: no cover - overloads are registered from Python 3.11 on

    def get_overloads(function: object) -> List[Callable[..., object]]:
        return []


SHARED_MODELS = "runai_models"
PARAM = re.compile(r"^:param (\w+):\s*(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    annotation: str
    default: Optional[str]  # source of the default; None when the argument is required
    keyword_only: bool
    description: str


@dataclass(frozen=True)
class Method:
    name: str
    deprecated: bool
    summary: str  # the docstring without its ``:param`` lines
    params: Tuple[Param, ...]
    returns: str  # what the call returns on an ApiClient


@dataclass(frozen=True)
class Group:
    attribute: str
    class_name: str
    module: str
    summary: str
    methods: Tuple[Method, ...]


@dataclass(frozen=True)
class Field:
    name: str
    alias: Optional[str]
    annotation: str
    required: bool
    description: str


@dataclass(frozen=True)
class Model:
    name: str
    module: str
    kind: str  # "model", "enum", "union" or "alias"
    summary: str
    fields: Tuple[Field, ...]  # for a model
    values: Tuple[str, ...]  # for an enum; for an alias or union, what it stands for


@dataclass(frozen=True)
class Category:
    attribute: str
    distribution: str
    package: str
    class_name: str
    summary: str
    groups: Tuple[Group, ...]
    models: Tuple[Model, ...]


def _resolve(target: str) -> object:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _doc(obj: object) -> str:
    return inspect.cleandoc(obj.__doc__ or "")


def _split_doc(doc: str) -> Tuple[str, Dict[str, str]]:
    """The prose of a generated docstring, and its ``:param name: text`` lines by name."""
    prose: List[str] = []
    params: Dict[str, str] = {}
    for line in doc.splitlines():
        match = PARAM.match(line)
        if match:
            params[match[1]] = match[2]
        else:
            prose.append(line)
    return "\n".join(prose).strip(), params


def _method(cls: type, name: str, deprecated: bool) -> Method:
    function = getattr(cls, name)
    prose, described = _split_doc(_doc(function))
    signature = inspect.signature(function)
    params = tuple(
        Param(
            p.name,
            str(p.annotation),
            None if p.default is inspect.Parameter.empty else repr(p.default),
            p.kind is inspect.Parameter.KEYWORD_ONLY,
            described.get(p.name, ""),
        )
        for p in signature.parameters.values()
        if p.name != "self"
    )
    overloads = get_overloads(function)
    returns = str(inspect.signature(overloads[0]).return_annotation) if overloads else "Any"
    return Method(name, deprecated, prose, params, returns)


def _group(attribute: str, target: str) -> Group:
    cls = _resolve(target)
    assert isinstance(cls, type)
    declared = [(name, deprecated) for name, deprecated in cls._methods]  # type: ignore[attr-defined]
    waiters = [(name, False) for name in vars(cls) if name.startswith("wait_until_")]
    methods = tuple(_method(cls, name, deprecated) for name, deprecated in declared + waiters)
    return Group(attribute, cls.__name__, cls.__module__, _doc(cls), methods)


def _annotation(cls: type, field: str) -> str:
    for klass in cls.__mro__:
        found = vars(klass).get("__annotations__", {}).get(field)
        if found is not None:
            return found if isinstance(found, str) else getattr(found, "__name__", repr(found))
    return "Any"


def model(name: str, module: str) -> Model:
    obj = getattr(importlib.import_module(module), name)
    if not isinstance(obj, type):
        return Model(name, module, "alias", "", (), (repr(obj),))
    summary = _doc(obj)
    if getattr(obj, "__runai_union__", False):
        return Model(name, module, "union", summary, (), (_annotation(obj, "root"),))
    members = getattr(obj, "__members__", None)
    if members is not None:
        return Model(
            name, module, "enum", summary, (), tuple(str(m.value) for m in members.values())
        )
    required: FrozenSet[str] = getattr(obj, "__runai_required__", frozenset())
    fields = tuple(
        Field(
            field,
            info.alias if info.alias != field else None,
            _annotation(obj, field),
            (info.alias or field) in required or field in required,
            info.description or "",
        )
        for field, info in getattr(obj, "model_fields", {}).items()
    )
    return Model(name, module, "model", summary, fields, ())


def model_index() -> Dict[str, str]:
    """Every model name of the project's distributions -> its module (``runai.models``'s index)."""
    packages = {SHARED_MODELS, *(e.value.split(".")[0] for e in _category_entries().values())}
    index: Dict[str, str] = {}
    for entry in in_group("runai.models"):
        if entry.value.split(".")[0] in packages:
            for name, module in entry.load().items():
                index.setdefault(name, module)
    return dict(sorted(index.items()))


def _category_entries() -> Dict[str, typing.Any]:
    found = {e.name: e for e in in_group("runai.categories")}
    missing = sorted(set(KNOWN_CATEGORIES) - set(found))
    if missing:
        raise SystemExit(f"install every category to build the reference; missing: {missing}")
    return {name: found[name] for name in KNOWN_CATEGORIES}


def categories() -> List[Category]:
    """The nine Run:ai categories, in ``RunaiClient`` order, with their groups and models."""
    index = model_index()
    result = []
    for attribute, entry in _category_entries().items():
        cls = entry.load()
        package = entry.value.split(".")[0]
        groups = tuple(_group(name, target) for name, target in cls._groups.items())
        models = tuple(
            model(name, module)
            for name, module in index.items()
            if module.startswith(f"{package}.")
        )
        result.append(
            Category(
                attribute,
                KNOWN_CATEGORIES[attribute],
                package,
                cls.__name__,
                _doc(cls),
                groups,
                models,
            )
        )
    return result


def shared_models() -> List[Model]:
    """The models ``runai-models`` holds: those more than one category uses."""
    return [
        model(name, module)
        for name, module in model_index().items()
        if module.startswith(f"{SHARED_MODELS}.")
    ]
