"""The one place core reads entry points: categories, model indexes and runapy 1.x indexes."""

from __future__ import annotations

import sys
from typing import Any, List


def in_group(group: str) -> List[Any]:
    """The installed entry points of ``group``, sorted by name so that the first one wins
    the same way on every machine."""
    if sys.version_info >= (3, 10):
        from importlib.metadata import entry_points
    else:  # pragma: no cover - Python 3.9
        from importlib_metadata import entry_points
    return sorted(entry_points(group=group), key=lambda entry: entry.name)
