"""``import runai.api.projects_api`` and ``import runai.models.project``: the runapy 1.x module
paths, each an alias of the module that holds the same class now.

A ``sys.meta_path`` finder, appended after the standard ones when ``runai.api``,
``runai.models`` or a legacy top-level name is first used. The alias *is* the real module (same
object in ``sys.modules`` under both names), so classes compare identical whichever path
imported them. A path that no installed distribution provides fails with an ImportError that
says what to install.
"""

from __future__ import annotations

import importlib
import sys
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Optional, Sequence, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

_PARENTS = ("runai", "runai.api", "runai.models")


class _Alias:
    """Loader whose module is an already existing one."""

    def __init__(self, target: str) -> None:
        self.target = target
        self._spec: Optional[ModuleSpec] = None

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        module = importlib.import_module(self.target)
        self._spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        # The import system stamped the alias's spec on the module; the module keeps its own.
        module.__spec__ = self._spec


class LegacyFinder:
    """Finds ``runai.api.<x>`` and ``runai.models.<x>`` in the ``runai.legacy`` indexes."""

    def find_spec(
        self,
        fullname: str,
        path: Optional[Sequence[str]] = None,
        target: Optional[ModuleType] = None,
    ) -> Optional[ModuleSpec]:
        parent, _, child = fullname.rpartition(".")
        if parent not in _PARENTS or child.startswith("_"):
            return None
        from runai._legacy.index import INSTALL_HINT, index

        if parent == "runai.api":
            module = index.api_module(child)
        elif parent == "runai.models":
            module = index.model_module(child)
        else:
            module = None
        if module is None:
            what = "runai-core name" if parent == "runai" else f"module of {parent}"
            # ImportError, not ModuleNotFoundError: ``from runai import X`` would silence the
            # latter and report only "cannot import name".
            raise ImportError(
                f"{fullname} is no {what}, and no installed distribution provides it as a "
                f"runapy 1.x name; {INSTALL_HINT}",
                name=fullname,
            )
        return ModuleSpec(fullname, cast("Loader", _Alias(module)))


def install() -> None:
    """Put the finder last on ``sys.meta_path`` (once)."""
    if not any(isinstance(finder, LegacyFinder) for finder in sys.meta_path):
        sys.meta_path.append(LegacyFinder())
