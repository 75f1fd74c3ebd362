"""No call hangs: configured and per-call timeouts, refused connections.

The server answers after ``LATE`` seconds, far beyond the timeout under test and well inside
the others: a timeout that applies raises ``ApiTimeoutError``, one that does not lets the late
answer through and the test fails. Nothing here measures how long a call took.
"""

from __future__ import annotations

from typing import Tuple, Union

import pytest
from runai.api_client import ApiClient
from runai.exceptions import ApiConnectionError, ApiTimeoutError
from runai.runai_client import RunaiClient
from support.example import widgets
from support.helpers import KINDS, build_config, free_port, request_once, run_with_client
from support.retry import RecordingRetryPolicy
from support.server import FixtureServer

PATH = "/api/v1/slow"
LATE = 3.0


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("timeout", [0.3, (2.0, 0.3)])
def test_configured_timeout_raises_api_timeout_error(
    fixture_server: FixtureServer, kind: str, timeout: Union[float, Tuple[float, float]]
) -> None:
    fixture_server.enqueue(delay=LATE, path=PATH, times=5)
    config = build_config(fixture_server, timeout=timeout, retry_enabled=False)
    with pytest.raises(ApiTimeoutError) as info:
        request_once(kind, config, "GET", PATH)
    assert isinstance(info.value, ApiConnectionError)


@pytest.mark.parametrize("kind", KINDS)
def test_per_call_timeout_overrides_configuration(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(delay=LATE, path=PATH, times=5)
    config = build_config(fixture_server, timeout=(5.0, 30.0), retry_enabled=False)
    with pytest.raises(ApiTimeoutError):
        request_once(kind, config, "GET", PATH, timeout=0.3)
    assert len(fixture_server.requests_to(PATH)) == 1


def test_per_call_timeout_can_also_be_longer(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(delay=0.6, path=PATH)  # later than the configured 0.2 s
    config = build_config(fixture_server, timeout=0.2, retry_enabled=False)
    resp = request_once("sync", config, "GET", PATH, timeout=(2.0, 3.0))
    assert resp.status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_request_timeout_of_a_generated_method(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(delay=LATE, path="/api/v1/widgets", times=5)
    config = build_config(fixture_server, timeout=(5.0, 30.0), retry_enabled=False)
    with pytest.raises(ApiTimeoutError):
        run_with_client(
            kind,
            config,
            lambda c: widgets(RunaiClient(c)).list_widgets(_request_timeout=0.3),
        )


def test_slow_token_endpoint_is_bounded_too(fixture_server: FixtureServer) -> None:
    fixture_server.token_delay = LATE
    config = build_config(fixture_server, timeout=0.3, retry_enabled=False)
    with ApiClient(config) as client, pytest.raises(ApiTimeoutError):
        client.request("GET", PATH)
    assert fixture_server.requests_to(PATH) == []  # the login never finished


@pytest.mark.parametrize("kind", KINDS)
def test_connection_refused_raises_api_connection_error(kind: str) -> None:
    class _Nowhere:
        url = f"http://127.0.0.1:{free_port()}"

    config = build_config(_Nowhere, retry_max_retries=1)
    policy = RecordingRetryPolicy(max_retries=1)
    with pytest.raises(ApiConnectionError) as info:
        request_once(kind, config, "GET", PATH, retry_policy=policy)
    assert not isinstance(info.value, ApiTimeoutError)
    assert "127.0.0.1" in str(info.value)
    assert len(policy.waits) == 1  # refused before sending: retried once, then raised
