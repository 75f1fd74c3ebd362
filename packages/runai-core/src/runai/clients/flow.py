"""The life of one request, written once as a generator and driven by each client.

A flow yields what it needs done and receives the result:

- :class:`NeedToken` -> a bearer token (the client asks its TokenManager, sync or async);
- :class:`Send`      -> an :class:`HttpResponse`, or the :class:`ApiConnectionError` raised;
- :class:`Sleep`     -> ``None`` once the delay has passed.

It returns its result (the successful :class:`HttpResponse`, or the :class:`Token` of a login) or
raises the final error, so authentication, 401 re-authentication, retries and logging behave
identically in the sync, threaded and async clients. Each client has one loop that drives every
flow, API calls and logins alike; nothing here performs I/O, so tests feed a flow by hand.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Callable, Dict, Generator, Mapping, Optional, TypeVar, Union

from runai.auth.manager import TokenManager
from runai.auth.providers import TokenAnswer, TokenProvider, TokenRequest
from runai.auth.token import Token
from runai.exceptions import ApiConnectionError, exception_for_status
from runai.retry.policy import RetryPolicy
from runai.transport.base import HttpRequest, HttpResponse
from runai.transport.secrets import split_userinfo

T = TypeVar("T")


@dataclass(frozen=True)
class NeedToken:
    """Answered with a usable bearer token."""

    __slots__ = ()


@dataclass(repr=False)  # not frozen: a frozen __init__ costs ~2 us per call; never mutated
class Send:
    """Answered with the :class:`HttpResponse` to ``request`` sent with ``headers`` (its own plus
    auth), or the :class:`ApiConnectionError` the transport raised. ``attempt`` counts the
    sendings of ``request``: 0 the first, then 1, 2... (a retry, or the repeat after a 401)."""

    __slots__ = ("attempt", "headers", "request")
    request: HttpRequest
    headers: Mapping[str, str]
    attempt: int

    def __repr__(self) -> str:  # the headers carry the token
        return f"Send({self.request.method} {self.request.url}, attempt={self.attempt})"


@dataclass(frozen=True)
class Sleep:
    """Answered with ``None`` once ``seconds`` (a delay the retry policy decided) have passed."""

    __slots__ = ("seconds",)
    seconds: float


NEED_TOKEN = NeedToken()

Event = Union[NeedToken, Send, Sleep]
Reply = Union[str, HttpResponse, ApiConnectionError, None]
Flow = Generator[Event, Reply, T]


def request_flow(
    request: HttpRequest,
    retry: RetryPolicy,
    tokens: Optional[TokenManager],
    log: logging.Logger,
    *,
    login: bool = False,
) -> Flow[HttpResponse]:
    """Send ``request`` with auth (unless ``tokens`` is None) and the retry policy applied.

    ``login``: ``request`` asks the token endpoint; it is repeated as if idempotent, and its
    final answer is returned whatever its status, for the login flow to interpret.
    """
    debug = log.isEnabledFor(logging.DEBUG)
    timed = debug or log.isEnabledFor(logging.INFO)
    method = request.method
    url = request.url
    retries = 0
    attempt = 0
    reauthenticated = False
    while True:
        headers = request.headers
        token: Optional[str] = None
        if tokens is not None:
            received = yield NEED_TOKEN
            assert isinstance(received, str)
            token = received
            headers = {**headers, "Authorization": f"Bearer {token}"}
        started = time.perf_counter() if timed else 0.0
        result = yield Send(request, headers, attempt)
        elapsed_ms = (time.perf_counter() - started) * 1000 if timed else None
        if isinstance(result, ApiConnectionError):
            delay = retry.after_error(method, result.request_sent, retries, login=login)
            if not result.retryable or delay is None:
                if debug:
                    log.debug(
                        "%s %s failed: %s (no retry)",
                        method,
                        url,
                        result,
                        extra=log_fields(request, None, attempt, elapsed_ms),
                    )
                raise result
            log.info(
                "retrying %s %s in %.2f s after %s (retry %d of %d)",
                method,
                url,
                delay,
                type(result).__name__,
                retries + 1,
                retry.max_retries,
                extra=log_fields(request, None, attempt, elapsed_ms),
            )
            yield Sleep(delay)
            retries += 1
            attempt += 1
            continue
        assert isinstance(result, HttpResponse)
        status = result.status
        if debug:
            log.debug(
                "%s %s -> %d in %.1f ms",
                method,
                url,
                status,
                elapsed_ms,
                extra=log_fields(request, status, attempt, elapsed_ms),
            )
        if status < 300:
            return result
        if (
            status == 401
            and token is not None
            and tokens is not None
            and not reauthenticated
            and tokens.discard(token)
        ):
            reauthenticated = True
            log.info(
                "%s %s got 401; re-authenticating once",
                method,
                url,
                extra=log_fields(request, status, attempt, elapsed_ms),
            )
            attempt += 1
            continue
        delay = retry.after_status(method, status, result.headers, retries, login=login)
        if delay is None:
            if login:
                return result
            raise exception_for_status(
                status,
                result.reason,
                result.headers,
                result.body.decode("utf-8", "replace"),
                method=method,
                url=url,
            )
        log.info(
            "retrying %s %s in %.2f s after status %d (retry %d of %d)",
            method,
            url,
            delay,
            status,
            retries + 1,
            retry.max_retries,
            extra=log_fields(request, status, attempt, elapsed_ms),
        )
        yield Sleep(delay)
        retries += 1
        attempt += 1


def log_fields(
    request: HttpRequest, status: Optional[int], attempt: int, elapsed_ms: Optional[float]
) -> Dict[str, object]:
    """The structured ``extra`` of a flow's log record: ``record.method``, ``record.url``
    (without credentials), ``record.status`` (``None`` without an answer), ``record.attempt``
    (0 the first sending) and ``record.elapsed_ms`` (from the sending to the answer or error)."""
    return {
        "method": request.method,
        "url": split_userinfo(request.url)[0],
        "status": status,
        "attempt": attempt,
        "elapsed_ms": None if elapsed_ms is None else round(elapsed_ms, 1),
    }


def login_flow(
    provider: TokenProvider,
    to_http: Callable[[TokenRequest], HttpRequest],
    retry: RetryPolicy,
    log: logging.Logger,
) -> Flow[Token]:
    """The provider's login, each of its token requests sent as a ``login=True`` request flow:
    retried like an idempotent request, its final answer read once and handed to the provider."""
    steps = provider.login()
    token_request = next(steps)
    while True:
        request = to_http(token_request)
        response = yield from request_flow(request, retry, None, log, login=True)
        try:
            token_request = steps.send(TokenAnswer.of(response, request.url))
        except StopIteration as done:
            token: Token = done.value
            return token
