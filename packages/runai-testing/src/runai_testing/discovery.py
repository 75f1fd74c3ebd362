"""Find every operation the installed category distributions describe.

The simulator serves what the generated code declares (entry points ``runai.categories`` →
category ``_groups`` → group modules → module-level ``Operation`` constants), so it never needs a
hand-written route per endpoint.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Tuple

from runai.operation import Operation


@dataclass(frozen=True)
class BoundOperation:
    """An operation and where the client exposes it (``client.<category>.<group>``)."""

    operation: Operation
    category: str
    group: str
    api_class: Any


def _category_entry_points() -> List[Any]:
    if sys.version_info >= (3, 10):
        from importlib.metadata import entry_points
    else:  # pragma: no cover - Python 3.9
        from importlib_metadata import entry_points
    return sorted(entry_points(group="runai.categories"), key=lambda ep: ep.name)


def operations_of_module(module: Any) -> Iterable[Operation]:
    return (value for value in vars(module).values() if isinstance(value, Operation))


def discover() -> List[BoundOperation]:
    """Every installed operation, once per ``(method, path)`` (the first category wins)."""
    found: Dict[Tuple[str, str], BoundOperation] = {}
    for entry in _category_entry_points():
        category = entry.load()
        for group, target in getattr(category, "_groups", {}).items():
            module_name, _, class_name = target.partition(":")
            module = importlib.import_module(module_name)
            for op in operations_of_module(module):
                bound = BoundOperation(op, entry.name, group, getattr(module, class_name))
                found.setdefault((op.method, op.path), bound)
    return list(found.values())
