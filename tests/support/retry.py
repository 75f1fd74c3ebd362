"""A retry policy that records the waits it decides instead of sleeping through them.

Tests read the delay the policy chose (``Retry-After``, backoff) from ``waits`` rather than
timing the client, so a slow or busy machine cannot make them fail or pass by accident.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, List, Optional

from runai.retry.policy import RetryPolicy


class RecordingRetryPolicy(RetryPolicy):
    """Appends every decided wait to ``waits`` and returns at once.

    ``on_sleep(seconds)``, when given, runs in place of the wait (sync and async clients alike):
    a test uses it to change the world between two attempts, deterministically.
    """

    def __init__(
        self, *args: Any, on_sleep: Optional[Callable[[float], None]] = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.waits: List[float] = []
        self._on_sleep = on_sleep

    def sleep(self, seconds: float, wake: Optional[threading.Event] = None) -> None:
        self.waits.append(seconds)
        if self._on_sleep is not None:
            self._on_sleep(seconds)

    async def sleep_async(self, seconds: float) -> None:
        self.sleep(seconds)
