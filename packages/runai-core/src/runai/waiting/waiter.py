"""A waiter as data: which operation to poll, where its phase is, and what the phases mean."""

from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet, Optional, Tuple

from runai.exceptions import ApiValueError
from runai.operation import Operation
from runai.waiting.clock import Clock, SystemClock
from runai.waiting.progress import ProgressCallback

DEFAULT_TIMEOUT = 600.0
DEFAULT_POLL_INTERVAL = 2.0


@dataclass(frozen=True)
class Waiter:
    """Generated from the spec's phase enums (``tools/runai_codegen/waiters.py``).

    ``operation`` is the GET of one resource, called with ``{id_param: resource_id}``;
    ``phase_path`` and ``message_path`` are wire names leading to the phase and to the control
    plane's explanation of it in the answer. A phase in ``success`` ends the wait, one in
    ``failure`` raises :class:`~runai.exceptions.WaitFailedError`, any other phase (``waiting``,
    or one a newer control plane added) means poll again. ``until_deleted`` waiters succeed on
    404 instead.
    """

    name: str
    resource: str
    operation: Operation
    id_param: str
    phase_path: Tuple[str, ...] = ()
    message_path: Tuple[str, ...] = ()
    success: FrozenSet[str] = frozenset()
    failure: FrozenSet[str] = frozenset()
    waiting: FrozenSet[str] = frozenset()
    until_deleted: bool = False

    @property
    def goal(self) -> str:
        """What the waiter waits for, as error messages say it."""
        return "deletion" if self.until_deleted else " or ".join(sorted(self.success))


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
