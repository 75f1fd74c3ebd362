"""Reading an OpenAPI document: reference resolution and operations in spec order."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

HTTP_METHODS = ("get", "head", "put", "post", "delete", "options", "patch", "trace")
"""Order in which operations of one path are visited (openapi-generator's, which runapy used)."""

SCHEMA_PREFIX = "#/components/schemas/"


def ref_name(schema: Dict[str, Any]) -> str:
    """The component name a schema ``$ref`` points at."""
    ref = str(schema["$ref"])
    if not ref.startswith(SCHEMA_PREFIX):
        raise ValueError(f"unsupported reference {ref}")
    return ref[len(SCHEMA_PREFIX) :]


@dataclass(frozen=True)
class RawOperation:
    path: str
    method: str
    op: Dict[str, Any]
    path_item: Dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.op["operationId"])

    @property
    def tag(self) -> str:
        return str(self.op["tags"][0])

    @property
    def deprecated(self) -> bool:
        return bool(self.op.get("deprecated"))


class Spec:
    def __init__(self, path: Path) -> None:
        self.file_name = path.name
        with path.open(encoding="utf-8") as f:
            self.doc: Dict[str, Any] = json.load(f)
        self.components: Dict[str, Any] = self.doc.get("components", {})
        self.schemas: Dict[str, Any] = self.components.get("schemas", {})

    @property
    def client_version(self) -> str:
        """``runai-2.24.json`` -> ``2.224.0``: the spec's own info.version is unreliable.

        Line 2 of runapy: control plane 2.XX is ``2.2XX.Z`` (runapy 1.2XX.Z was the old client).
        """
        match = re.fullmatch(r"runai-(\d+)\.(\d+)\.json", self.file_name)
        if not match:
            raise SystemExit(f"cannot derive a version from {self.file_name!r}; pass --version")
        return f"2.{int(match.group(1))}{int(match.group(2)):02d}.0"

    def resolve(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        """Follow a non-schema ``$ref`` (parameters, requestBodies, responses)."""
        while "$ref" in obj:
            parts = obj["$ref"].lstrip("#/").split("/")
            target: Any = self.doc
            for part in parts:
                target = target[part]
            obj = target
        return obj

    def operations(self) -> Iterator[RawOperation]:
        for path, item in self.doc.get("paths", {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    yield RawOperation(path, method, item[method], item)

    def tag_groups(self) -> List[Tuple[str, List[str]]]:
        """Categories (x-tagGroups) and their tags in spec order: the source of the layout."""
        return [(g["name"], list(g["tags"])) for g in self.doc.get("x-tagGroups", [])]

    def tag_description(self, tag: str) -> str:
        for entry in self.doc.get("tags", []):
            if entry.get("name") == tag:
                return str(entry.get("description") or "")
        return ""

    def parameters(self, raw: RawOperation) -> List[Dict[str, Any]]:
        """Path-level then operation-level parameters; an operation entry overrides (name, in)."""
        merged: Dict[Tuple[str, str], Dict[str, Any]] = {}
        for source in (raw.path_item.get("parameters", []), raw.op.get("parameters", [])):
            for p in source:
                param = self.resolve(p)
                merged[(param["name"], param["in"])] = param
        return list(merged.values())
