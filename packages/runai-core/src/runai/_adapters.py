"""Lazily resolved pydantic adapters for ``"module:Name"`` model references."""

from __future__ import annotations

import importlib
import threading
from typing import Any, Dict

_cache: Dict[str, Any] = {}
_lock = threading.Lock()


def adapter_for(model_ref: str) -> Any:
    """A cached ``pydantic.TypeAdapter`` for the type named by ``"package.module:Name"``."""
    adapter = _cache.get(model_ref)
    if adapter is None:
        from pydantic import TypeAdapter

        module_name, _, attr = model_ref.partition(":")
        adapter = TypeAdapter(getattr(importlib.import_module(module_name), attr))
        with _lock:
            adapter = _cache.setdefault(model_ref, adapter)
    return adapter
