"""One object decides whether and when a failed attempt is repeated."""

from __future__ import annotations

import copy
import email.utils
import random
import threading
import time
from typing import TYPE_CHECKING, Callable, Mapping, Optional

from runai.operation import IDEMPOTENT_METHODS

if TYPE_CHECKING:
    from runai.configuration import Configuration

RETRYABLE_STATUSES_IDEMPOTENT = frozenset({429, 502, 503, 504})
RETRYABLE_STATUSES_LOGIN = RETRYABLE_STATUSES_IDEMPOTENT | {500}
"""A token request creates nothing, so a failed login (a 500 too) is simply asked again."""


class RetryPolicy:
    """Exponential backoff with jitter, honouring ``Retry-After``.

    What may be repeated:

    - a failure before the request reached the server (connection refused, DNS): any method;
    - for idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS): read errors and timeouts, 429,
      502, 503 and 504;
    - for POST and PATCH, which would duplicate work if the server had acted on them: only 429,
      and 503 when the server sent ``Retry-After`` (it explicitly asks for a later repeat).

    409 and every other 4xx are final: in this API 409 means "already exists".

    A token request (``login=True``) creates nothing: it is repeated like an idempotent request,
    after a 500 as well.

    A ``Retry-After`` up to ``retry_after_max`` seconds is waited exactly; a longer one means the
    server will not serve the request soon, so the error is raised at once rather than blocking
    the caller (the header stays available on the exception).

    The clients wait through :meth:`sleep` (sync and threaded) and :meth:`sleep_async` (async), so
    a subclass can observe or shorten the waits the policy decides, e.g. in tests.
    """

    def __init__(
        self,
        max_retries: int = 3,
        backoff_factor: float = 0.5,
        backoff_max: float = 30.0,
        retry_after_max: float = 60.0,
        enabled: bool = True,
        *,
        uniform: Callable[[float, float], float] = random.uniform,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``uniform(a, b)`` draws the jitter and ``clock()`` says the wall-clock time (for an
        HTTP-date ``Retry-After``): injected, a test feeds the policy and reads exact delays."""
        self.max_retries: int = max_retries if enabled else 0
        self._uniform = uniform
        self._clock = clock
        self.backoff_factor = backoff_factor
        self.backoff_max = backoff_max
        self.retry_after_max = retry_after_max

    @classmethod
    def from_configuration(cls, config: Configuration) -> RetryPolicy:
        return cls(
            max_retries=config.retry_max_retries,
            backoff_factor=config.retry_backoff_factor,
            enabled=config.retry_enabled,
        )

    def adjusted(
        self, *, max_retries: Optional[int] = None, backoff_factor: Optional[float] = None
    ) -> RetryPolicy:
        """This policy with other numbers (``None`` keeps one), for a client made by
        ``with_options``: a copy of the same class, so a subclass observing the waits still
        does; the policy itself when nothing changes."""
        if max_retries is None and backoff_factor is None:
            return self
        policy = copy.copy(self)
        if max_retries is not None:
            policy.max_retries = max_retries
        if backoff_factor is not None:
            policy.backoff_factor = backoff_factor
        return policy

    def backoff(self, attempt: int) -> float:
        """Delay before retry number ``attempt + 1``: half fixed, half random ("equal jitter")."""
        ceiling = min(self.backoff_max, self.backoff_factor * (2**attempt))
        return float(ceiling / 2 + self._uniform(0, ceiling / 2))

    def after_status(
        self,
        method: str,
        status: int,
        headers: Mapping[str, str],
        attempt: int,
        *,
        login: bool = False,
    ) -> Optional[float]:
        """Seconds to wait before repeating a request that got ``status``, or ``None``."""
        if attempt >= self.max_retries:
            return None
        retry_after = _retry_after(headers, self._clock)
        if login:
            if status not in RETRYABLE_STATUSES_LOGIN:
                return None
        elif method in IDEMPOTENT_METHODS:
            if status not in RETRYABLE_STATUSES_IDEMPOTENT:
                return None
        elif not (status == 429 or (status == 503 and retry_after is not None)):
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.retry_after_max else None
        return self.backoff(attempt)

    def after_error(
        self, method: str, request_sent: bool, attempt: int, *, login: bool = False
    ) -> Optional[float]:
        """Seconds to wait before repeating a request that failed without an answer, or ``None``."""
        if attempt >= self.max_retries:
            return None
        if request_sent and not login and method not in IDEMPOTENT_METHODS:
            return None
        return self.backoff(attempt)

    def sleep(self, seconds: float, wake: Optional[threading.Event] = None) -> None:
        """Block the calling thread for a delay this policy decided; ``wake`` (set when the
        client closes, Ctrl-C included) ends the wait early."""
        if wake is None:
            time.sleep(seconds)
        else:
            wake.wait(seconds)

    async def sleep_async(self, seconds: float) -> None:
        """Suspend the calling task for a delay this policy decided."""
        import asyncio  # here, not at module level: sync clients never pay for importing it

        await asyncio.sleep(seconds)

    def __repr__(self) -> str:
        return (
            f"RetryPolicy(max_retries={self.max_retries}, backoff_factor={self.backoff_factor}, "
            f"backoff_max={self.backoff_max}, retry_after_max={self.retry_after_max})"
        )


def _retry_after(headers: Mapping[str, str], clock: Callable[[], float]) -> Optional[float]:
    value = headers.get("retry-after") or headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - clock())
