"""The three clients: same requests on the wire, futures, closing, warnings, the event loop."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import gc
import multiprocessing
import threading
import warnings
from typing import List, Union

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.coroutine import ApiCoroutine
from runai.exceptions import NotFoundException
from runai.operation import Operation, QueryParam
from runai.request.options import RequestOptions
from runai.response import ApiResponse
from runai.runai_client import RunaiClient
from runai_example_category.models import WidgetCreationRequest, WidgetList
from support.example import widgets
from support.helpers import KINDS, bearer_config, build_config, call_once, run_with_client
from support.server import TOKEN_PATH, FixtureServer, RecordedRequest

GATE_TIMEOUT = 30.0
"""How long a held answer waits for what the test expects; reached only when the test fails."""


def _hold_until_all_arrive(srv: FixtureServer, path: str, parties: int) -> None:
    """Answer ``path`` only once ``parties`` requests to it are in flight at the same time.

    Requests made one after another never fill the barrier: the first waits in vain, the
    barrier breaks and the server's error fails the test.
    """
    barrier = threading.Barrier(parties, timeout=GATE_TIMEOUT)

    def hold(req: RecordedRequest) -> None:
        if req.path == path:
            barrier.wait()

    srv.on_request = hold


UPDATE = Operation(
    operation_id="update_widget",
    method="PATCH",
    path="/api/v1/clusters/{clusterId}/widgets/{widgetId}",
    path_params=("clusterId", "widgetId"),
    query_params=(QueryParam("filterBy"), QueryParam("dryRun"), QueryParam("since")),
    body_media_type="application/json",
    body_model="runai_example_category.models:WidgetCreationRequest",
)
TRANSPORT_HEADERS = {"accept-encoding", "connection", "keep-alive", "host", "content-length"}


def test_three_clients_send_identical_requests(fixture_server: FixtureServer) -> None:
    args = (
        UPDATE,
        {"clusterId": "c_1 /#?", "widgetId": "w%1é"},
        {
            "filterBy": ["name==a b", "x=@y"],
            "dryRun": True,
            "since": dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc),
            "ignored": None,
        },
        WidgetCreationRequest(name="w", gpu_count=2, labels=["a", "b"]),
        RequestOptions(headers={"X-Trace": "t-1"}),
    )
    seen = []
    for kind in KINDS:
        fixture_server.clear()
        call_once(kind, bearer_config(fixture_server), *args)
        (req,) = fixture_server.api_requests()
        headers = {k.lower(): v for k, v in req.headers.items()}
        seen.append(
            (
                req.method,
                req.raw_path,
                req.body,
                {k: v for k, v in headers.items() if k not in TRANSPORT_HEADERS},
            )
        )
    assert seen[0] == seen[1], "sync and threaded clients differ"
    assert seen[0] == seen[2], "sync and async clients differ"
    method, _, body, headers = seen[0]
    assert method == "PATCH"
    assert headers["content-type"].startswith("application/json")
    assert headers["x-trace"] == "t-1"
    assert body  # a JSON body was sent


def test_base_url_with_trailing_slash(fixture_server: FixtureServer) -> None:
    config = bearer_config(fixture_server, runai_base_url=fixture_server.url + "/")
    run_with_client("sync", config, lambda c: c.request("GET", "/api/v1/x"))
    assert fixture_server.api_requests()[0].raw_path == "/api/v1/x"


def test_response_object(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(json={"items": [1, 2]}, headers={"X-Total": "2"})
    resp = run_with_client(
        "sync", bearer_config(fixture_server), lambda c: c.request("GET", "/api/v1/i")
    )
    assert isinstance(resp, ApiResponse)
    assert resp.status_code == 200
    assert resp.data == {"items": [1, 2]}
    assert resp.headers["X-Total"] == "2"
    assert resp.raw == b'{"items": [1, 2]}'


@pytest.mark.parametrize("kind", KINDS)
def test_sequential_calls_reuse_one_connection(fixture_server: FixtureServer, kind: str) -> None:
    async def acalls(client: AsyncApiClient) -> None:
        for i in range(5):
            await client.request("GET", f"/api/v1/k/{i}")

    def calls(client: Union[ApiClient, ThreadedApiClient]) -> None:
        for i in range(5):
            result = client.request("GET", f"/api/v1/k/{i}")
            if isinstance(result, concurrent.futures.Future):
                result.result(timeout=10)

    run_with_client(kind, build_config(fixture_server), acalls if kind == "async" else calls)
    ports = {r.client_address[1] for r in fixture_server.requests}
    assert len(fixture_server.requests) == 6  # login + 5 calls
    assert len(ports) == 1, f"keep-alive not used: {len(ports)} connections"


# -------------------------------------------------------------------------------- threaded


def test_threaded_returns_futures_with_get(fixture_server: FixtureServer) -> None:
    with ThreadedApiClient(bearer_config(fixture_server)) as client:
        future = client.request("GET", "/api/v1/a")
        assert isinstance(future, concurrent.futures.Future)
        assert future.get(timeout=10).status_code == 200
        assert future.result().status_code == 200

        fixture_server.enqueue(status=404, json={"code": 404, "message": "gone"})
        failing = client.request("GET", "/api/v1/missing")
        with pytest.raises(NotFoundException):
            failing.get(timeout=10)

        released = threading.Event()

        def hold(req: RecordedRequest) -> None:
            if req.path == "/api/v1/slow" and not released.wait(GATE_TIMEOUT):
                raise AssertionError("the test never released /api/v1/slow")

        fixture_server.on_request = hold
        slow = client.request("GET", "/api/v1/slow")
        with pytest.raises(
            (concurrent.futures.TimeoutError, multiprocessing.TimeoutError, TimeoutError)
        ):
            slow.get(timeout=0.05)  # the server holds the answer: get() gives up, the call goes on
        assert not slow.done()
        released.set()
        assert slow.get(timeout=10).status_code == 200


def test_threaded_client_runs_calls_in_parallel(fixture_server: FixtureServer) -> None:
    _hold_until_all_arrive(fixture_server, "/api/v1/slow", 4)
    with ThreadedApiClient(bearer_config(fixture_server), max_workers=4) as client:
        futures = [client.request("GET", "/api/v1/slow") for _ in range(4)]
        assert all(f.get(timeout=60).status_code == 200 for f in futures)


def test_threaded_client_is_safe_from_many_threads(fixture_server: FixtureServer) -> None:
    results: List[int] = []
    errors: List[Exception] = []
    with ThreadedApiClient(build_config(fixture_server)) as client:

        def user(i: int) -> None:
            try:
                futures = [client.request("GET", f"/api/v1/u/{i}/{j}") for j in range(5)]
                results.extend(f.get(timeout=60).status_code for f in futures)
            except Exception as exc:
                errors.append(exc)

        threads = [threading.Thread(target=user, args=(i,)) for i in range(30)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert errors == []
    assert results == [200] * 150
    assert fixture_server.token_requests == 1
    assert len(fixture_server.api_requests()) == 150
    assert all(r.auth_ok for r in fixture_server.api_requests())


@pytest.mark.parametrize("kind", ["sync", "threaded"])
def test_call_after_close_fails_clearly(fixture_server: FixtureServer, kind: str) -> None:
    cls = ApiClient if kind == "sync" else ThreadedApiClient
    client = cls(bearer_config(fixture_server))
    client.close()
    with pytest.raises(Exception, match=r"(?i)closed") as info:
        result = client.request("GET", "/api/v1/a")
        if isinstance(result, concurrent.futures.Future):
            result.result(timeout=10)
    assert not isinstance(info.value, (AttributeError, TypeError))
    assert fixture_server.api_requests() == []
    client.close()  # closing twice is harmless


async def test_async_call_after_close_fails_clearly(fixture_server: FixtureServer) -> None:
    client = AsyncApiClient(bearer_config(fixture_server))
    await client.request("GET", "/api/v1/a")
    await client.aclose()
    with pytest.raises(Exception, match=r"(?i)closed"):
        await client.request("GET", "/api/v1/b")
    assert [r.path for r in fixture_server.api_requests()] == ["/api/v1/a"]


# ----------------------------------------------------------------------------------- async


def _problem_warnings(caught: List[warnings.WarningMessage]) -> List[str]:
    return [
        str(w.message)
        for w in caught
        if "nclosed" in str(w.message) or "never awaited" in str(w.message)
    ]


def test_async_client_leaves_no_warnings(fixture_server: FixtureServer) -> None:
    async def use() -> None:
        async with AsyncApiClient(build_config(fixture_server)) as client:
            await client.request("GET", "/api/v1/a")
        idle = AsyncApiClient(build_config(fixture_server))  # never used
        await idle.aclose()
        async with RunaiClient(AsyncApiClient(build_config(fixture_server))) as rc:
            await widgets(rc).list_widgets()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(use())
        gc.collect()
    assert _problem_warnings(caught) == []


def test_async_client_built_outside_the_loop(fixture_server: FixtureServer) -> None:
    # The README builds the client first and runs the coroutine later.
    client = RunaiClient(AsyncApiClient(build_config(fixture_server)))

    async def main() -> ApiResponse[WidgetList]:
        async with client:
            return await widgets(client).list_widgets()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        resp = asyncio.run(main())
        gc.collect()
    assert resp.status_code == 200
    assert _problem_warnings(caught) == []


async def test_async_calls_are_the_api_coroutine_they_declare(
    fixture_server: FixtureServer,
) -> None:
    async with RunaiClient(AsyncApiClient(bearer_config(fixture_server))) as client:
        call = widgets(client).list_widgets()
        assert isinstance(call, ApiCoroutine)
        task = asyncio.create_task(call)
        assert (await task).status_code == 200


async def test_async_calls_run_concurrently(fixture_server: FixtureServer) -> None:
    n = 10
    _hold_until_all_arrive(fixture_server, "/api/v1/slow", n)
    async with AsyncApiClient(bearer_config(fixture_server, pool_maxsize=n)) as client:
        results = await asyncio.gather(*(client.request("GET", "/api/v1/slow") for _ in range(n)))
    assert [r.status_code for r in results] == [200] * n


async def test_async_client_never_blocks_the_event_loop(fixture_server: FixtureServer) -> None:
    # The server holds the login and then the call until a task on the client's own event loop
    # lets each through: a client that blocked the loop while waiting would hold it forever
    # (and the server gives up after GATE_TIMEOUT and fails the test).
    arrived = {TOKEN_PATH: threading.Event(), "/api/v1/slow": threading.Event()}
    released = {path: threading.Event() for path in arrived}

    def hold(req: RecordedRequest) -> None:
        if req.path in arrived:
            arrived[req.path].set()
            if not released[req.path].wait(GATE_TIMEOUT):
                raise AssertionError(f"the event loop never released {req.path}")

    fixture_server.on_request = hold
    loop = asyncio.get_running_loop()

    async def release_each_in_turn() -> None:
        for path in (TOKEN_PATH, "/api/v1/slow"):
            await loop.run_in_executor(None, arrived[path].wait, GATE_TIMEOUT)
            released[path].set()

    releaser = asyncio.ensure_future(release_each_in_turn())
    async with AsyncApiClient(build_config(fixture_server)) as client:
        resp = await client.request("GET", "/api/v1/slow")
    await releaser
    assert resp.status_code == 200
    assert fixture_server.token_requests == 1


# ----------------------------------------------------------------------------- RunaiClient


def test_runai_client_keyword_form(fixture_server: FixtureServer) -> None:
    token = fixture_server.issue_token()
    client = RunaiClient(cluster_id="c-1", bearer_token=token, runai_base_url=fixture_server.url)
    with client:
        assert widgets(client).list_widgets().status_code == 200
    assert fixture_server.api_requests()[0].bearer == token
    assert fixture_server.token_requests == 0


@pytest.mark.parametrize("kind", KINDS)
def test_runai_client_over_each_client(fixture_server: FixtureServer, kind: str) -> None:
    resp = run_with_client(
        kind,
        bearer_config(fixture_server),
        lambda c: widgets(RunaiClient(c)).get_widget("w 1"),
    )
    assert resp.status_code == 200
    assert fixture_server.api_requests()[0].raw_path == "/api/v1/widgets/w%201"
