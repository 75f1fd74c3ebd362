"""Token refresh: before expiry, single-flight under concurrency, and 401 re-authentication.

Nothing waits for a token to age: the server mints tokens whose lifetime is already inside the
client's refresh margin (``INSIDE``) or far outside it (``OUTSIDE``).
"""

from __future__ import annotations

import asyncio
import threading
from typing import List, Optional

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.exceptions import UnauthorizedException
from runai.response import ApiResponse
from support.helpers import build_config
from support.server import FixtureServer

MARGIN = 600
INSIDE = 300  # lifetime of a token the client must replace before using it again
OUTSIDE = 3600


def test_refreshes_before_expiry_by_margin(fixture_server: FixtureServer) -> None:
    fixture_server.token_lifetime = INSIDE
    with ApiClient(build_config(fixture_server, token_refresh_margin=MARGIN)) as client:
        client.request("GET", "/api/v1/a")
        fixture_server.token_lifetime = OUTSIDE
        client.request("GET", "/api/v1/b")  # the first token is inside the margin: refreshed
        client.request("GET", "/api/v1/c")  # the second is not: kept
    assert fixture_server.token_requests == 2
    assert fixture_server.auth_failures == 0  # refreshed before the server refused anything
    first, second = fixture_server.issued_tokens
    assert [r.bearer for r in fixture_server.api_requests()] == [first, second, second]


def test_no_refresh_while_token_is_outside_the_margin(fixture_server: FixtureServer) -> None:
    fixture_server.token_lifetime = OUTSIDE
    with ApiClient(build_config(fixture_server, token_refresh_margin=MARGIN)) as client:
        for _ in range(5):
            client.request("GET", "/api/v1/a")
    assert fixture_server.token_requests == 1


def test_auto_refresh_disabled_still_reauthenticates_on_401(fixture_server: FixtureServer) -> None:
    fixture_server.token_lifetime = INSIDE
    config = build_config(fixture_server, token_refresh_margin=MARGIN, auto_refresh_token=False)
    with ApiClient(config) as client:
        client.request("GET", "/api/v1/a")
        client.request("GET", "/api/v1/b")  # inside the margin: a proactive client would refresh
        assert fixture_server.token_requests == 1

        fixture_server.expire_tokens()
        assert client.request("GET", "/api/v1/c").status_code == 200
    assert fixture_server.token_requests == 2


def _prepare_expiring_login(srv: FixtureServer) -> None:
    """The first token is minted inside the refresh margin: every later caller must refresh."""
    srv.token_lifetime = INSIDE
    srv.token_delay = 0.0


def _after_first_login(srv: FixtureServer) -> None:
    """The server now refuses the first token, so a caller that used it would show up as an
    auth failure; the refresh is slow, so that callers pile up behind it (they are counted
    either way: one login is right however they overlap)."""
    srv.expire_tokens()
    srv.token_lifetime = OUTSIDE
    srv.token_delay = 0.3
    srv.clear()


@pytest.mark.parametrize("flavour", ["threads-on-ApiClient", "ThreadedApiClient"])
def test_single_flight_refresh_with_50_threads(fixture_server: FixtureServer, flavour: str) -> None:
    _prepare_expiring_login(fixture_server)
    n = 50
    config = build_config(fixture_server, token_refresh_margin=MARGIN, pool_maxsize=8)
    results: List[Optional[ApiResponse[object]]] = [None] * n
    if flavour == "ThreadedApiClient":
        threaded = ThreadedApiClient(config, max_workers=n)
        threaded.request("GET", "/api/v1/warmup").get(timeout=30)
        _after_first_login(fixture_server)
        try:
            futures = [threaded.request("GET", f"/api/v1/t/{i}") for i in range(n)]
            results = [f.get(timeout=60) for f in futures]
        finally:
            threaded.close()
    else:
        client = ApiClient(config)
        client.request("GET", "/api/v1/warmup")
        _after_first_login(fixture_server)
        barrier = threading.Barrier(n)
        errors: List[Exception] = []

        def worker(i: int) -> None:
            barrier.wait()
            try:
                results[i] = client.request("GET", f"/api/v1/t/{i}")
            except Exception as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        client.close()
        assert errors == []

    assert all(r is not None and r.status_code == 200 for r in results)
    assert fixture_server.token_requests == 1
    assert fixture_server.auth_failures == 0  # nobody went ahead with the expired token
    new_token = fixture_server.issued_tokens[1]
    assert {r.bearer for r in fixture_server.api_requests()} == {new_token}


async def test_single_flight_refresh_with_500_tasks(fixture_server: FixtureServer) -> None:
    _prepare_expiring_login(fixture_server)
    config = build_config(fixture_server, token_refresh_margin=MARGIN, pool_maxsize=8)
    async with AsyncApiClient(config) as client:
        await client.request("GET", "/api/v1/warmup")
        await asyncio.get_running_loop().run_in_executor(None, _after_first_login, fixture_server)
        results = await asyncio.gather(
            *(client.request("GET", f"/api/v1/t/{i}") for i in range(500))
        )
    assert all(r.status_code == 200 for r in results)
    assert fixture_server.token_requests == 1
    assert fixture_server.auth_failures == 0
    assert {r.bearer for r in fixture_server.api_requests()} == {fixture_server.issued_tokens[1]}


def test_401_discards_token_reauthenticates_and_replays_once(
    fixture_server: FixtureServer,
) -> None:
    with ApiClient(build_config(fixture_server)) as client:
        client.request("GET", "/api/v1/a")
        fixture_server.expire_tokens()  # the client still believes its token is fresh
        resp = client.request("GET", "/api/v1/b")
    assert resp.status_code == 200
    assert fixture_server.token_requests == 2
    rejected, replayed = fixture_server.requests_to("/api/v1/b")
    assert rejected.auth_ok is False and replayed.auth_ok is True
    assert replayed.bearer == fixture_server.issued_tokens[1]


def test_401_replays_a_post_once(fixture_server: FixtureServer) -> None:
    # A 401 means the server refused before acting, so even a POST is safely replayed once.
    with ApiClient(build_config(fixture_server)) as client:
        client.request("GET", "/api/v1/a")
        fixture_server.expire_tokens()
        resp = client.request("POST", "/api/v1/things", body={"name": "x"})
    assert resp.status_code == 200
    posts = fixture_server.requests_to("/api/v1/things", "POST")
    assert [p.auth_ok for p in posts] == [False, True]
    assert [p.json() for p in posts] == [{"name": "x"}, {"name": "x"}]


async def test_401_reauth_async(fixture_server: FixtureServer) -> None:
    async with AsyncApiClient(build_config(fixture_server)) as client:
        await client.request("GET", "/api/v1/a")
        fixture_server.expire_tokens()
        resp = await client.request("GET", "/api/v1/b")
    assert resp.status_code == 200
    assert fixture_server.token_requests == 2


def test_second_401_raises_instead_of_looping(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(
        status=401, json={"code": 401, "message": "token revoked"}, path="/api/v1/b", times=5
    )
    with ApiClient(build_config(fixture_server)) as client:
        client.request("GET", "/api/v1/a")
        with pytest.raises(UnauthorizedException) as info:
            client.request("GET", "/api/v1/b")
    assert info.value.status == 401
    assert "token revoked" in str(info.value)
    assert len(fixture_server.requests_to("/api/v1/b")) == 2  # original + one replay
    assert fixture_server.token_requests == 2  # initial login + one re-authentication


def test_concurrent_401s_on_the_same_token_cause_one_login(fixture_server: FixtureServer) -> None:
    n = 20
    client = ApiClient(build_config(fixture_server, pool_maxsize=8))
    try:
        client.request("GET", "/api/v1/a")
        fixture_server.expire_tokens()
        fixture_server.token_delay = 0.2
        barrier = threading.Barrier(n)
        statuses = []

        def worker() -> None:
            barrier.wait()
            statuses.append(client.request("GET", "/api/v1/b").status_code)

        threads = [threading.Thread(target=worker) for _ in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        client.close()
    assert statuses == [200] * n
    assert fixture_server.token_requests == 2  # the stale token is discarded once, not n times
