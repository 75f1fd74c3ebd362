"""The life of one request, written once as a generator and driven by each client.

The generator yields what it needs done and receives the result:

- ``(TOKEN, None)``   -> a bearer token (the client asks its TokenManager, sync or async);
- ``(SEND, headers)`` -> an :class:`HttpResponse`, or the :class:`ApiConnectionError` raised;
- ``(SLEEP, seconds)``-> ``None`` once the delay has passed.

It returns the successful :class:`HttpResponse` or raises the final error, so authentication,
401 re-authentication, retries and logging behave identically in the sync, threaded and async
clients.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Generator, Optional, Tuple, Union

from runai.auth.manager import TokenManager
from runai.exceptions import ApiConnectionError, exception_for_status
from runai.retry.policy import RetryPolicy
from runai.transport.base import HttpRequest, HttpResponse

TOKEN = 0
SEND = 1
SLEEP = 2

Action = Tuple[int, Any]
Flow = Generator[Action, Union[str, HttpResponse, ApiConnectionError, None], HttpResponse]


def request_flow(
    request: HttpRequest,
    retry: RetryPolicy,
    tokens: Optional[TokenManager],
    log: logging.Logger,
    *,
    login: bool = False,
) -> Flow:
    """Send ``request`` with auth (unless ``tokens`` is None) and the retry policy applied;
    ``login``: ``request`` asks the token endpoint, and is repeated as if idempotent."""
    debug = log.isEnabledFor(logging.DEBUG)
    attempt = 0
    reauthenticated = False
    while True:
        headers = request.headers
        token: Optional[str] = None
        if tokens is not None:
            received = yield (TOKEN, None)
            assert isinstance(received, str)
            token = received
            headers = {**headers, "Authorization": f"Bearer {token}"}
        started = time.perf_counter() if debug else 0.0
        result = yield (SEND, headers)
        if isinstance(result, ApiConnectionError):
            delay = retry.after_error(request.method, result.request_sent, attempt, login=login)
            if not result.retryable or delay is None:
                if debug:
                    log.debug("%s %s failed: %s (no retry)", request.method, request.url, result)
                raise result
            log.info(
                "retrying %s %s in %.2f s after %s (retry %d of %d)",
                request.method,
                request.url,
                delay,
                type(result).__name__,
                attempt + 1,
                retry.max_retries,
            )
            yield (SLEEP, delay)
            attempt += 1
            continue
        assert isinstance(result, HttpResponse)
        status = result.status
        if debug:
            log.debug(
                "%s %s -> %d in %.1f ms",
                request.method,
                request.url,
                status,
                (time.perf_counter() - started) * 1000,
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
            log.info("%s %s got 401; re-authenticating once", request.method, request.url)
            continue
        delay = retry.after_status(request.method, status, result.headers, attempt, login=login)
        if delay is None:
            raise exception_for_status(
                status,
                result.reason,
                result.headers,
                result.body.decode("utf-8", "replace"),
                method=request.method,
                url=request.url,
            )
        log.info(
            "retrying %s %s in %.2f s after status %d (retry %d of %d)",
            request.method,
            request.url,
            delay,
            status,
            attempt + 1,
            retry.max_retries,
        )
        yield (SLEEP, delay)
        attempt += 1
