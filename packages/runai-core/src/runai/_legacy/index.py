"""Where runapy 1.x's modules live now, from the ``runai.legacy`` entry points.

Each generated distribution registers ``LEGACY = {"api": {...}, "models": {...}}`` in its
``_index.py``: ``runai.api.<name>`` -> ``"module:Class"`` and ``runai.models.<name>`` -> module.
The indexes are read once, on the first runapy 1.x name that core cannot answer by itself.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any, Dict, List, Optional

from runai.plugins.entry_points import in_group

GROUP = "runai.legacy"

INSTALL_HINT = (
    "runapy 1.x names of API groups and models come from the API category distributions: "
    "install 'runapy' for every category, or the 'runai-<category>' distribution that has it"
)


class LegacyIndex:
    """The merged indexes of every installed distribution, read on first use."""

    def __init__(self, group: str = GROUP) -> None:
        self.group = group
        self._api: Optional[Dict[str, str]] = None
        self._classes: Dict[str, str] = {}
        self._models: Dict[str, str] = {}
        self._lock = threading.Lock()

    def _load(self) -> Dict[str, str]:
        api = self._api
        if api is None:
            with self._lock:
                if self._api is None:
                    merged_api: Dict[str, str] = {}
                    for entry in in_group(self.group):
                        index = entry.load()
                        for name, target in index.get("api", {}).items():
                            merged_api.setdefault(name, target)
                        for name, module in index.get("models", {}).items():
                            self._models.setdefault(name, module)
                    self._classes = {
                        target.partition(":")[2]: target for target in merged_api.values()
                    }
                    self._api = merged_api
                api = self._api
        return api

    def api_module(self, name: str) -> Optional[str]:
        """``projects_api`` -> the module of the ProjectsApi group, if installed."""
        target = self._load().get(name)
        return None if target is None else target.partition(":")[0]

    def api_class(self, name: str) -> Optional[str]:
        """``ProjectsApi`` -> ``"module:ProjectsApi"``, if installed."""
        self._load()
        return self._classes.get(name)

    def model_module(self, name: str) -> Optional[str]:
        """runapy's ``project_creation_request`` -> the module holding that model now."""
        self._load()
        return self._models.get(name)

    def api_modules(self) -> List[str]:
        return sorted(self._load())

    def api_classes(self) -> List[str]:
        self._load()
        return sorted(self._classes)

    def model_modules(self) -> List[str]:
        self._load()
        return sorted(self._models)


def load(target: str) -> Any:
    """The object named by ``"module:Name"``."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


index = LegacyIndex()
