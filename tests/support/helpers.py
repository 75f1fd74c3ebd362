"""Helpers shared by the test modules: credentials the fixture server accepts, configurations."""

from __future__ import annotations

import asyncio
import inspect
import socket
from concurrent.futures import Future
from typing import Any, Callable, Dict, List, Mapping, Optional

CLIENT_ID = "id"
CLIENT_SECRET = "s3cr3t-client-secret-value"


def build_config(server: Any, **overrides: Any) -> Any:
    """A ``Configuration`` for ``server`` with client credentials and test-friendly defaults.

    Small backoff so retries don't slow the suite, and a modest timeout so a bug can't hang it.
    Pass ``client_id=None, client_secret=None, bearer_token=...`` to switch auth method.
    """
    from runai.configuration import Configuration

    kwargs: Dict[str, Any] = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "runai_base_url": server.url,
        "retry_backoff_factor": 0.01,
        "timeout": (5.0, 10.0),
    }
    kwargs.update(overrides)
    return Configuration(**kwargs)


KINDS = ("sync", "threaded", "async")
"""The three client flavours; tests parametrize over them to prove they behave alike."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (right now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_with_client(
    kind: str, config: Any, fn: Callable[[Any], Any], retry_policy: Any = None
) -> Any:
    """Build a client of ``kind``, run ``fn(client)`` and return its settled result.

    ``fn`` returns whatever the client's call returns: an ``ApiResponse`` (sync), a ``Future``
    (threaded, resolved here) or an awaitable (async, awaited here inside a fresh event loop).
    Exceptions propagate unchanged; the client is always closed. ``retry_policy`` replaces the
    one the configuration describes (``support.retry.RecordingRetryPolicy``).
    """
    from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient

    if kind == "sync":
        with ApiClient(config, retry_policy=retry_policy) as client:
            return fn(client)
    if kind == "threaded":
        with ThreadedApiClient(config, retry_policy=retry_policy) as threaded:
            result = fn(threaded)
            return result.result(timeout=120) if isinstance(result, Future) else result
    if kind == "async":

        async def go() -> Any:
            async with AsyncApiClient(config, retry_policy=retry_policy) as client:
                result = fn(client)
                return (await result) if inspect.isawaitable(result) else result

        return asyncio.run(go())
    raise ValueError(kind)


def request_once(
    kind: str, config: Any, method: str, path: str, retry_policy: Any = None, **kwargs: Any
) -> Any:
    """One ``client.request(...)`` with a fresh client of ``kind``."""
    return run_with_client(
        kind, config, lambda c: c.request(method, path, **kwargs), retry_policy=retry_policy
    )


def call_once(
    kind: str,
    config: Any,
    op: Any,
    path_values: Optional[Mapping[str, Any]] = None,
    query: Optional[Mapping[str, Any]] = None,
    body: Any = None,
    options: Any = None,
) -> Any:
    """One ``client.call(op, ...)`` with a fresh client of ``kind``."""
    return run_with_client(kind, config, lambda c: c.call(op, path_values, query, body, options))


def secrets_of(server: Any, *extra: str) -> List[str]:
    """Every credential a test must never find in logs, reprs or messages."""
    values = [CLIENT_SECRET, *extra]
    for token in server.issued_tokens:
        values.append(token)
        values.extend(token.split(".")[1:])  # payload and signature, even if truncated
    return [v for v in values if v]


STATIC_TOKEN = "static-bearer-token-for-tests"


def bearer_config(server: Any, **overrides: Any) -> Any:
    """A ``Configuration`` that authenticates with a static bearer token ``server`` accepts."""
    server.static_tokens.add(STATIC_TOKEN)
    values: Dict[str, Any] = {"client_id": None, "client_secret": None}
    values["bearer_token"] = STATIC_TOKEN
    values.update(overrides)
    return build_config(server, **values)
