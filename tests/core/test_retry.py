"""The retry policy as a user sees it: which answers are repeated, how often, how long apart.

How long apart is read from the waits the policy decides (``RecordingRetryPolicy``), never from
a clock: the tests do not sleep and a busy machine cannot change their outcome.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import time
from typing import List, Optional, Tuple, Union

import pytest
from runai.exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ConflictException,
    ServiceException,
    TooManyRequestsException,
)
from runai.retry.policy import RetryPolicy
from support.helpers import KINDS, build_config, free_port, request_once
from support.retry import RecordingRetryPolicy
from support.server import FixtureServer

PATH = "/api/v1/things"
BUSY = {"code": 503, "message": "control plane busy"}


def _hits(srv: FixtureServer, method: Optional[str] = None) -> int:
    return len(srv.requests_to(PATH, method))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_get_is_retried_on_transient_status(
    fixture_server: FixtureServer, kind: str, status: int
) -> None:
    fixture_server.enqueue(status=status, json=BUSY, path=PATH, times=2)
    resp = request_once(kind, build_config(fixture_server), "GET", PATH)
    assert resp.status_code == 200
    assert _hits(fixture_server) == 3


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_other_idempotent_methods_are_retried_on_503(
    fixture_server: FixtureServer, method: str
) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH)
    resp = request_once("sync", build_config(fixture_server), method, PATH, body={"a": 1})
    assert resp.status_code == 200
    assert _hits(fixture_server, method) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_get_is_retried_after_dropped_connection(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(drop=True, path=PATH)
    resp = request_once(kind, build_config(fixture_server), "GET", PATH)
    assert resp.status_code == 200
    assert _hits(fixture_server) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_get_is_retried_after_read_timeout(fixture_server: FixtureServer, kind: str) -> None:
    # Without the read timeout the first answer would arrive (after 3 s) and count as one hit.
    fixture_server.enqueue(delay=3, path=PATH)
    resp = request_once(kind, build_config(fixture_server, timeout=(2.0, 0.4)), "GET", PATH)
    assert resp.status_code == 200
    assert _hits(fixture_server) == 2


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_post_and_patch_are_retried_on_429(
    fixture_server: FixtureServer, kind: str, method: str
) -> None:
    fixture_server.enqueue(status=429, json={"code": 429, "message": "slow down"}, path=PATH)
    resp = request_once(kind, build_config(fixture_server), method, PATH, body={"name": "w"})
    assert resp.status_code == 200
    assert _hits(fixture_server, method) == 2


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_post_and_patch_503_without_retry_after_is_not_repeated(
    fixture_server: FixtureServer, kind: str, method: str
) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH, times=5)
    with pytest.raises(ServiceException) as info:
        request_once(kind, build_config(fixture_server), method, PATH, body={"name": "w"})
    assert info.value.status == 503
    assert _hits(fixture_server, method) == 1  # no duplicated workload


def test_post_503_with_retry_after_is_repeated_after_the_delay(
    fixture_server: FixtureServer,
) -> None:
    fixture_server.enqueue(status=503, json=BUSY, headers={"Retry-After": "7"}, path=PATH)
    policy = RecordingRetryPolicy(backoff_factor=0.01)
    config = build_config(fixture_server)
    resp = request_once("sync", config, "POST", PATH, body={"name": "w"}, retry_policy=policy)
    assert resp.status_code == 200
    assert _hits(fixture_server, "POST") == 2
    assert policy.waits == [7.0]  # what the server asked for, not a backoff


@pytest.mark.parametrize("status", [500, 502, 504])
def test_post_is_not_repeated_on_other_5xx(fixture_server: FixtureServer, status: int) -> None:
    fixture_server.enqueue(status=status, json={"code": status, "message": "x"}, path=PATH)
    with pytest.raises(ServiceException):
        request_once("sync", build_config(fixture_server), "POST", PATH, body={"name": "w"})
    assert _hits(fixture_server, "POST") == 1


@pytest.mark.parametrize("kind", KINDS)
def test_post_dropped_after_sending_is_not_repeated(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(drop=True, path=PATH, times=5)
    with pytest.raises(ApiConnectionError):
        request_once(kind, build_config(fixture_server), "POST", PATH, body={"name": "w"})
    assert _hits(fixture_server, "POST") == 1


@pytest.mark.parametrize("kind", KINDS)
def test_post_read_timeout_is_not_repeated(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(delay=2, path=PATH, times=5)
    config = build_config(fixture_server, timeout=(2.0, 0.3))
    with pytest.raises(ApiTimeoutError):
        request_once(kind, config, "POST", PATH, body={"name": "w"})
    assert _hits(fixture_server, "POST") == 1


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_post_is_retried_when_the_connection_was_refused(kind: str) -> None:
    # Nothing listens at first; the server comes up while the client backs off. The POST never
    # reached anybody before, so repeating it is safe -- and it must arrive exactly once.
    port = free_port()
    server = FixtureServer(port=port)
    server.static_tokens.add("tok")

    def start_server(_: float) -> None:
        server.start()

    policy = RecordingRetryPolicy(max_retries=1, on_sleep=start_server)

    class _Url:
        url = f"http://127.0.0.1:{port}"

    config = build_config(_Url, client_id=None, client_secret=None, bearer_token="tok")
    try:
        resp = request_once(kind, config, "POST", PATH, body={"name": "w"}, retry_policy=policy)
    finally:
        server.stop()
    server.raise_handler_errors()
    assert resp.status_code == 200
    assert len(policy.waits) == 1
    assert len(server.requests_to(PATH, "POST")) == 1


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("status", [400, 403, 404, 409, 422])
def test_4xx_is_never_retried(fixture_server: FixtureServer, method: str, status: int) -> None:
    fixture_server.enqueue(status=status, json={"code": status, "message": "no"}, path=PATH)
    with pytest.raises(ApiException) as info:
        request_once("sync", build_config(fixture_server), method, PATH)
    assert info.value.status == status
    assert _hits(fixture_server) == 1


def test_409_already_exists_is_final(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(status=409, json={"code": 409, "message": "exists"}, path=PATH)
    with pytest.raises(ConflictException):
        request_once("async", build_config(fixture_server), "POST", PATH, body={"name": "w"})
    assert _hits(fixture_server) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_retry_disabled(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH, times=5)
    with pytest.raises(ServiceException):
        request_once(kind, build_config(fixture_server, retry_enabled=False), "GET", PATH)
    assert _hits(fixture_server) == 1

    fixture_server.clear()
    fixture_server.enqueue(drop=True, path=PATH, times=5)
    with pytest.raises(ApiConnectionError):
        request_once(kind, build_config(fixture_server, retry_enabled=False), "GET", PATH)
    assert _hits(fixture_server) == 1


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("retries", [0, 1, 2])
def test_max_retries_respected_then_service_exception(
    fixture_server: FixtureServer, kind: str, retries: int
) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH, times=10)
    config = build_config(fixture_server, retry_max_retries=retries)
    with pytest.raises(ServiceException) as info:
        request_once(kind, config, "GET", PATH)
    assert info.value.status == 503
    assert "control plane busy" in str(info.value)
    assert _hits(fixture_server) == 1 + retries


def test_exhausted_429_raises_too_many_requests(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(status=429, json={"code": 429, "message": "slow"}, path=PATH, times=9)
    with pytest.raises(TooManyRequestsException) as info:
        request_once("sync", build_config(fixture_server, retry_max_retries=2), "GET", PATH)
    assert info.value.status == 429
    assert _hits(fixture_server) == 3


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_seconds_is_honoured(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(status=429, headers={"Retry-After": "2"}, path=PATH)
    policy = RecordingRetryPolicy(backoff_factor=0.01)
    resp = request_once(kind, build_config(fixture_server), "GET", PATH, retry_policy=policy)
    assert resp.status_code == 200
    assert _hits(fixture_server) == 2
    assert policy.waits == [2.0]


def test_retry_after_as_an_http_date(fixture_server: FixtureServer) -> None:
    passed = email.utils.format_datetime(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), True)
    fixture_server.enqueue(status=503, json=BUSY, headers={"Retry-After": passed}, path=PATH)
    policy = RecordingRetryPolicy(backoff_factor=0.01)
    resp = request_once("sync", build_config(fixture_server), "GET", PATH, retry_policy=policy)
    assert resp.status_code == 200
    assert policy.waits == [0.0]  # a moment already past: repeat at once


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_up_to_the_cap_is_waited_exactly(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(status=503, json=BUSY, headers={"Retry-After": "60"}, path=PATH)
    policy = RecordingRetryPolicy(retry_after_max=60)
    resp = request_once(kind, build_config(fixture_server), "GET", PATH, retry_policy=policy)
    assert resp.status_code == 200
    assert policy.waits == [60.0]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("retry_after", ["61", "100000"])
def test_huge_retry_after_is_capped(
    fixture_server: FixtureServer, kind: str, retry_after: str
) -> None:
    # Longer than retry_after_max: the policy decides not to wait at all and the caller gets
    # the 503 at once, with the server's Retry-After on the exception to decide for itself.
    fixture_server.enqueue(
        status=503, json=BUSY, headers={"Retry-After": retry_after}, path=PATH, times=2
    )
    policy = RecordingRetryPolicy(retry_after_max=60)
    with pytest.raises(ServiceException) as info:
        request_once(kind, build_config(fixture_server), "GET", PATH, retry_policy=policy)
    assert policy.waits == []
    assert _hits(fixture_server) == 1
    assert info.value.status == 503
    assert info.value.headers["Retry-After"] == retry_after


@pytest.mark.parametrize("kind", KINDS)
def test_backoff_doubles_with_jitter(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH, times=3)
    policy = RecordingRetryPolicy(max_retries=3, backoff_factor=1.0, backoff_max=3.0)
    resp = request_once(kind, build_config(fixture_server), "GET", PATH, retry_policy=policy)
    assert resp.status_code == 200
    assert len(policy.waits) == 3
    for wait, ceiling in zip(policy.waits, (1.0, 2.0, 3.0)):  # the third is capped by backoff_max
        assert ceiling / 2 <= wait <= ceiling


def test_the_default_policy_really_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    # The clients wait only through RetryPolicy.sleep/sleep_async: they must reach the real
    # time.sleep and asyncio.sleep (recorded here, so nothing waits).
    slept: List[Union[float, Tuple[str, float]]] = []
    monkeypatch.setattr(time, "sleep", slept.append)

    async def fake_async_sleep(seconds: float) -> None:
        slept.append(("async", seconds))

    monkeypatch.setattr(asyncio, "sleep", fake_async_sleep)
    policy = RetryPolicy()
    policy.sleep(1.5)
    asyncio.run(policy.sleep_async(2.5))
    assert slept == [1.5, ("async", 2.5)]
