"""How long a waiter sleeps between two polls."""

from __future__ import annotations

from runai.waiting.clock import Clock

GROWTH = 1.5
"""Each poll that sees no change waits this much longer than the one before."""
CEILING = 30.0
"""Longest pause between two polls, unless ``poll_interval`` itself is longer."""
SPREAD = 0.2
"""Jitter: a pause is its nominal length give or take this fraction."""


class Backoff:
    """Starts at ``poll_interval``, grows while nothing changes, starts over on a change."""

    def __init__(self, poll_interval: float, clock: Clock) -> None:
        self.first = poll_interval
        self.ceiling = max(poll_interval, CEILING)
        self.clock = clock
        self.nominal = poll_interval

    def reset(self) -> None:
        self.nominal = self.first

    def next(self) -> float:
        pause = self.nominal * (1 - SPREAD + 2 * SPREAD * self.clock.jitter())
        self.nominal = min(self.ceiling, self.nominal * GROWTH)
        return pause
