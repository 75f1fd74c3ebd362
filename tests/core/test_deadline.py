"""A total deadline per attempt: a server that trickles its answer is cut off.

The servers here send one byte every ``INTERVAL`` seconds, far inside the read timeout, so no
single read ever times out: only the deadline can end the call. Without it the whole answer
arrives (after ``SLOW`` seconds) and the test fails; with it the call raises ``ApiTimeoutError``
naming the deadline. What the server saw (how many requests) shows what was repeated. Nothing
here measures how long a call took.
"""

from __future__ import annotations

import asyncio
import math
import time
from typing import Any, Callable, Iterator

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.exceptions import ApiTimeoutError, ConfigurationError
from runai.runai_client import RunaiClient
from runai.streaming import stream
from support.helpers import KINDS, build_config, request_once
from support.raw import DripServer
from support.retry import RecordingRetryPolicy
from support.server import TOKEN_PATH, FixtureServer

PATH = "/api/v1/trickle"
INTERVAL = 0.05
READ_TIMEOUT = 1.0  # twenty intervals: a read never waits that long
SLOW = 60 * INTERVAL  # a whole trickled answer: far beyond every deadline under test
DEADLINE = 0.4
BODY = b'{"name": "slow"}'  # 16 intervals: longer than DEADLINE
TRICKLED_HEAD = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + b"X-Pad: y\r\n" * 10 + b"\r\n{}"


def trickle(body: bytes) -> Callable[[], Iterator[bytes]]:
    """A body written one byte every ``INTERVAL`` seconds."""

    def chunks() -> Iterator[bytes]:
        for index in range(len(body)):
            time.sleep(INTERVAL)
            yield body[index : index + 1]

    return chunks


def serve_trickle(
    server: FixtureServer, body: bytes, method: str = "GET", path: str = PATH, times: int = 1
) -> None:
    headers = {"Content-Type": "application/json", "Content-Length": str(len(body))}
    server.enqueue(headers=headers, stream=trickle(body), method=method, path=path, times=times)


def slow_body() -> bytes:
    return b'{"name": "' + b"x" * int(SLOW / INTERVAL) + b'"}'


def config_for(server: Any, **overrides: Any) -> Configuration:
    values = {"timeout": (2.0, READ_TIMEOUT), "request_deadline": DEADLINE}
    values.update(overrides)
    config: Configuration = build_config(server, **values)
    return config


def assert_cut_off(error: ApiTimeoutError, method: str, url: str, seconds: float) -> None:
    message = str(error)
    assert message.startswith(f"{method} {url}: ")
    assert f"deadline of {seconds:g} s" in message
    assert error.method == method and error.url == url


@pytest.mark.parametrize("kind", KINDS)
def test_a_trickled_body_is_cut_off_at_the_deadline(
    fixture_server: FixtureServer, kind: str
) -> None:
    serve_trickle(fixture_server, slow_body())
    config = config_for(fixture_server, retry_enabled=False)
    with pytest.raises(ApiTimeoutError) as info:
        request_once(kind, config, "GET", PATH)
    assert_cut_off(info.value, "GET", fixture_server.url + PATH, DEADLINE)
    assert len(fixture_server.requests_to(PATH)) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_trickled_headers_are_cut_off_at_the_deadline(kind: str) -> None:
    with DripServer(TRICKLED_HEAD, INTERVAL) as server:
        config = config_for(server, client_id=None, client_secret=None, bearer_token="t")
        with pytest.raises(ApiTimeoutError) as info:
            request_once(kind, config, "GET", PATH, retry_policy=RecordingRetryPolicy(0))
        assert_cut_off(info.value, "GET", server.url + PATH, DEADLINE)
        assert len(server.seen) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_slow_answer_within_the_deadline_arrives_whole(
    fixture_server: FixtureServer, kind: str
) -> None:
    serve_trickle(fixture_server, BODY)
    response = request_once(kind, config_for(fixture_server, request_deadline=30.0), "GET", PATH)
    assert response.status_code == 200
    assert response.data == {"name": "slow"}


@pytest.mark.parametrize("kind", KINDS)
def test_a_post_cut_off_by_the_deadline_is_not_repeated(
    fixture_server: FixtureServer, kind: str
) -> None:
    serve_trickle(fixture_server, slow_body(), method="POST", times=3)
    policy = RecordingRetryPolicy(max_retries=3)
    with pytest.raises(ApiTimeoutError) as info:
        request_once(kind, config_for(fixture_server), "POST", PATH, body={}, retry_policy=policy)
    assert_cut_off(info.value, "POST", fixture_server.url + PATH, DEADLINE)
    assert len(fixture_server.requests_to(PATH, "POST")) == 1  # the server may have acted
    assert policy.waits == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_get_cut_off_by_the_deadline_is_repeated_like_after_a_read_timeout(
    fixture_server: FixtureServer, kind: str
) -> None:
    serve_trickle(fixture_server, slow_body())  # the second attempt gets the default answer
    policy = RecordingRetryPolicy(max_retries=3)
    response = request_once(kind, config_for(fixture_server), "GET", PATH, retry_policy=policy)
    assert response.status_code == 200
    assert len(fixture_server.requests_to(PATH, "GET")) == 2
    assert len(policy.waits) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_one_number_per_call_is_the_deadline_of_that_call(
    fixture_server: FixtureServer, kind: str
) -> None:
    serve_trickle(fixture_server, slow_body())
    config = config_for(fixture_server, request_deadline=None, retry_enabled=False)
    with pytest.raises(ApiTimeoutError) as info:
        request_once(kind, config, "GET", PATH, timeout=DEADLINE)  # runapy 1.x: the total
    assert_cut_off(info.value, "GET", fixture_server.url + PATH, DEADLINE)


def test_a_pair_per_call_keeps_the_configured_deadline(fixture_server: FixtureServer) -> None:
    serve_trickle(fixture_server, slow_body())
    config = config_for(fixture_server, retry_enabled=False)
    with pytest.raises(ApiTimeoutError) as info:
        request_once("sync", config, "GET", PATH, timeout=(2.0, READ_TIMEOUT))
    assert_cut_off(info.value, "GET", fixture_server.url + PATH, DEADLINE)


def test_the_token_request_has_the_deadline_too(fixture_server: FixtureServer) -> None:
    token = fixture_server.issue_token().encode()
    serve_trickle(fixture_server, b'{"accessToken": "' + token + b'"}', "POST", TOKEN_PATH)
    config = config_for(fixture_server, retry_enabled=False)
    with ApiClient(config) as client, pytest.raises(ApiTimeoutError) as info:
        client.request("GET", PATH)
    assert_cut_off(info.value, "POST", fixture_server.url + TOKEN_PATH, DEADLINE)
    assert fixture_server.api_requests() == []  # the login never finished


def read_streamed(kind: str, config: Configuration) -> bytes:
    """The whole body of ``GET PATH``, streamed, read chunk by chunk as it trickles in."""
    if kind == "async":

        async def go() -> bytes:
            async with (
                AsyncApiClient(config) as client,
                stream(client.request, "GET", PATH) as response,
            ):
                return b"".join([chunk async for chunk in response.aiter_bytes(1)])

        return asyncio.run(go())
    if kind == "threaded":
        with (
            ThreadedApiClient(config) as threaded,
            stream(threaded.request, "GET", PATH).result(timeout=30) as streamed,
        ):
            return b"".join(streamed.iter_bytes(1))
    with ApiClient(config) as client, stream(client.request, "GET", PATH) as response:
        return b"".join(response.iter_bytes(1))


@pytest.mark.parametrize("kind", KINDS)
def test_a_streamed_body_is_read_at_the_callers_pace(
    fixture_server: FixtureServer, kind: str
) -> None:
    body = b"y" * int(2 * DEADLINE / INTERVAL)  # twice as long as the deadline
    serve_trickle(fixture_server, body)
    assert read_streamed(kind, config_for(fixture_server, retry_enabled=False)) == body


@pytest.mark.parametrize("kind", KINDS)
def test_streamed_headers_are_bounded_by_the_deadline(kind: str) -> None:
    with DripServer(TRICKLED_HEAD, INTERVAL) as server:
        config = config_for(
            server, client_id=None, client_secret=None, bearer_token="t", retry_enabled=False
        )
        with pytest.raises(ApiTimeoutError) as info:
            read_streamed(kind, config)
        assert_cut_off(info.value, "GET", server.url + PATH, DEADLINE)
        assert len(server.seen) == 1


def test_request_deadline_defaults_to_five_minutes_and_none_switches_it_off(
    fixture_server: FixtureServer,
) -> None:
    assert build_config(fixture_server).request_deadline == 300.0
    assert build_config(fixture_server, request_deadline=None).request_deadline is None
    assert build_config(fixture_server, request_deadline=2).request_deadline == 2.0


@pytest.mark.parametrize("value", [0, -1, "30", True, math.nan, math.inf, (1, 2)])
def test_a_bad_request_deadline_is_refused_naming_the_option(
    fixture_server: FixtureServer, value: Any
) -> None:
    with pytest.raises(ConfigurationError) as info:
        build_config(fixture_server, request_deadline=value)
    assert info.value.option == "request_deadline"
    assert repr(value) in str(info.value) and "None" in str(info.value)


def test_with_options_sets_the_deadline_of_its_own_calls(fixture_server: FixtureServer) -> None:
    serve_trickle(fixture_server, BODY, times=2)
    config = config_for(fixture_server, retry_enabled=False, request_deadline=None)
    with RunaiClient(ApiClient(config)) as client:
        hurried = client.with_options(request_deadline=DEADLINE)
        with pytest.raises(ApiTimeoutError) as info:
            hurried.api_client.request("GET", PATH)
        assert_cut_off(info.value, "GET", fixture_server.url + PATH, DEADLINE)
        assert client.api_client.request("GET", PATH).data == {"name": "slow"}
