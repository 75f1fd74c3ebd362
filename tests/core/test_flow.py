"""The request and login flows fed by hand: no socket, no client, only the events they yield.

Each test plays the client's part: it answers the flow's events with responses and errors and
checks what the flow asks for next (a token, a sending and its attempt number, a sleep and its
length) and what it ends with.
"""

from __future__ import annotations

import json
import logging
from typing import Dict, List, Mapping, Optional, Union

import pytest
from runai.auth.manager import TokenManager
from runai.auth.providers import ClientCredentialsProvider
from runai.auth.token import Token
from runai.clients.flow import (
    NEED_TOKEN,
    Event,
    Flow,
    NeedToken,
    Send,
    Sleep,
    login_flow,
    request_flow,
)
from runai.exceptions import (
    ApiConnectionError,
    ApiException,
    ServiceException,
    UnauthorizedException,
)
from runai.retry.policy import RetryPolicy
from runai.transport.base import HttpRequest, HttpResponse

LOG = logging.getLogger("runai.test_flow")
BASE = "https://cp.example"


def policy(max_retries: int = 3) -> RetryPolicy:
    """Backoff 1, 2, 4... s exactly: the jitter draws its highest value."""
    return RetryPolicy(max_retries=max_retries, backoff_factor=1.0, uniform=lambda low, high: high)


def request(method: str = "GET", path: str = "/api/v1/org-unit/projects") -> HttpRequest:
    return HttpRequest(method, BASE + path, {"Accept": "application/json"}, None, (1.0, 1.0))


def answer(
    status: int, body: object = None, headers: Optional[Dict[str, str]] = None
) -> HttpResponse:
    raw = b"" if body is None else json.dumps(body).encode()
    return HttpResponse(
        status, "reason", {"Content-Type": "application/json", **(headers or {})}, raw
    )


def tokens() -> TokenManager:
    return TokenManager(ClientCredentialsProvider("app", "s3cret"), 60, True)


Reply = Union[str, HttpResponse, ApiConnectionError, None]


class Player:
    """Steps a flow: ``events`` holds everything it yielded, in order."""

    def __init__(self, flow: Flow[object]) -> None:
        self.flow = flow
        self.events: List[Event] = [next(flow)]

    @property
    def last(self) -> Event:
        return self.events[-1]

    def reply(self, value: Reply) -> Event:
        self.events.append(self.flow.send(value))
        return self.last

    def finish(self, value: Reply) -> object:
        with pytest.raises(StopIteration) as done:
            self.flow.send(value)
        return done.value.value


def sent(event: Event) -> Send:
    assert isinstance(event, Send), event
    return event


def auth_of(headers: Mapping[str, str]) -> str:
    return headers["Authorization"]


def test_a_call_asks_for_a_token_then_sends_it() -> None:
    player = Player(request_flow(request(), policy(), tokens(), LOG))
    assert player.last is NEED_TOKEN
    send = sent(player.reply("tok-1"))
    assert (send.request.method, send.attempt) == ("GET", 0)
    assert auth_of(send.headers) == "Bearer tok-1"
    assert send.headers["Accept"] == "application/json"
    ok = answer(200, {"projects": []})
    assert player.finish(ok) is ok


def test_transient_statuses_sleep_the_backoff_then_send_again_with_the_next_attempt() -> None:
    player = Player(request_flow(request(), policy(), tokens(), LOG))
    player.reply("tok")
    assert player.reply(answer(503)) == Sleep(1.0)
    assert player.reply(None) == NeedToken()
    assert sent(player.reply("tok")).attempt == 1
    assert player.reply(answer(502)) == Sleep(2.0)
    player.reply(None)
    assert sent(player.reply("tok")).attempt == 2
    ok = answer(200)
    assert player.finish(ok) is ok


def test_retry_after_is_the_sleep() -> None:
    player = Player(request_flow(request("POST"), policy(), tokens(), LOG))
    player.reply("tok")
    assert player.reply(answer(429, headers={"Retry-After": "7"})) == Sleep(7.0)


def test_retries_end_with_the_exception_of_the_last_status() -> None:
    player = Player(request_flow(request(), policy(max_retries=1), tokens(), LOG))
    player.reply("tok")
    assert isinstance(player.reply(answer(503)), Sleep)
    player.reply(None)
    player.reply("tok")
    with pytest.raises(ServiceException) as raised:
        player.flow.send(answer(503, {"message": "still busy"}))
    assert raised.value.status == 503
    assert "still busy" in str(raised.value)
    assert raised.value.url == BASE + "/api/v1/org-unit/projects"


def test_a_post_that_failed_with_500_is_not_sent_again() -> None:
    player = Player(request_flow(request("POST"), policy(), tokens(), LOG))
    player.reply("tok")
    with pytest.raises(ServiceException):
        player.flow.send(answer(500))


def test_a_401_asks_for_a_new_token_once_and_sends_again() -> None:
    manager = tokens()
    manager._token = Token("old")
    player = Player(request_flow(request(), policy(), manager, LOG))
    assert auth_of(sent(player.reply("old")).headers) == "Bearer old"
    assert player.reply(answer(401)) is NEED_TOKEN
    assert manager._token is None, "the rejected token was not forgotten"
    again = sent(player.reply("new"))
    assert (auth_of(again.headers), again.attempt) == ("Bearer new", 1)
    with pytest.raises(UnauthorizedException):
        player.flow.send(answer(401))


def test_a_401_with_a_static_token_is_final() -> None:
    from runai.auth.providers import StaticTokenProvider

    manager = TokenManager(StaticTokenProvider("static"), 60, True)
    player = Player(request_flow(request(), policy(), manager, LOG))
    player.reply("static")
    with pytest.raises(UnauthorizedException):
        player.flow.send(answer(401))


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_a_request_that_may_have_acted_is_never_sent_again(method: str) -> None:
    player = Player(request_flow(request(method), policy(), tokens(), LOG))
    player.reply("tok")
    lost = ApiConnectionError("connection reset", method=method, request_sent=True)
    with pytest.raises(ApiConnectionError) as raised:
        player.flow.send(lost)
    assert raised.value is lost


def test_a_post_that_never_left_is_sent_again() -> None:
    player = Player(request_flow(request("POST"), policy(), tokens(), LOG))
    player.reply("tok")
    refused = ApiConnectionError("connection refused", method="POST", request_sent=False)
    assert player.reply(refused) == Sleep(1.0)
    player.reply(None)
    assert sent(player.reply("tok")).attempt == 1


def test_a_get_whose_answer_was_lost_is_sent_again() -> None:
    player = Player(request_flow(request(), policy(), tokens(), LOG))
    player.reply("tok")
    assert player.reply(ApiConnectionError("reset", request_sent=True)) == Sleep(1.0)


def test_an_unretryable_connection_error_is_raised_at_once() -> None:
    player = Player(request_flow(request(), policy(), tokens(), LOG))
    player.reply("tok")
    with pytest.raises(ApiConnectionError):
        player.flow.send(ApiConnectionError("bad certificate", request_sent=False, retryable=False))


def token_request_of(event: Event) -> Dict[str, object]:
    send = sent(event)
    assert send.request.method == "POST"
    assert send.request.url == BASE + "/api/v1/token"
    assert "Authorization" not in send.headers
    assert send.request.body is not None
    body: Dict[str, object] = json.loads(send.request.body)
    return body


def to_http(token_request: object) -> HttpRequest:
    from runai.auth.providers import TokenRequest

    assert isinstance(token_request, TokenRequest)
    return HttpRequest(
        "POST", BASE + token_request.path, {}, json.dumps(token_request.body).encode(), (1.0, 1.0)
    )


def login(max_retries: int = 3) -> Player:
    provider = ClientCredentialsProvider("app", "s3cret")
    return Player(login_flow(provider, to_http, policy(max_retries), LOG))


def test_a_login_sends_the_credentials_and_returns_the_token() -> None:
    player = login()
    assert token_request_of(player.last)["grantType"] == "client_credentials"
    token = player.finish(answer(200, {"accessToken": "fresh", "expiresIn": 3600}))
    assert isinstance(token, Token) and token.value == "fresh"


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429])
def test_a_login_is_retried_after_a_server_error(status: int) -> None:
    player = login()
    assert player.reply(answer(status)) == Sleep(1.0)
    again = player.reply(None)
    assert sent(again).attempt == 1
    assert token_request_of(again)["grantType"] == "client_credentials"
    token = player.finish(answer(200, {"accessToken": "fresh"}))
    assert isinstance(token, Token) and token.value == "fresh"


def test_a_login_whose_answer_was_lost_is_sent_again() -> None:
    player = login()
    assert player.reply(ApiConnectionError("reset", method="POST", request_sent=True)) == Sleep(1.0)


def test_a_login_that_stays_unavailable_fails_with_the_last_answer() -> None:
    player = login(max_retries=1)
    player.reply(answer(503))
    player.reply(None)
    with pytest.raises(ServiceException) as raised:
        player.flow.send(answer(503, {"message": "maintenance"}))
    message = str(raised.value)
    assert "login with grant type client_credentials failed" in message
    assert "maintenance" in message
    assert raised.value.data == {"message": "maintenance"}


def test_an_old_control_plane_gets_the_app_token_grant_after_a_400() -> None:
    player = login()
    fallback = player.reply(answer(400, {"message": "unsupported grant type"}))
    assert sent(fallback).attempt == 0, "the fallback is a new request, not a retry"
    assert token_request_of(fallback)["grantType"] == "app_token"
    token = player.finish(answer(200, {"accessToken": "old-style"}))
    assert isinstance(token, Token) and token.value == "old-style"


def test_a_refused_login_is_not_retried_and_names_the_status() -> None:
    player = login()
    player.reply(answer(400, {"message": "unsupported grant type"}))
    with pytest.raises(ApiException) as raised:
        player.flow.send(answer(401, {"message": "bad secret"}))
    assert raised.value.status == 401
    assert "bad secret" in str(raised.value) and "app_token" in str(raised.value)


def test_a_2xx_login_answer_without_a_token_is_a_clear_error() -> None:
    player = login()
    with pytest.raises(ApiException) as raised:
        player.flow.send(HttpResponse(200, "OK", {"Content-Type": "text/html"}, b"<html>sign in"))
    assert "no accessToken" in str(raised.value) and "text/html" in str(raised.value)


def test_events_show_no_token_in_their_repr() -> None:
    event = Send(request(), {"Authorization": "Bearer secret-token-value"}, 0)
    assert "secret-token-value" not in repr(event)
    assert "GET" in repr(event)
