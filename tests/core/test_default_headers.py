"""``Configuration(default_headers=..., user_agent_suffix=...)``: what the server receives on
API calls and on token requests, what wins over what, and the values refused up front."""

from __future__ import annotations

import platform
from typing import Any, Dict

import pytest
import runai
from runai.configuration import Configuration
from runai.exceptions import ApiValueError, ConfigurationError
from runai.runai_client import RunaiClient
from support.example import widgets
from support.helpers import KINDS, build_config, request_once, run_with_client
from support.server import TOKEN_PATH, FixtureServer

AGENT = f"runapy/{runai.__version__} python/{platform.python_version()}"


@pytest.mark.parametrize("kind", KINDS)
def test_default_headers_go_with_every_api_call_but_not_to_the_token_endpoint(
    kind: str, fixture_server: FixtureServer
) -> None:
    config = build_config(fixture_server, default_headers={"X-Tenant": "team-a", "X-Trace": "1"})
    request_once(kind, config, "GET", "/api/v1/projects")
    request_once(kind, config, "POST", "/api/v1/projects", body={"name": "p"})
    calls = fixture_server.api_requests()
    assert [(r.method, r.headers.get("X-Tenant"), r.headers.get("X-Trace")) for r in calls] == [
        ("GET", "team-a", "1"),
        ("POST", "team-a", "1"),
    ]
    logins = fixture_server.requests_to(TOKEN_PATH)
    assert logins and all("X-Tenant" not in r.headers for r in logins)


@pytest.mark.parametrize("kind", KINDS)
def test_a_call_s_own_headers_win_over_default_headers_whatever_their_case(
    kind: str, fixture_server: FixtureServer
) -> None:
    config = build_config(fixture_server, default_headers={"X-Tenant": "team-a"})
    request_once(kind, config, "GET", "/api/v1/projects", headers={"x-tenant": "team-b"})
    (call,) = fixture_server.api_requests()
    assert call.headers.get_all("X-Tenant") == ["team-b"]  # replaced, not sent twice


@pytest.mark.parametrize("kind", KINDS)
def test_a_generated_method_s_headers_argument_wins_too(
    kind: str, fixture_server: FixtureServer
) -> None:
    config = build_config(fixture_server, default_headers={"X-Tenant": "team-a", "X-Trace": "1"})
    run_with_client(
        kind,
        config,
        lambda c: widgets(RunaiClient(c)).list_widgets(_headers={"X-TENANT": "team-b"}),
    )
    (call,) = fixture_server.api_requests()
    assert call.headers.get_all("X-Tenant") == ["team-b"]
    assert call.headers.get("X-Trace") == "1"


@pytest.mark.parametrize("kind", KINDS)
def test_default_headers_cannot_replace_the_bearer_token(
    kind: str, fixture_server: FixtureServer
) -> None:
    config = build_config(fixture_server, default_headers={"X-Tenant": "team-a"})
    request_once(kind, config, "GET", "/api/v1/projects")
    (call,) = fixture_server.api_requests()
    assert call.headers.get_all("Authorization") == [f"Bearer {fixture_server.issued_tokens[0]}"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_authorization_in_a_call_s_headers_never_goes_out_beside_the_token(
    kind: str, fixture_server: FixtureServer
) -> None:
    config = build_config(fixture_server)
    request_once(kind, config, "GET", "/api/v1/projects", headers={"authorization": "Basic eA=="})
    (call,) = fixture_server.api_requests()
    assert call.headers.get_all("Authorization") == [f"Bearer {fixture_server.issued_tokens[0]}"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_line_break_in_a_call_s_header_is_refused_before_sending(
    kind: str, fixture_server: FixtureServer
) -> None:
    config = build_config(fixture_server)
    with pytest.raises(ApiValueError) as info:
        request_once(kind, config, "GET", "/api/v1/projects", headers={"X-Tenant": "a\r\nX: y"})
    assert "'X-Tenant'" in str(info.value) and "line break" in str(info.value)
    assert "X: y" not in str(info.value)
    assert fixture_server.api_requests() == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_user_agent_names_runapy_python_and_the_application(
    kind: str, fixture_server: FixtureServer
) -> None:
    config = build_config(fixture_server, user_agent_suffix="nightly-report/1.2 (team-a)")
    request_once(kind, config, "GET", "/api/v1/projects")
    agents = {r.headers.get("User-Agent") for r in fixture_server.requests}
    assert agents == {f"{AGENT} nightly-report/1.2 (team-a)"}  # token request and call alike


@pytest.mark.parametrize("kind", KINDS)
def test_a_user_agent_in_default_headers_replaces_runapy_s(
    kind: str, fixture_server: FixtureServer
) -> None:
    config = build_config(fixture_server, default_headers={"user-agent": "gateway-approved/7"})
    request_once(kind, config, "GET", "/api/v1/projects")
    (call,) = fixture_server.api_requests()
    assert call.headers.get_all("User-Agent") == ["gateway-approved/7"]


def configure(**options: Any) -> Configuration:
    return Configuration(runai_base_url="https://myorg.run.ai", bearer_token="t", **options)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"X-Key": "k3y-value\r\nX-Injected: 1"}, "contains a line break"),
        ({"X-Key": "k3y-value\n"}, "contains a line break"),
        ({"X-Key": "k3y-value\x00"}, "another control character"),
        (
            {"Authorization": "Bearer k3y-value"},
            "pass client_id and client_secret, or bearer_token",
        ),
        ({"authorization": "Bearer k3y-value"}, "is set from the credentials"),
        ({"Proxy-Authorization": "Basic k3y-value"}, "proxy_url or proxy_headers"),
        ({"Host": "k3y-value"}, "is set by the HTTP layer"),
        ({"X Key": "k3y-value"}, "'X Key' is not a valid header name"),
        ({"X-Key:": "k3y-value"}, "is not a valid header name"),
        ({"X-Key": "k3y-value", "x-key": "k3y-value"}, "are the same header"),
        ({"X-Key": 7}, "must be a str, got int"),
    ],
)
def test_a_bad_default_header_is_refused_naming_it_but_never_its_value(
    headers: Dict[str, Any], expected: str
) -> None:
    with pytest.raises(ConfigurationError) as refused:
        configure(default_headers=headers)
    assert refused.value.option == "default_headers"
    assert expected in str(refused.value)
    assert "k3y-value" not in str(refused.value)


def test_default_headers_must_be_a_mapping() -> None:
    with pytest.raises(ConfigurationError, match="must be a mapping of header names to values"):
        configure(default_headers=[("X-Key", "v")])


@pytest.mark.parametrize("suffix", ["", " app/1", "app/1\r\n", "app/1  (x)", "app/\x7f"])
def test_a_bad_user_agent_suffix_is_refused(suffix: str) -> None:
    with pytest.raises(ConfigurationError) as refused:
        configure(user_agent_suffix=suffix)
    assert refused.value.option == "user_agent_suffix"
    assert "e.g. 'my-app/1.2'" in str(refused.value)
