"""Closing, forking and interrupting a client: no request after close, none shared after fork."""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import signal
import subprocess
import sys
import textwrap
import threading
import time
from typing import Any, Callable

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.exceptions import ClientClosedError
from support.helpers import build_config
from support.server import FixtureServer, RecordedRequest, ScriptedResponse

PATH = "/api/v1/things"
RETRY_LATER = {"Retry-After": "20"}
"""Long enough that a test waiting out the sleep hangs (and fails its guard), never passes."""

GUARD = 15.0
"""A hang guard only: every wait below ends at once when the client behaves."""


def wait_until(condition: Callable[[], bool]) -> None:
    """Poll ``condition`` (the server's counters); fail if it never holds within GUARD."""
    deadline = time.monotonic() + GUARD
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.01)


def echo_path(req: RecordedRequest) -> ScriptedResponse:
    return ScriptedResponse(200, json={"raw_path": req.raw_path})


# close() / aclose() -----------------------------------------------------------------------


def test_sync_close_wakes_a_call_waiting_to_retry(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(status=503, headers=RETRY_LATER, path=PATH, times=5)
    client = ApiClient(build_config(fixture_server))
    outcome: concurrent.futures.Future[Any] = concurrent.futures.Future()

    def call() -> None:
        try:
            outcome.set_result(client.request("GET", PATH))
        except BaseException as exc:
            outcome.set_exception(exc)

    threading.Thread(target=call, daemon=True).start()
    wait_until(lambda: len(fixture_server.api_requests()) == 1)
    client.close()
    with pytest.raises(ClientClosedError, match="waiting to be retried"):
        outcome.result(timeout=GUARD)
    assert len(fixture_server.api_requests()) == 1
    with pytest.raises(ClientClosedError, match="closed"):
        client.request("GET", PATH)


def test_threaded_close_cancels_queued_calls_and_ends_the_sleeping_one(
    fixture_server: FixtureServer,
) -> None:
    fixture_server.enqueue(status=503, headers=RETRY_LATER, path=PATH, times=10)
    client = ThreadedApiClient(build_config(fixture_server), max_workers=1)
    running = client.request("GET", PATH)
    queued = [client.request("GET", PATH) for _ in range(5)]
    wait_until(lambda: len(fixture_server.api_requests()) == 1)
    closer = threading.Thread(target=client.close)
    closer.start()
    closer.join(GUARD)
    assert not closer.is_alive(), "close() waited for the retry sleep"
    with pytest.raises(ClientClosedError):
        running.result(timeout=GUARD)
    assert all(future.cancelled() for future in queued)
    assert len(fixture_server.api_requests()) == 1
    with pytest.raises(ClientClosedError):
        client.request("GET", PATH)


async def test_async_aclose_with_calls_in_flight_sends_nothing_more(
    fixture_server: FixtureServer,
) -> None:
    fixture_server.enqueue(status=503, headers=RETRY_LATER, path=PATH, times=10)
    client = AsyncApiClient(build_config(fixture_server))
    calls = [asyncio.ensure_future(client.request("GET", PATH)) for _ in range(4)]
    while len(fixture_server.api_requests()) < 4:
        await asyncio.sleep(0.01)
    await client.aclose()
    results = await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), timeout=GUARD)
    assert all(isinstance(result, ClientClosedError) for result in results), results
    assert len(fixture_server.api_requests()) == 4
    assert client.transport._session is None  # type: ignore[attr-defined]  # never reopened
    with pytest.raises(ClientClosedError):
        await client.request("GET", PATH)


# Ctrl-C -----------------------------------------------------------------------------------

CTRL_C_SCRIPT = textwrap.dedent(
    """
    import sys
    from runai.api_client import ThreadedApiClient
    from runai.configuration import Configuration

    config = Configuration(runai_base_url=sys.argv[1], bearer_token="t", retry_backoff_factor=0.01)
    client = ThreadedApiClient(config)
    future = client.request("GET", "/api/v1/things")
    print("waiting", flush=True)
    future.result()
    """
)


def test_ctrl_c_ends_a_threaded_retry_sleep(fixture_server: FixtureServer) -> None:
    fixture_server.require_auth = False
    fixture_server.enqueue(status=503, headers=RETRY_LATER, path=PATH, times=5)
    process = subprocess.Popen(
        [sys.executable, "-c", CTRL_C_SCRIPT, fixture_server.url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == b"waiting\n"
        wait_until(lambda: len(fixture_server.api_requests()) == 1)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=GUARD)
    finally:
        process.kill()
    assert b"KeyboardInterrupt" in stderr
    assert len(fixture_server.api_requests()) == 1  # the worker did not retry after Ctrl-C


# fork -------------------------------------------------------------------------------------

forking = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs os.fork"
)


def in_forked_child(fn: Callable[[], str]) -> str:
    """Run ``fn`` in a forked child and return what it returned (or its error, as text)."""
    context = multiprocessing.get_context("fork")
    answers: Any = context.SimpleQueue()

    def child() -> None:
        try:
            answers.put(fn())
        except BaseException as exc:  # reported to the parent, which fails the test
            answers.put(f"error: {exc!r}")

    process = context.Process(target=child)
    process.start()
    process.join(GUARD)
    if process.is_alive():
        process.kill()
        return "the child hung"
    return str(answers.get())


@forking
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@pytest.mark.parametrize("kind", ["sync", "threaded"])
def test_forked_child_never_uses_the_parents_connection(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.default_response = echo_path
    config = build_config(fixture_server)
    client: Any = ApiClient(config) if kind == "sync" else ThreadedApiClient(config)

    def call(who: str) -> str:
        response = client.request("GET", PATH, query={"who": who})
        if kind == "threaded":
            response = response.result(timeout=GUARD)
        return str(response.data["raw_path"])

    try:
        assert call("parent") == f"{PATH}?who=parent"  # a pooled connection now exists
        parent_port = fixture_server.api_requests()[-1].client_address[1]
        assert in_forked_child(lambda: call("child")) == f"{PATH}?who=child"
        child_request = fixture_server.api_requests()[-1]
        assert child_request.raw_path == f"{PATH}?who=child"
        assert child_request.client_address[1] != parent_port
        assert call("parent-again") == f"{PATH}?who=parent-again"
    finally:
        client.close()
