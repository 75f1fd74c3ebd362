"""Fault injection: scripted failures, delays and dropped connections.

Rules are checked in the order they were added; a rule with ``times`` is used up after that many
matching requests. ``path`` matches the request path exactly, a template with ``{placeholders}``
or a glob with ``*``.
"""

from __future__ import annotations

import fnmatch
import re
import threading
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from runai_testing.http import Request, Response


@dataclass
class FaultRule:
    kind: str  # "fail", "delay" or "drop"
    status: int = 0
    times: Optional[int] = None
    retry_after: Optional[float] = None
    seconds: float = 0.0
    method: Optional[str] = None
    path: Optional[str] = None
    message: Optional[str] = None

    def matches(self, request: Request) -> bool:
        if self.method is not None and self.method.upper() != request.method:
            return False
        return self.path is None or _path_matches(self.path, request.raw_path)


def _path_matches(pattern: str, path: str) -> bool:
    if "{" in pattern:
        regex = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(pattern))
        return re.fullmatch(regex, path) is not None
    if "*" in pattern:
        return fnmatch.fnmatchcase(path, pattern)
    return pattern == path


@dataclass
class FaultOutcome:
    """What the matching rules decided: an early answer and/or a delay before answering."""

    response: Optional[Response] = None
    delay: float = 0.0


class Faults:
    """The fault plan of one simulator; safe to change while requests are being served."""

    def __init__(self) -> None:
        self._rules: List[FaultRule] = []
        self._lock = threading.Lock()

    def fail(
        self,
        status: int,
        times: Optional[int] = 1,
        retry_after: Optional[float] = None,
        method: Optional[str] = None,
        path: Optional[str] = None,
        message: Optional[str] = None,
    ) -> FaultRule:
        """Answer matching requests with ``status`` (and ``Retry-After``), ``times`` times
        (``None``: until cleared)."""
        return self._add(
            FaultRule(
                "fail",
                status=status,
                times=times,
                retry_after=retry_after,
                method=method,
                path=path,
                message=message,
            )
        )

    def delay(
        self,
        seconds: float,
        times: Optional[int] = 1,
        method: Optional[str] = None,
        path: Optional[str] = None,
    ) -> FaultRule:
        """Wait ``seconds`` before answering matching requests normally."""
        return self._add(FaultRule("delay", seconds=seconds, times=times, method=method, path=path))

    def drop_connection(
        self, times: Optional[int] = 1, method: Optional[str] = None, path: Optional[str] = None
    ) -> FaultRule:
        """Close the connection of matching requests without any answer."""
        return self._add(FaultRule("drop", times=times, method=method, path=path))

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    @property
    def pending(self) -> List[FaultRule]:
        with self._lock:
            return list(self._rules)

    def add_from_json(self, spec: Dict[str, Any]) -> FaultRule:
        """A rule from the control endpoint's JSON (``{"kind": "fail", "status": 503, ...}``)."""
        kind = spec.get("kind", "fail")
        common = {k: spec[k] for k in ("times", "method", "path") if k in spec}
        if kind == "fail":
            extra = {k: spec[k] for k in ("retry_after", "message") if k in spec}
            return self.fail(int(spec["status"]), **common, **extra)
        if kind == "delay":
            return self.delay(float(spec["seconds"]), **common)
        if kind == "drop":
            return self.drop_connection(**common)
        raise ValueError(f"unknown fault kind {kind!r}; use fail, delay or drop")

    def _add(self, rule: FaultRule) -> FaultRule:
        with self._lock:
            self._rules.append(rule)
        return rule

    def consult(self, request: Request) -> FaultOutcome:
        """Apply the rules to one request, using up the ones that fire."""
        outcome = FaultOutcome()
        with self._lock:
            for rule in list(self._rules):
                if not rule.matches(request):
                    continue
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules.remove(rule)
                if rule.kind == "delay":
                    outcome.delay += rule.seconds
                    continue
                outcome.response = _answer(rule)
                break
        return outcome


def _answer(rule: FaultRule) -> Response:
    if rule.kind == "drop":
        return Response.dropped()
    response = Response.error(rule.status, rule.message or f"injected fault: {rule.status}")
    if rule.retry_after is not None:
        seconds = rule.retry_after
        text = str(int(seconds)) if seconds == int(seconds) else str(seconds)
        response.headers["Retry-After"] = text
    return response
