"""``runai.<Name>``: runapy 1.x's top-level names (clients, configuration, exceptions, every API
class and model), resolved on first access and then cached on the ``runai`` module."""

from __future__ import annotations

import importlib
import sys
from typing import Any, Dict, Iterable, List

from runai._legacy.finder import install
from runai._legacy.index import index, load

SUBMODULES = (
    "api",
    "api_client",
    "api_response",
    "cliv2_config_loader",
    "configuration",
    "exceptions",
    "models",
    "runai_client",
)
"""Modules runapy 1.x's ``runai/__init__.py`` imported, so ``runai.<module>`` worked after
``import runai`` alone."""

CORE: Dict[str, str] = {
    "ApiClient": "runai.api_client",
    "ApiResponse": "runai.response",
    "Configuration": "runai.configuration",
    "OpenApiException": "runai.exceptions",
    "ApiTypeError": "runai.exceptions",
    "ApiValueError": "runai.exceptions",
    "ApiKeyError": "runai.exceptions",
    "ApiAttributeError": "runai.exceptions",
    "ApiException": "runai.exceptions",
}
"""runapy 1.x's top-level names that core itself defines."""

install()


def resolve(name: str) -> Any:
    """The object runapy 1.x exported as ``runai.<name>``; AttributeError when there is none
    (``from runai import <name>`` then reports, through the finder, what to install)."""
    if name.startswith("_"):
        raise AttributeError(f"module 'runai' has no attribute {name!r}")
    if name in SUBMODULES:
        return importlib.import_module(f"runai.{name}")
    module = CORE.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    else:
        target = index.api_class(name)
        if target is not None:
            value = load(target)
        else:
            from runai import models

            if name not in models._load_index():
                raise AttributeError(
                    f"module 'runai' has no attribute {name!r}: it is no runai-core name and "
                    "no API class or model of an installed distribution"
                )
            value = getattr(models, name)
    setattr(sys.modules["runai"], name, value)
    return value


def names(defined: Iterable[str]) -> List[str]:
    """``dir(runai)``: what the module defines plus every name :func:`resolve` answers."""
    from runai import models

    found = set(defined) | set(SUBMODULES) | set(CORE)
    return sorted(found | set(index.api_classes()) | set(models._load_index()))
