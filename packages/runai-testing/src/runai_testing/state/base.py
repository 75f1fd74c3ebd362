"""What stateful handlers share: the call they answer, the simulated world, its clock.

Objects are built as "synthesised skeleton of the response schema + what the state knows", so
they keep the spec's shape (every required field present) without a fixture per endpoint.
"""

from __future__ import annotations

import copy
import itertools
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple

from runai_testing.http import Response
from runai_testing.rules import SpecOperation, SpecRules
from runai_testing.synthesis import Synthesizer

DEFAULT_PAGE_SIZE = 50


@dataclass
class Call:
    """One validated request to an operation."""

    op: SpecOperation
    params: Dict[str, Any]  # typed path and query values, by wire name
    body: Any

    @property
    def success_status(self) -> int:
        return self.op.success_status

    @property
    def page_size(self) -> Optional[int]:
        """The spec's default ``limit`` when the operation pages, else ``None`` (all items)."""
        for param in self.op.params:
            if param.name == "limit":
                return param.default if isinstance(param.default, int) else DEFAULT_PAGE_SIZE
        return None

    def schema(self, status: Optional[int] = None) -> Optional[Dict[str, Any]]:
        """The response schema of ``status`` (default: the success status)."""
        spec = self.op.responses.get(status or self.success_status)
        return spec.schema if spec is not None else None

    def reply(self, payload: Any = None, status: Optional[int] = None) -> Response:
        """The success answer: JSON when the operation declares a body, else an empty one."""
        code = status or self.success_status
        spec = self.op.responses.get(code)
        if spec is None or spec.media_type is None or payload is None:
            return Response(code)
        return Response.json(code, payload)


Handler = Callable[[Call], Response]


class Clock:
    """Monotonic seconds that tests can move forward (``advance``) instead of sleeping."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        return time.monotonic() + self._offset

    def wall(self) -> float:
        """Epoch seconds, moved forward like :meth:`now`: what token expiry is judged by."""
        return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds


def merge(base: Any, overlay: Any) -> Any:
    """``overlay`` on top of ``base``; nested objects merge, anything else is replaced."""
    if isinstance(base, dict) and isinstance(overlay, Mapping):
        merged = dict(base)
        for key, value in overlay.items():
            merged[key] = merge(base.get(key), value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(overlay)


class World:
    """The simulated control plane's data; one lock keeps every collection consistent."""

    def __init__(self, rules: SpecRules, phase_delay: float) -> None:
        self.rules = rules
        self.synthesizer: Synthesizer = Synthesizer(rules.document)
        self.phase_delay = phase_delay
        self.clock: Clock = Clock()
        self.lock: threading.RLock = threading.RLock()
        self.collections: Dict[str, Dict[str, Dict[str, Any]]] = {}
        self.listed: Dict[Tuple[str, str], List[Any]] = {}
        """Items of the paged lists that no state covers, by ``(METHOD, path template)``."""
        self.settling_since: Dict[str, Dict[str, float]] = {}
        """When each object not yet in its last phase was created (clock time), by collection
        and id (:class:`~runai_testing.state.phases.Settling`)."""
        self._ids: Iterator[int] = itertools.count(1)

    def collection(self, name: str) -> Dict[str, Dict[str, Any]]:
        return self.collections.setdefault(name, {})

    def fill_list(self, method: str, path: str, count: int) -> List[Any]:
        """``count`` synthesised items for a paged list that no state covers (events, pods,
        history, audit log...), answered page by page from now on; returns them."""
        op = self.rules.operation(method.upper(), path)
        if op is None or op.paging is None:
            paged = sorted(f"{o.method} {o.path}" for o in self.rules if o.paging is not None)
            raise ValueError(
                f"{method.upper()} {path} is not a paged list of control plane "
                f"{self.rules.version}; paged lists: {', '.join(paged)}"
            )
        schema = self.schema(op.method, op.path)
        items = [self.build_item(schema, op.paging.items) for _ in range(count)]
        with self.lock:
            self.listed[(op.method, op.path)] = items
        return copy.deepcopy(items)

    def next_id(self) -> str:
        """Org units and node pools have numeric string ids in the real API."""
        return str(next(self._ids))

    def new_id(self, list_path: str, key: str) -> str:
        """The id of a new object listed at ``list_path`` under ``key``: a UUID where the spec
        declares its ids as UUIDs (departments in 2.18), else :meth:`next_id`. A version without
        the list (reports before 2.22) declares them in what creating one answers."""
        doc = self.rules.document
        listing = self.schema("GET", list_path)
        if listing is None:
            item = doc.resolve(self.schema("POST", list_path) or {})
        else:
            item = doc.resolve(doc.properties(listing).get(key, {})).get("items", {})
        declared = doc.resolve(doc.properties(item).get("id", {}))
        return str(uuid.uuid4()) if declared.get("format") == "uuid" else self.next_id()

    def schema(self, method: str, path: str) -> Optional[Dict[str, Any]]:
        """The success response schema of an operation; ``None`` when this version lacks it."""
        op = self.rules.operation(method, path)
        if op is None:
            return None
        spec = op.responses.get(op.success_status)
        return spec.schema if spec is not None else None

    def build(
        self, schema: Optional[Dict[str, Any]], *overlays: Mapping[str, Any]
    ) -> Dict[str, Any]:
        """A response object: the schema's skeleton with ``overlays`` applied in order."""
        result: Any = self.synthesizer.value(schema) if schema else {}
        if not isinstance(result, dict):
            result = {}
        for overlay in overlays:
            result = merge(result, overlay)
        return result  # type: ignore[no-any-return]

    def build_item(
        self, list_schema: Optional[Dict[str, Any]], key: Optional[str], *overlays: Any
    ) -> Any:
        """An element of a list answer: ``key`` names the array property (``None``: the answer
        itself is the array)."""
        skeleton = self.synthesizer.item_of(list_schema, key) if list_schema else {}
        result = skeleton if isinstance(skeleton, dict) else {}
        for overlay in overlays:
            result = merge(result, overlay)
        return result


def not_found(kind: str, ident: str) -> Response:
    return Response.error(404, f"{kind} {ident} not found")


def duplicate(call: Call, kind: str, name: str) -> Optional[Response]:
    """The refusal of a duplicate name: 409 where the spec documents it, else 400 where that is
    documented; ``None`` (accept it) when the operation declares neither."""
    for status in (409, 400):
        if status in call.op.statuses:
            return Response.error(status, f"{kind} with name {name!r} already exists")
    return None
