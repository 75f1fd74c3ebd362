"""runapy 1.x's public import paths, as the generator derives them from a spec.

Paths are ``"runai.api.projects_api"`` for a module and ``"runai.api.projects_api:ProjectsApi"``
for a name in it (see ``tools/runai_codegen/legacy.py``).
"""

from __future__ import annotations

import importlib
import sys
from functools import cache
from pathlib import Path
from typing import List, Optional, Tuple

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "specs" / "runai-2.24.json"


@cache
def derived_paths(spec: Path = SPEC) -> Tuple[str, ...]:
    """The generator's list for ``spec``."""
    tools = str(REPO / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    from runai_codegen.legacy import import_paths

    return tuple(import_paths(spec))


def split(path: str) -> Tuple[str, Optional[str]]:
    module, _, name = path.partition(":")
    return module, name or None


def resolve(path: str) -> object:
    """Import the module of ``path`` and, for a name, read it: what a runapy script does."""
    module, name = split(path)
    imported = importlib.import_module(module)
    return imported if name is None else getattr(imported, name)


def names_in(paths: Tuple[str, ...], module: str) -> List[str]:
    return sorted(name for m, name in map(split, paths) if m == module and name is not None)
