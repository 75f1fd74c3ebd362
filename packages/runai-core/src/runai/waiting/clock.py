"""The time source of waiters, replaceable so that tests never sleep or race the wall clock."""

from __future__ import annotations

import random
import time


class Clock:
    """Monotonic time, sleeping (blocking and awaitable) and the jitter source of a waiter.

    Pass a subclass as ``_clock=`` to a ``wait_until_*`` method to drive time yourself.
    """

    def now(self) -> float:
        """Seconds on a monotonic scale."""
        raise NotImplementedError

    def sleep(self, seconds: float) -> None:
        """Block the calling thread (sync and threaded clients)."""
        raise NotImplementedError

    async def asleep(self, seconds: float) -> None:
        """Suspend the calling task (async client)."""
        raise NotImplementedError

    def jitter(self) -> float:
        """A number in [0, 1) that spreads the polls of many waiters apart."""
        raise NotImplementedError


class SystemClock(Clock):
    """``time.monotonic``, ``time.sleep``, ``asyncio.sleep`` and ``random.random``."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        import asyncio  # here, not at the top: importing a group must not cost asyncio

        await asyncio.sleep(seconds)

    def jitter(self) -> float:
        return random.random()
