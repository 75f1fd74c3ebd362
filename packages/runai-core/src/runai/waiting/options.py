"""The keyword arguments of a ``wait_until_*`` call; built only when a wait starts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from runai.exceptions import ApiValueError
from runai.waiting.clock import Clock, SystemClock
from runai.waiting.progress import ProgressCallback
from runai.waiting.waiter import DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT


@dataclass(frozen=True)
class WaitOptions:
    """The keyword arguments of a ``wait_until_*`` call, checked once."""

    timeout: float = DEFAULT_TIMEOUT
    poll_interval: float = DEFAULT_POLL_INTERVAL
    on_progress: Optional[ProgressCallback] = None
    clock: Optional[Clock] = None

    def __post_init__(self) -> None:
        if not isinstance(self.timeout, (int, float)) or self.timeout < 0:
            raise ApiValueError(
                f"timeout={self.timeout!r}: pass the longest time to wait, in seconds (>= 0)"
            )
        if not isinstance(self.poll_interval, (int, float)) or self.poll_interval <= 0:
            raise ApiValueError(
                f"poll_interval={self.poll_interval!r}: pass the seconds between the first two "
                "polls (> 0); later polls back off from there"
            )

    @property
    def time(self) -> Clock:
        return self.clock if self.clock is not None else SystemClock()
