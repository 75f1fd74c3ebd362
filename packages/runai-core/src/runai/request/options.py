"""Per-call overrides of the client's configuration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Tuple, Union

TimeoutArg = Union[None, float, Tuple[Optional[float], Optional[float]]]
"""Seconds for the whole attempt (connect, headers and body; each read and the connect too),
or ``(connect, read)`` under the configured ``request_deadline``; ``None`` keeps the configured
timeouts."""


@dataclass(frozen=True)
class RequestOptions:
    timeout: TimeoutArg = None
    headers: Optional[Mapping[str, str]] = None
