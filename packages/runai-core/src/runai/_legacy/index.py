"""Where runapy 1.x's modules live now, from the ``runai.legacy`` entry points.

Each generated distribution registers ``LEGACY = {"api": {...}, "models": {...}}`` in its
``_index.py``: ``runai.api.<name>`` -> ``"module:Class"`` and ``runai.models.<name>`` -> module.
The indexes are read once, on the first runapy 1.x name that core cannot answer by itself.
"""

from __future__ import annotations

import importlib
from typing import Any, Dict, List, NamedTuple, Optional

from runai._lazy import Lazy
from runai.plugins.entry_points import in_group

GROUP = "runai.legacy"

INSTALL_HINT = (
    "runapy 1.x names of API groups and models come from the API category distributions: "
    "install 'runapy' for every category, or the 'runai-<category>' distribution that has it"
)


class _Merged(NamedTuple):
    api: Dict[str, str]  # runapy 1.x API module name -> "module:Class"
    classes: Dict[str, str]  # class name -> "module:Class"
    models: Dict[str, str]  # runapy 1.x model module name -> module


class LegacyIndex:
    """The merged indexes of every installed distribution, read on first use."""

    def __init__(self, group: str = GROUP) -> None:
        self.group = group
        self._merged = Lazy(self._merge)

    def _merge(self) -> _Merged:
        api: Dict[str, str] = {}
        models: Dict[str, str] = {}
        for entry in in_group(self.group):
            index = entry.load()
            for name, target in index.get("api", {}).items():
                api.setdefault(name, target)
            for name, module in index.get("models", {}).items():
                models.setdefault(name, module)
        classes = {target.partition(":")[2]: target for target in api.values()}
        return _Merged(api, classes, models)

    def api_module(self, name: str) -> Optional[str]:
        """``projects_api`` -> the module of the ProjectsApi group, if installed."""
        target = self._merged.get().api.get(name)
        return None if target is None else target.partition(":")[0]

    def api_class(self, name: str) -> Optional[str]:
        """``ProjectsApi`` -> ``"module:ProjectsApi"``, if installed."""
        return self._merged.get().classes.get(name)

    def model_module(self, name: str) -> Optional[str]:
        """runapy's ``project_creation_request`` -> the module holding that model now."""
        return self._merged.get().models.get(name)

    def api_modules(self) -> List[str]:
        return sorted(self._merged.get().api)

    def api_classes(self) -> List[str]:
        return sorted(self._merged.get().classes)

    def model_modules(self) -> List[str]:
        return sorted(self._merged.get().models)


def load(target: str) -> Any:
    """The object named by ``"module:Name"``."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


index = LegacyIndex()
