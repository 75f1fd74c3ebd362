"""Configuration(event_hooks=...): every sending and every answer seen, retries included."""

from __future__ import annotations

import asyncio
from typing import Any, List
from urllib.parse import parse_qs, urlsplit

import pytest
from runai.api_client import ApiClient, AsyncApiClient
from runai.event_hooks import RequestEvent, ResponseEvent
from runai.exceptions import ConfigurationError, NotFoundException, ServiceException
from support.calls import (
    BINARY,
    PROJECTS,
    Feed,
    download,
    project_names,
    serve_binary,
    serve_feed,
    serve_project_pages,
)
from support.helpers import KINDS, build_config, request_once, secrets_of
from support.server import FixtureServer

PATH = "/api/v1/things"
BUSY = {"code": 503, "message": "busy"}


class Recorder:
    def __init__(self) -> None:
        self.requests: List[RequestEvent] = []
        self.responses: List[ResponseEvent] = []

    def on_request(self, event: RequestEvent) -> None:
        self.requests.append(event)

    def on_response(self, event: ResponseEvent) -> None:
        self.responses.append(event)

    def hooks(self) -> Any:
        return {"request": [self.on_request], "response": [self.on_response]}


@pytest.mark.parametrize("kind", KINDS)
def test_hooks_see_every_attempt_of_a_retried_call(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH)
    seen = Recorder()
    config = build_config(fixture_server, event_hooks=seen.hooks())
    assert request_once(kind, config, "GET", PATH).status_code == 200

    calls = [e for e in seen.requests if e.url.endswith(PATH)]
    assert [(e.method, e.attempt) for e in calls] == [("GET", 0), ("GET", 1)]
    assert all(e.url == fixture_server.url + PATH for e in calls)
    assert all(e.headers["Authorization"] == "***" for e in calls)
    answers = [e for e in seen.responses if e.url.endswith(PATH)]
    assert [(e.status, e.attempt) for e in answers] == [(503, 0), (200, 1)]
    assert all(isinstance(e.elapsed_ms, float) and e.elapsed_ms >= 0 for e in answers)

    login = [e for e in seen.requests if e.url.endswith("/api/v1/token")]
    assert [(e.method, e.attempt) for e in login] == [("POST", 0)]
    assert "Authorization" not in login[0].headers
    shown = repr(seen.requests) + repr(seen.responses)
    assert not [s for s in secrets_of(fixture_server) if s in shown]


def test_async_client_awaits_coroutine_hooks(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH)
    order: List[str] = []

    async def on_request(event: RequestEvent) -> None:
        await asyncio.sleep(0)
        order.append(f"request {event.attempt}")

    def on_response(event: ResponseEvent) -> None:
        order.append(f"response {event.status}")

    config = build_config(
        fixture_server, event_hooks={"request": [on_request], "response": [on_response]}
    )

    async def go() -> None:
        async with AsyncApiClient(config) as client:
            await client.request("GET", PATH)

    asyncio.run(go())
    assert order == [
        "request 0",  # the token request
        "response 200",
        "request 0",
        "response 503",
        "request 1",
        "response 200",
    ]


def test_a_coroutine_hook_on_a_sync_client_is_a_clear_error(fixture_server: FixtureServer) -> None:
    async def on_request(event: RequestEvent) -> None:
        pass

    config = build_config(fixture_server, event_hooks={"request": [on_request]})
    with ApiClient(config) as client, pytest.raises(ConfigurationError) as raised:
        client.request("GET", PATH)
    assert "only AsyncApiClient awaits hooks" in str(raised.value)
    assert fixture_server.requests == []


class HookFailed(Exception):
    pass


@pytest.mark.parametrize("kind", KINDS)
def test_a_request_hook_that_raises_stops_the_call_before_it_is_sent(
    fixture_server: FixtureServer, kind: str
) -> None:
    def refuse(event: RequestEvent) -> None:
        if event.url.endswith(PATH):
            raise HookFailed(event.method)

    config = build_config(fixture_server, event_hooks={"request": [refuse]})
    with pytest.raises(HookFailed):
        request_once(kind, config, "GET", PATH)
    assert fixture_server.requests_to(PATH) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_response_hook_that_raises_ends_the_call_without_a_retry(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH)

    def refuse(event: ResponseEvent) -> None:
        if event.status == 503:
            raise HookFailed(event.status)

    config = build_config(fixture_server, event_hooks={"response": [refuse]})
    with pytest.raises(HookFailed):
        request_once(kind, config, "GET", PATH)
    assert len(fixture_server.requests_to(PATH)) == 1


def test_hooks_see_the_final_error_answer_too(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH, times=3)
    seen = Recorder()
    config = build_config(fixture_server, retry_max_retries=2, event_hooks=seen.hooks())
    with pytest.raises(ServiceException):
        request_once("sync", config, "GET", PATH)
    answers = [(e.status, e.attempt) for e in seen.responses if e.url.endswith(PATH)]
    assert answers == [(503, 0), (503, 1), (503, 2)]


@pytest.mark.parametrize(
    ("hooks", "said"),
    [
        ({"requests": []}, "the events are 'request' and 'response'"),
        ({"request": print}, "must be a list of functions"),
        ({"response": ["not a function"]}, "which is not callable"),
        ([print], "must be a dict"),
    ],
)
def test_bad_event_hooks_are_refused_by_the_configuration(
    fixture_server: FixtureServer, hooks: Any, said: str
) -> None:
    with pytest.raises(ConfigurationError) as raised:
        build_config(fixture_server, event_hooks=hooks)
    assert raised.value.option == "event_hooks"
    assert said in str(raised.value)


def api_events(seen: Recorder, path: str) -> List[Any]:
    """What the hooks saw of the calls to ``path`` (not the login), in order."""
    requests = [("request", e.method, e.attempt) for e in seen.requests if path in e.url]
    responses = [("response", e.status, e.attempt) for e in seen.responses if path in e.url]
    return requests + responses


@pytest.mark.parametrize("kind", KINDS)
def test_hooks_see_a_streamed_call_and_its_retry_before_the_body_is_read(
    fixture_server: FixtureServer, kind: str
) -> None:
    serve_binary(fixture_server, b"\x7fELF" * 1000)
    fixture_server.enqueue(status=503, json=BUSY, path=BINARY)
    seen = Recorder()
    at_headers: List[Any] = []

    def opened() -> None:
        at_headers.extend(api_events(seen, BINARY))

    config = build_config(fixture_server, event_hooks=seen.hooks())
    assert download(kind, config, opened) == b"\x7fELF" * 1000
    assert at_headers == [
        ("request", "GET", 0),
        ("request", "GET", 1),
        ("response", 503, 0),
        ("response", 200, 1),
    ]
    assert api_events(seen, BINARY) == at_headers  # reading the body sends nothing more
    (answer,) = [e for e in seen.responses if e.status == 200 and BINARY in e.url]
    assert answer.headers["Content-Type"] == "application/octet-stream"
    assert all(e.headers["Authorization"] == "***" for e in seen.requests if BINARY in e.url)


@pytest.mark.parametrize("kind", KINDS)
def test_hooks_see_the_error_status_of_a_streamed_call(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(status=404, json={"message": "no such binary"}, path=BINARY)
    seen = Recorder()
    with pytest.raises(NotFoundException):
        download(kind, build_config(fixture_server, event_hooks=seen.hooks()))
    assert api_events(seen, BINARY) == [("request", "GET", 0), ("response", 404, 0)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_response_hook_refusing_a_streamed_answer_closes_its_connection(
    fixture_server: FixtureServer, kind: str
) -> None:
    """The stream never reaches the caller, who cannot close it: the client must, at once."""
    feed = Feed(total=256 * 1024 * 1024)
    serve_feed(fixture_server, feed)

    def refuse(event: ResponseEvent) -> None:
        if BINARY in event.url:
            raise HookFailed(event.status)

    stopped: List[bool] = []
    config = build_config(fixture_server, event_hooks={"response": [refuse]})
    with pytest.raises(HookFailed):
        download(kind, config, after=lambda: stopped.append(feed.stopped.wait(60)))
    assert stopped == [True], "the server is still sending: the connection leaked"
    assert feed.sent < feed.total
    assert len(fixture_server.requests_to(BINARY)) == 1  # and no retry


@pytest.mark.parametrize("kind", KINDS)
def test_hooks_see_every_page_of_a_paged_list(fixture_server: FixtureServer, kind: str) -> None:
    serve_project_pages(fixture_server, ["a", "b"], ["c", "d"], ["e"])
    seen = Recorder()
    config = build_config(fixture_server, event_hooks=seen.hooks())
    assert project_names(kind, config, limit=2) == ["a", "b", "c", "d", "e"]

    pages = [e for e in seen.requests if PROJECTS in e.url]
    assert [parse_qs(urlsplit(e.url).query) for e in pages] == [
        {"limit": ["2"]},
        {"limit": ["2"], "offset": ["2"]},
        {"limit": ["2"], "offset": ["4"]},
    ]
    assert all(e.attempt == 0 and e.headers["Authorization"] == "***" for e in pages)
    answers = [(e.status, e.url) for e in seen.responses if PROJECTS in e.url]
    assert answers == [(200, e.url) for e in pages]


@pytest.mark.parametrize("kind", KINDS)
def test_hooks_see_the_retry_of_a_following_page(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(json={"projects": [{"name": "a"}], "next": 1}, path=PROJECTS)
    fixture_server.enqueue(status=503, json=BUSY, path=PROJECTS)
    fixture_server.enqueue(json={"projects": [{"name": "b"}]}, path=PROJECTS)
    seen = Recorder()
    config = build_config(fixture_server, event_hooks=seen.hooks())
    assert project_names(kind, config, limit=1) == ["a", "b"]
    answers = [
        (e.status, e.attempt, "offset=1" in e.url) for e in seen.responses if PROJECTS in e.url
    ]
    assert answers == [(200, 0, False), (503, 0, True), (200, 1, True)]


def test_an_async_hook_raising_on_the_retry_ends_the_call_there(
    fixture_server: FixtureServer,
) -> None:
    """A coroutine hook fails on the second sending: that sending never happens, no further
    one either, and the client goes on serving other calls."""
    fixture_server.enqueue(status=503, json=BUSY, path=PATH, times=2)
    attempts: List[int] = []

    async def refuse_retries(event: RequestEvent) -> None:
        await asyncio.sleep(0)
        if event.url.endswith(PATH):
            attempts.append(event.attempt)
            if event.attempt == 1:
                raise HookFailed("no retry today")

    config = build_config(fixture_server, event_hooks={"request": [refuse_retries]})

    async def go() -> None:
        async with AsyncApiClient(config) as client:
            with pytest.raises(HookFailed, match="no retry today"):
                await client.request("GET", PATH)
            assert len(fixture_server.requests_to(PATH)) == 1  # only the 503'd first sending
            assert (await client.request("GET", "/api/v1/other")).status_code == 200

    asyncio.run(go())
    assert attempts == [0, 1]
    assert fixture_server.token_requests == 1


def test_an_async_response_hook_raising_on_a_retried_answer_stops_the_retries(
    fixture_server: FixtureServer,
) -> None:
    fixture_server.enqueue(status=503, json=BUSY, path=PATH, times=3)
    statuses: List[int] = []

    async def give_up_on_the_second_503(event: ResponseEvent) -> None:
        await asyncio.sleep(0)
        if event.url.endswith(PATH):
            statuses.append(event.status)
            if event.attempt == 1:
                raise HookFailed(f"{event.status} again")

    config = build_config(fixture_server, event_hooks={"response": [give_up_on_the_second_503]})

    async def go() -> None:
        async with AsyncApiClient(config) as client:
            with pytest.raises(HookFailed, match="503 again"):
                await client.request("GET", PATH)

    asyncio.run(go())
    assert statuses == [503, 503]
    assert len(fixture_server.requests_to(PATH)) == 2


def test_an_async_hook_raising_during_the_login_of_a_retry_reaches_the_call(
    fixture_server: FixtureServer,
) -> None:
    """A 401 makes the call log in again before it repeats: a hook that raises on that token
    request ends the call with its error, and the next call logs in afresh."""
    refusing = [False]

    async def refuse_logins(event: RequestEvent) -> None:
        await asyncio.sleep(0)
        if refusing[0] and event.url.endswith("/api/v1/token"):
            raise HookFailed("login refused")

    config = build_config(fixture_server, event_hooks={"request": [refuse_logins]})

    async def go() -> None:
        async with AsyncApiClient(config) as client:
            assert (await client.request("GET", PATH)).status_code == 200
            fixture_server.expire_tokens()
            refusing[0] = True
            with pytest.raises(HookFailed, match="login refused"):
                await client.request("GET", PATH)
            refusing[0] = False
            assert (await client.request("GET", PATH)).status_code == 200

    asyncio.run(go())
    assert fixture_server.token_requests == 2
    assert [r.auth_ok for r in fixture_server.requests_to(PATH)] == [True, False, True]
