"""Every schema of the installed categories, as pydantic models: ``models.TrainingCreationRequest``.

Each model distribution registers a name -> module index in the ``runai.models`` entry-point
group. Reading an index imports no model; a model's module is imported the first time its name
is looked up, so ``from runai import models`` stays cheap however many schemas exist.

runapy 1.x's module paths work too: ``from runai.models.project_creation_request import
ProjectCreationRequest`` imports the module that holds that model now (see ``runai._legacy``).
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any, Dict, List

from runai._lazy import Lazy
from runai._legacy.finder import install

if TYPE_CHECKING:
    # Type checkers see every model by name from the stub runai-models generates; at run time
    # __getattr__ below imports each on first use.
    from runai_models._all_models import *  # noqa: F403

GROUP = "runai.models"

install()


def _merged_index() -> Dict[str, str]:
    from runai.plugins.entry_points import in_group

    merged: Dict[str, str] = {}
    for entry in in_group(GROUP):
        for name, module in entry.load().items():
            merged.setdefault(name, module)
    return merged


_load_index = Lazy(_merged_index).get


def _lookup(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    module = _load_index().get(name)
    if module is None:
        from runai._legacy.index import index

        if index.model_module(name) is not None:  # a runapy 1.x module name
            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(
            f"runai.models has no model {name!r}; is the distribution that defines it installed?"
        )
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelled model name is an error
    __getattr__ = _lookup


class _Namespace(ModuleType):
    """Keeps a model name bound to the model when a runapy 1.x module of that name is imported:
    ``import runai.models.department`` (runapy's module of ``Department``) would otherwise rebind
    ``models.department``, the report schema, to that module."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and name in _load_index():
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Namespace


def __dir__() -> List[str]:
    from runai._legacy.index import index

    return sorted(set(globals()) | set(_load_index()) | set(index.model_modules()))
