"""The OpenAPI documents the simulator ships: one per control-plane version, its only source.

``specs/runai-2.XX.json`` are written by ``tools/simtables.py`` from the repository's specs
(documentation stripped, nothing else changed). A document is read once per process and shared
by every simulator of that version; nothing here changes it.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

SPEC_DIR = Path(__file__).resolve().parent / "specs"
_MAX_REFS = 32


def _version_key(version: str) -> Tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


VERSIONS: Tuple[str, ...] = tuple(
    sorted((p.stem[len("runai-") :] for p in SPEC_DIR.glob("runai-*.json")), key=_version_key)
)
DEFAULT_VERSION = VERSIONS[-1] if VERSIONS else "2.24"


def escape(segment: str) -> str:
    """A JSON-pointer segment (RFC 6901)."""
    return segment.replace("~", "~0").replace("/", "~1")


class Document:
    """One version's document, with ``$ref`` resolution and merged object properties."""

    def __init__(self, version: str, data: Dict[str, Any]) -> None:
        self.version = version
        self.data = data

    def at(self, pointer: str) -> Any:
        """The node at ``#/a/b`` (a local reference)."""
        node: Any = self.data
        for part in pointer.lstrip("#").strip("/").split("/"):
            if part:
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def resolve(self, node: Any) -> Any:
        """Follow ``$ref`` until a node that is not a reference (OpenAPI 3.0 ignores the
        siblings of ``$ref``)."""
        for _ in range(_MAX_REFS):
            if not isinstance(node, dict) or "$ref" not in node:
                return node
            node = self.at(node["$ref"])
        raise ValueError(f"reference chain too long in control plane {self.version} document")

    def parts(self, schema: Any) -> List[Dict[str, Any]]:
        """``schema`` and, recursively, its ``allOf`` members, resolved."""
        found: List[Dict[str, Any]] = []

        def walk(node: Any, depth: int) -> None:
            node = self.resolve(node)
            if not isinstance(node, dict) or depth > _MAX_REFS:
                return
            found.append(node)
            for member in node.get("allOf", ()):
                walk(member, depth + 1)

        walk(schema, 0)
        return found

    def properties(self, schema: Any) -> Dict[str, Any]:
        """Property schemas of an object schema, ``allOf`` members merged in order."""
        merged: Dict[str, Any] = {}
        for part in self.parts(schema):
            merged.update(part.get("properties") or {})
        return merged

    def required(self, schema: Any) -> List[str]:
        names: List[str] = []
        for part in self.parts(schema):
            names.extend(n for n in part.get("required", ()) if n not in names)
        return names


@functools.cache
def load(version: str) -> Document:
    """The document of ``version`` (read once per process)."""
    if version not in VERSIONS:
        raise ValueError(f"unknown spec version {version!r}; choose one of {', '.join(VERSIONS)}")
    path = SPEC_DIR / f"runai-{version}.json"
    with path.open(encoding="utf-8") as f:
        return Document(version, json.load(f))
