"""Errors a user catches: the class for each status, what they carry, what they never show."""

from __future__ import annotations

import pytest
from runai import exceptions as exc_mod
from runai.api_client import ApiClient
from runai.exceptions import ApiException, NotFoundException
from runai.runai_client import RunaiClient
from support.example import widgets
from support.helpers import (
    CLIENT_SECRET,
    KINDS,
    STATIC_TOKEN,
    bearer_config,
    build_config,
    request_once,
    secrets_of,
)
from support.server import TOKEN_PATH, FixtureServer


@pytest.mark.parametrize("kind", KINDS)
def test_404_carries_status_reason_headers_body_and_data(
    fixture_server: FixtureServer, kind: str
) -> None:
    error = {"code": 404, "message": "project 'team-a' not found", "details": "check the name"}
    fixture_server.enqueue(status=404, json=error, headers={"X-Request-Id": "req-77"})
    with pytest.raises(NotFoundException) as info:
        request_once(kind, build_config(fixture_server), "GET", "/api/v1/projects/team-a")
    exc = info.value
    assert isinstance(exc, ApiException)
    assert exc.status == 404
    assert exc.reason == "Not Found"
    assert {k.lower(): v for k, v in exc.headers.items()}["x-request-id"] == "req-77"
    assert "project 'team-a' not found" in (exc.body or "")
    assert exc.data == error
    message = str(exc)
    assert "404" in message and "project 'team-a' not found" in message
    for secret in secrets_of(fixture_server):
        assert secret not in message and secret not in repr(exc)


@pytest.mark.parametrize(
    "status, name",
    [
        (400, "BadRequestException"),
        (401, "UnauthorizedException"),
        (403, "ForbiddenException"),
        (404, "NotFoundException"),
        (409, "ConflictException"),
        (422, "UnprocessableEntityException"),
        (429, "TooManyRequestsException"),
        (500, "ServiceException"),
        (503, "ServiceException"),
    ],
)
def test_status_maps_to_the_documented_exception(
    fixture_server: FixtureServer, status: int, name: str
) -> None:
    fixture_server.enqueue(status=status, json={"code": status, "message": "nope"}, times=3)
    config = build_config(fixture_server, retry_enabled=False)
    with pytest.raises(getattr(exc_mod, name)) as info:
        request_once("sync", config, "POST", "/api/v1/things", body={"a": 1})
    assert info.value.status == status
    assert isinstance(info.value, ApiException)


def test_unlisted_status_raises_plain_api_exception(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(status=418, json={"code": 418, "message": "teapot"})
    with pytest.raises(ApiException) as info:
        request_once("sync", build_config(fixture_server), "GET", "/api/v1/pot")
    assert info.value.status == 418
    assert "teapot" in str(info.value)


def test_non_json_error_body_is_kept_as_text(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(
        status=500, body="upstream exploded", headers={"Content-Type": "text/plain"}
    )
    config = build_config(fixture_server, retry_enabled=False)
    with pytest.raises(exc_mod.ServiceException) as info:
        request_once("sync", config, "GET", "/api/v1/x")
    assert info.value.body == "upstream exploded"
    assert info.value.data is None
    assert "upstream exploded" in str(info.value)


def test_error_from_a_generated_method(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(status=404, json={"code": 404, "message": "no widget w9"})
    client = RunaiClient(ApiClient(bearer_config(fixture_server)))
    with client, pytest.raises(NotFoundException) as info:
        widgets(client).get_widget("w9")
    assert "no widget w9" in str(info.value)
    assert STATIC_TOKEN not in str(info.value) and STATIC_TOKEN not in repr(info.value)


def test_token_endpoint_failure_does_not_leak_the_secret(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(
        status=500, json={"code": 500, "message": "idp down"}, path=TOKEN_PATH, times=10
    )
    with pytest.raises(ApiException) as info:
        request_once("sync", build_config(fixture_server), "GET", "/api/v1/x")
    exc = info.value
    assert exc.status == 500
    texts = [str(exc), repr(exc), str(exc.args), str(exc.body), str(exc.headers)]
    assert not any(CLIENT_SECRET in t for t in texts)
