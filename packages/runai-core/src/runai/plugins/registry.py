"""Categories found through the ``runai.categories`` entry-point group.

Entry points are read once, on the first category access, never at import; loading a category
imports only its small class module.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Dict, List, Type

from runai._lazy import Lazy
from runai.exceptions import MissingCategoryError
from runai.plugins.entry_points import in_group
from runai.plugins.known import KNOWN_CATEGORIES

if TYPE_CHECKING:
    from runai.api_group import ApiCategory

GROUP = "runai.categories"


class CategoryRegistry:
    """Maps category attribute names to entry points, loaded lazily."""

    def __init__(self, group: str = GROUP) -> None:
        self.group = group
        self._entries = Lazy(self._read_entries)
        self._classes: Dict[str, Type[ApiCategory[Any]]] = {}

    def _read_entries(self) -> Dict[str, Any]:
        return {ep.name: ep for ep in in_group(self.group)}

    def _discover(self) -> Dict[str, Any]:
        return self._entries.get()

    def names(self) -> List[str]:
        """Installed categories: the published ones in their usual order, then any others."""
        found = self._discover()
        ordered = [name for name in KNOWN_CATEGORIES if name in found]
        return ordered + sorted(name for name in found if name not in KNOWN_CATEGORIES)

    def category_class(self, name: str) -> Type[ApiCategory[Any]]:
        cls = self._classes.get(name)
        if cls is not None:
            return cls
        entry = self._discover().get(name)
        if entry is None:
            raise missing_category(name, self.names())
        loaded: Type[ApiCategory[Any]] = entry.load()
        self._classes[name] = loaded
        return loaded

    def category_class_named(self, class_name: str) -> Type[ApiCategory[Any]]:
        """The category class called ``class_name`` (``Organizations``): runapy 1.x's
        ``from runai.runai_client import Organizations``."""
        for name, entry in self._discover().items():
            if entry.attr == class_name:
                return self.category_class(name)
        attribute = re.sub(r"([a-z])([A-Z])", r"\1_\2", class_name)
        attribute = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", attribute).lower()
        if attribute in KNOWN_CATEGORIES:
            # ImportError, not AttributeError: ``from ... import`` would replace the latter's
            # message with a bare "cannot import name".
            raise ImportError(str(missing_category(attribute, self.names())))
        raise AttributeError(f"module 'runai.runai_client' has no attribute {class_name!r}")


def missing_category(name: str, installed: List[str]) -> AttributeError:
    distribution = KNOWN_CATEGORIES.get(name)
    available = ", ".join(installed) or "none"
    if distribution is not None:
        return MissingCategoryError(
            f"the API category {name!r} is not installed; install it with "
            f"'pip install {distribution}' (or 'pip install runapy' for every category). "
            f"Installed categories: {available}"
        )
    return AttributeError(f"RunaiClient has no API category {name!r}; installed: {available}")


registry: CategoryRegistry = CategoryRegistry()
