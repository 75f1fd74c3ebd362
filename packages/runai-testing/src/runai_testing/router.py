"""Matching request paths to operation path templates.

Literal segments beat placeholders (``/workloads/count`` is not ``/workloads/{workloadId}``), and
each segment is percent-decoded exactly once, after splitting, so an encoded ``/`` stays inside
its value.
"""

from __future__ import annotations

from typing import Dict, Generic, List, Optional, Tuple, TypeVar
from urllib.parse import unquote

T = TypeVar("T")


class _Node(Generic[T]):
    __slots__ = ("literals", "param", "targets")

    def __init__(self) -> None:
        self.literals: Dict[str, _Node[T]] = {}
        self.param: Optional[_Node[T]] = None
        self.targets: Dict[str, Tuple[T, Tuple[str, ...]]] = {}


class Router(Generic[T]):
    """Maps ``(method, template)`` to a target and finds it for a concrete path."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()

    def add(self, method: str, template: str, target: T) -> None:
        node = self._root
        names: List[str] = []
        for segment in template.strip("/").split("/"):
            if segment.startswith("{") and segment.endswith("}"):
                names.append(segment[1:-1])
                if node.param is None:
                    node.param = _Node()
                node = node.param
            else:
                node = node.literals.setdefault(segment, _Node())
        node.targets.setdefault(method, (target, tuple(names)))

    def match(self, raw_path: str) -> Optional[Dict[str, Tuple[T, Dict[str, str]]]]:
        """For each method served at this path, its target and the decoded path values;
        ``None`` when no template has this shape."""
        segments = [unquote(s) for s in raw_path.strip("/").split("/")]
        found = self._walk(self._root, segments, 0, [])
        if found is None:
            return None
        node, values = found
        return {
            method: (target, dict(zip(names, values)))
            for method, (target, names) in node.targets.items()
        }

    def _walk(
        self, node: _Node[T], segments: List[str], i: int, values: List[str]
    ) -> Optional[Tuple[_Node[T], List[str]]]:
        if i == len(segments):
            return (node, values) if node.targets else None
        literal = node.literals.get(segments[i])
        if literal is not None:
            found = self._walk(literal, segments, i + 1, values)
            if found is not None:
                return found
        if node.param is not None and segments[i]:
            return self._walk(node.param, segments, i + 1, [*values, segments[i]])
        return None
