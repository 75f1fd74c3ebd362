"""What a waiter reports when the phase it watches changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional


@dataclass(frozen=True)
class Progress:
    """One phase change seen by a waiter; ``str()`` reads well enough for ``on_progress=print``.

    ``phase`` is ``None`` when the answer carried no phase, or once a deletion has completed
    (``deleted`` is then true). ``elapsed`` counts seconds since the wait began.
    """

    resource: str
    resource_id: str
    phase: Optional[str]
    previous: Optional[str]
    message: Optional[str]
    elapsed: float
    deleted: bool = False

    def __str__(self) -> str:
        now = "deleted" if self.deleted else (self.phase or "no phase")
        change = f"{self.previous} -> {now}" if self.previous else now
        detail = f": {self.message}" if self.message else ""
        return f"{self.resource} {self.resource_id}: {change} after {self.elapsed:.1f} s{detail}"


#: The ``on_progress`` argument of the ``wait_until_*`` methods.
ProgressCallback = Callable[[Progress], None]
