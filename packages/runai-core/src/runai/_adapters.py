"""Lazily resolved pydantic adapters for ``"module:Name"`` model references."""

from __future__ import annotations

import importlib
import threading
from typing import Any, Callable, Dict, Optional

from runai.modeling.hooks import CHECK_HOOK, LENIENT_HOOK

_cache: Dict[str, Any] = {}
_lock = threading.Lock()


def _resolve(model_ref: str) -> Any:
    module_name, _, attr = model_ref.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def lenient_hook(model_ref: str) -> Optional[Callable[[Any], Any]]:
    """``data -> parsed`` through the models' lenient slow path, or ``None`` without one."""
    target = _resolve(model_ref)
    pending = [target]
    while pending:
        candidate = pending.pop(0)
        hook = getattr(candidate, LENIENT_HOOK, None) if isinstance(candidate, type) else None
        if hook is not None:
            return lambda data: hook(target, data)
        pending.extend(getattr(candidate, "__args__", ()) or ())
    return None


def check_request(value: Any) -> None:
    """Run the models' request check on ``value`` or on the models a list or dict holds."""
    check = getattr(value, CHECK_HOOK, None)
    if check is not None:
        check()
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_request(item)
    elif isinstance(value, dict):
        for item in value.values():
            check_request(item)


def adapter_for(model_ref: str) -> Any:
    """A cached ``pydantic.TypeAdapter`` for the type named by ``"package.module:Name"``."""
    adapter = _cache.get(model_ref)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = TypeAdapter(_resolve(model_ref))
        with _lock:
            adapter = _cache.setdefault(model_ref, adapter)
    return adapter
