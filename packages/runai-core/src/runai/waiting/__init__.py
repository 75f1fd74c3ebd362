"""Waiting for a resource to reach a phase: ``client.workloads.workloads.wait_until_running(id)``.

Generated groups declare their waiters as :class:`Waiter` data; :mod:`runai.waiting.engine`
polls through the client's normal request flow (auth, retry policy) until a success phase, a
failure phase, a 404 for deletions, or the timeout.

The names below load on first access: a group module imports :mod:`runai.waiting.waiter` on the
way to its first call, which runs this package's ``__init__`` too, and must not pay for the
clock, the progress reports and the options of a wait that may never happen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List

if TYPE_CHECKING:
    from runai.exceptions import WaitFailedError, WaitTimeoutError
    from runai.waiting.clock import Clock, SystemClock
    from runai.waiting.options import WaitOptions
    from runai.waiting.progress import Progress, ProgressCallback
    from runai.waiting.waiter import Waiter

__all__ = [
    "Clock",
    "Progress",
    "ProgressCallback",
    "SystemClock",
    "WaitFailedError",
    "WaitOptions",
    "WaitTimeoutError",
    "Waiter",
]

_HOMES = {
    "Clock": "runai.waiting.clock",
    "Progress": "runai.waiting.progress",
    "ProgressCallback": "runai.waiting.progress",
    "SystemClock": "runai.waiting.clock",
    "WaitFailedError": "runai.exceptions",
    "WaitOptions": "runai.waiting.options",
    "WaitTimeoutError": "runai.exceptions",
    "Waiter": "runai.waiting.waiter",
}


if not TYPE_CHECKING:  # checkers see the imports above, and no catch-all attribute

    def __getattr__(name: str) -> Any:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module 'runai.waiting' has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(home), name)
        globals()[name] = value
        return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))
