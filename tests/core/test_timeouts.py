"""No call hangs: configured and per-call timeouts, refused connections."""

from __future__ import annotations

import time

import pytest
from runai.api_client import ApiClient
from runai.exceptions import ApiConnectionError, ApiTimeoutError
from runai.runai_client import RunaiClient
from support.helpers import KINDS, build_config, free_port, request_once, run_with_client
from support.server import FixtureServer

PATH = "/api/v1/slow"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("timeout", [0.3, (2.0, 0.3)])
def test_configured_timeout_raises_api_timeout_error(
    fixture_server: FixtureServer, kind, timeout
) -> None:
    fixture_server.enqueue(delay=3, path=PATH, times=5)
    config = build_config(fixture_server, timeout=timeout, retry_enabled=False)
    start = time.monotonic()
    with pytest.raises(ApiTimeoutError) as info:
        request_once(kind, config, "GET", PATH)
    assert time.monotonic() - start < 2.5
    assert isinstance(info.value, ApiConnectionError)


@pytest.mark.parametrize("kind", KINDS)
def test_per_call_timeout_overrides_configuration(fixture_server: FixtureServer, kind) -> None:
    fixture_server.enqueue(delay=3, path=PATH, times=5)
    config = build_config(fixture_server, timeout=(5.0, 30.0), retry_enabled=False)
    start = time.monotonic()
    with pytest.raises(ApiTimeoutError):
        request_once(kind, config, "GET", PATH, timeout=0.3)
    assert time.monotonic() - start < 2.5


def test_per_call_timeout_can_also_be_longer(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(delay=0.6, path=PATH)
    config = build_config(fixture_server, timeout=0.2, retry_enabled=False)
    resp = request_once("sync", config, "GET", PATH, timeout=(2.0, 3.0))
    assert resp.status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_request_timeout_of_a_generated_method(fixture_server: FixtureServer, kind) -> None:
    fixture_server.enqueue(delay=3, path="/api/v1/widgets", times=5)
    config = build_config(fixture_server, timeout=(5.0, 30.0), retry_enabled=False)
    start = time.monotonic()
    with pytest.raises(ApiTimeoutError):
        run_with_client(
            kind,
            config,
            lambda c: RunaiClient(c).example.widgets.list_widgets(_request_timeout=0.3),
        )
    assert time.monotonic() - start < 2.5


def test_slow_token_endpoint_is_bounded_too(fixture_server: FixtureServer) -> None:
    fixture_server.token_delay = 3
    config = build_config(fixture_server, timeout=0.3, retry_enabled=False)
    start = time.monotonic()
    with ApiClient(config) as client, pytest.raises(ApiTimeoutError):
        client.request("GET", PATH)
    assert time.monotonic() - start < 2.5


@pytest.mark.parametrize("kind", KINDS)
def test_connection_refused_raises_api_connection_error(kind) -> None:
    class _Nowhere:
        url = f"http://127.0.0.1:{free_port()}"

    config = build_config(_Nowhere, retry_max_retries=1)
    start = time.monotonic()
    with pytest.raises(ApiConnectionError) as info:
        request_once(kind, config, "GET", PATH)
    assert not isinstance(info.value, ApiTimeoutError)
    assert "127.0.0.1" in str(info.value)
    assert time.monotonic() - start < 5
