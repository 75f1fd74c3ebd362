"""Waiting for a resource to reach a phase: ``client.workloads.workloads.wait_until_running(id)``.

Generated groups declare their waiters as :class:`Waiter` data; :mod:`runai.waiting.engine`
polls through the client's normal request flow (auth, retry policy) until a success phase, a
failure phase, a 404 for deletions, or the timeout.
"""

from __future__ import annotations

from runai.exceptions import WaitFailedError, WaitTimeoutError
from runai.waiting.clock import Clock, SystemClock
from runai.waiting.progress import Progress, ProgressCallback
from runai.waiting.waiter import Waiter, WaitOptions

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
