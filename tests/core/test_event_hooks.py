"""Configuration(event_hooks=...): every sending and every answer seen, retries included."""

from __future__ import annotations

import asyncio
from typing import Any, List

import pytest
from runai.api_client import ApiClient, AsyncApiClient
from runai.event_hooks import RequestEvent, ResponseEvent
from runai.exceptions import ConfigurationError, ServiceException
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
