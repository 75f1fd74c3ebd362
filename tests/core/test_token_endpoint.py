"""A failing token endpoint: retried as idempotent, clear errors, one deadline for its waiters."""

from __future__ import annotations

import asyncio
import concurrent.futures
from typing import Any, List

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.exceptions import ApiException, ApiTimeoutError
from support.helpers import CLIENT_SECRET, KINDS, build_config, request_once
from support.server import TOKEN_PATH, FixtureServer

PATH = "/api/v1/things"
CALLERS = 8


@pytest.mark.parametrize("kind", KINDS)
def test_one_500_from_the_token_endpoint_is_retried(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(status=500, json={"message": "boom"}, method="POST", path=TOKEN_PATH)
    response = request_once(kind, build_config(fixture_server), "GET", PATH)
    assert response.status_code == 200
    assert fixture_server.token_requests == 2


@pytest.mark.parametrize("kind", KINDS)
def test_a_reset_connection_to_the_token_endpoint_is_retried(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(drop=True, method="POST", path=TOKEN_PATH)
    response = request_once(kind, build_config(fixture_server), "GET", PATH)
    assert response.status_code == 200
    assert fixture_server.token_requests == 2


@pytest.mark.parametrize("kind", KINDS)
def test_wrong_credentials_are_not_retried(fixture_server: FixtureServer, kind: str) -> None:
    config = build_config(fixture_server, client_secret="not-the-secret")
    with pytest.raises(ApiException) as info:
        request_once(kind, config, "GET", PATH)
    assert info.value.status == 401
    assert fixture_server.token_requests == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_captive_portal_page_gets_a_clear_error(fixture_server: FixtureServer, kind: str) -> None:
    page = "<html><head><title>Sign in to the guest Wi-Fi</title></head><body>...</body></html>"
    fixture_server.enqueue(
        body=page, headers={"Content-Type": "text/html"}, method="POST", path=TOKEN_PATH
    )
    with pytest.raises(ApiException) as info:
        request_once(kind, build_config(fixture_server), "GET", PATH)
    message = str(info.value)
    assert "(200) OK" in message
    assert "text/html" in message
    assert "<html><head><title>Sign in" in message
    assert "accessToken" in message
    assert CLIENT_SECRET not in message
    assert fixture_server.api_requests() == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_token_answer_without_access_token_names_its_fields_not_their_values(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(
        json={"token": "opaque-value-1234", "expiresIn": 60}, method="POST", path=TOKEN_PATH
    )
    with pytest.raises(ApiException) as info:
        request_once(kind, build_config(fixture_server), "GET", PATH)
    message = str(info.value)
    assert "application/json" in message
    assert "expiresIn, token" in message
    assert "opaque-value-1234" not in message


def _timeout_config(server: FixtureServer) -> Any:
    server.token_delay = 5.0
    return build_config(server, timeout=(5.0, 0.5), retry_enabled=False)


def test_callers_waiting_for_one_login_share_its_failure_sync(
    fixture_server: FixtureServer,
) -> None:
    client = ApiClient(_timeout_config(fixture_server))
    with client, concurrent.futures.ThreadPoolExecutor(CALLERS) as pool:
        calls = [pool.submit(client.request, "GET", PATH) for _ in range(CALLERS)]
        errors = [call.exception(timeout=60) for call in calls]
    assert all(isinstance(error, ApiTimeoutError) for error in errors), errors
    assert fixture_server.token_requests == 1


def test_callers_waiting_for_one_login_share_its_failure_threaded(
    fixture_server: FixtureServer,
) -> None:
    with ThreadedApiClient(_timeout_config(fixture_server), max_workers=CALLERS) as client:
        calls = [client.request("GET", PATH) for _ in range(CALLERS)]
        errors = [call.exception(timeout=60) for call in calls]
    assert all(isinstance(error, ApiTimeoutError) for error in errors), errors
    assert fixture_server.token_requests == 1


async def test_callers_waiting_for_one_login_share_its_failure_async(
    fixture_server: FixtureServer,
) -> None:
    async with AsyncApiClient(_timeout_config(fixture_server)) as client:
        results: List[Any] = await asyncio.gather(
            *(client.request("GET", PATH) for _ in range(CALLERS)), return_exceptions=True
        )
    assert all(isinstance(result, ApiTimeoutError) for result in results), results
    assert fixture_server.token_requests == 1


def test_the_next_caller_after_a_failed_login_tries_again(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(status=500, method="POST", path=TOKEN_PATH)
    config = build_config(fixture_server, retry_enabled=False)
    with ApiClient(config) as client:
        with pytest.raises(ApiException):
            client.request("GET", PATH)
        assert client.request("GET", PATH).status_code == 200
    assert fixture_server.token_requests == 2
