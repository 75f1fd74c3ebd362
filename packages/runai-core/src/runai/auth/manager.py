"""Single-flight token cache shared by all requests of one client."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Awaitable, Callable, Optional

from runai.auth.providers import TokenProvider
from runai.auth.token import Token

if TYPE_CHECKING:
    import asyncio

LoginSync = Callable[[], Token]
LoginAsync = Callable[[], Awaitable[Token]]


class TokenManager:
    """Hands out a usable token, fetching a new one at most once at a time.

    The fast path is lock-free: a token that is not within ``refresh_margin`` seconds of expiry
    is returned as is. Otherwise the first caller logs in while every other caller waits on the
    lock, then finds the fresh token (double-checked), so 50 threads or 500 tasks arriving at
    the moment of expiry cause exactly one token request. When that login fails, every caller
    that was waiting for it gets its error at once: the callers share one deadline rather than
    logging in again one after another.

    The login itself (``login``, given by the client) drives the provider's login flow with the
    client's own loop and transport.
    """

    def __init__(self, provider: TokenProvider, refresh_margin: float, auto_refresh: bool) -> None:
        self.provider = provider
        self._margin = float(refresh_margin) if auto_refresh else None
        self._token: Optional[Token] = provider.initial_token()
        self._lock = threading.Lock()
        self._async_lock: Optional[asyncio.Lock] = None
        self._logins = 0
        self._failure: Optional[BaseException] = None

    def after_fork(self) -> None:
        """New locks in a forked child: a parent's thread may have held them at the fork."""
        self._lock = threading.Lock()
        self._async_lock = None

    def _shared_failure(self, logins_seen: int) -> Optional[BaseException]:
        """The error of a login that ended while this caller waited for it, if it failed."""
        return self._failure if self._logins != logins_seen else None

    def _finish(self, token: Optional[Token], failure: Optional[BaseException]) -> None:
        self._logins += 1
        self._failure = failure
        if token is not None:
            self._token = token

    def _current(self) -> Optional[str]:
        token = self._token
        if token is None:
            return None
        if (
            self._margin is not None
            and self.provider.refreshable
            and not token.usable(self._margin)
        ):
            return None
        return token.value

    def discard(self, value: str) -> bool:
        """Forget ``value`` after a 401; True when a new token can be obtained."""
        if not self.provider.refreshable:
            return False
        token = self._token
        if token is not None and token.value == value:
            self._token = None
        return True

    def get(self, login: LoginSync) -> str:
        value = self._current()
        if value is not None:
            return value
        logins_seen = self._logins
        with self._lock:
            value = self._current()
            if value is not None:
                return value
            failure = self._shared_failure(logins_seen)
            if failure is not None:
                raise failure
            try:
                token = login()
            except Exception as exc:
                self._finish(None, exc)
                raise
            self._finish(token, None)
            return token.value

    async def get_async(self, login: LoginAsync) -> str:
        value = self._current()
        if value is not None:
            return value
        if self._async_lock is None:
            import asyncio  # here, not at module level: sync clients never pay for importing it

            self._async_lock = asyncio.Lock()
        logins_seen = self._logins
        async with self._async_lock:
            value = self._current()
            if value is not None:
                return value
            failure = self._shared_failure(logins_seen)
            if failure is not None:
                raise failure
            try:
                token = await login()
            except Exception as exc:
                self._finish(None, exc)
                raise
            self._finish(token, None)
            return token.value
