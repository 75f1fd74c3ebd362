"""What the installed category packages expose: every generated method and its operation."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Dict

from runai.operation import Operation
from runai.plugins.registry import registry


@dataclass(frozen=True)
class Method:
    category: str
    group: str
    name: str
    deprecated: bool
    operation: Operation


@cache
def methods_by_operation_id() -> Dict[str, Method]:
    found: Dict[str, Method] = {}
    for category in registry.names():
        cls = registry.category_class(category)
        for group, target in cls._groups.items():
            module_name, _, class_name = target.partition(":")
            module = importlib.import_module(module_name)
            api = getattr(module, class_name)
            for name, deprecated in api._methods:
                op = getattr(module, "_" + name.upper())
                found[op.operation_id] = Method(category, group, name, deprecated, op)
    return found
