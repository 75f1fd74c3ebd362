"""Per-call overrides of the client's configuration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Tuple, Union

TimeoutArg = Union[None, float, Tuple[Optional[float], Optional[float]]]
"""A total/read timeout in seconds, or ``(connect, read)``; ``None`` keeps the configured one."""


@dataclass(frozen=True)
class RequestOptions:
    timeout: TimeoutArg = None
    headers: Optional[Mapping[str, str]] = None
