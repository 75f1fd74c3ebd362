"""runapy 1.x's ``runai.api``: ``runai.api.ProjectsApi`` and ``runai.api.projects_api`` are the
API group class and module of the installed category that has them, resolved on first use.

New code reaches the same classes through ``RunaiClient(...).<category>.<group>``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, List

from runai._legacy.finder import install
from runai._legacy.index import INSTALL_HINT, index, load

if TYPE_CHECKING:
    # The API classes by name, from the stub runai-models generates; __getattr__ still answers
    # runapy 1.x's module names (``runai.api.projects_api``), as Any.
    from runai_models._all_apis import *  # noqa: F403

install()


def __getattr__(name: str) -> Any:
    if name.startswith("_"):
        raise AttributeError(f"module 'runai.api' has no attribute {name!r}")
    target = index.api_class(name)
    if target is not None:
        value = load(target)
        globals()[name] = value
        return value
    if index.api_module(name) is not None:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"runai.api has no {name!r}; {INSTALL_HINT}")


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(index.api_classes()) | set(index.api_modules()))
