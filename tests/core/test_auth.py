"""Authentication: client credentials (with the app_token fallback), bearer token, CLI v2."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import List, Tuple

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.exceptions import BadRequestException, UnauthorizedException
from runai.response import ApiResponse
from support.example import widgets
from support.helpers import CLIENT_ID, CLIENT_SECRET, KINDS, build_config, run_with_client
from support.server import TOKEN_PATH, FixtureServer

CC_BODY = {"grantType": "client_credentials", "clientID": CLIENT_ID, "clientSecret": CLIENT_SECRET}
APP_BODY = {"grantType": "app_token", "appID": CLIENT_ID, "appSecret": CLIENT_SECRET}


@pytest.mark.parametrize("kind", KINDS)
def test_client_credentials_login_then_bearer_call(
    fixture_server: FixtureServer, kind: str
) -> None:
    resp = run_with_client(
        kind, build_config(fixture_server), lambda c: c.request("GET", "/api/v1/things")
    )

    assert resp.status_code == 200
    token_reqs = fixture_server.requests_to(TOKEN_PATH)
    assert [r.method for r in token_reqs] == ["POST"]
    assert token_reqs[0].json() == CC_BODY
    assert (token_reqs[0].headers.get("Content-Type") or "").startswith("application/json")
    assert "Authorization" not in token_reqs[0].headers  # the token endpoint needs no token
    (api,) = fixture_server.requests_to("/api/v1/things")
    assert api.headers["Authorization"] == f"Bearer {fixture_server.issued_tokens[0]}"
    assert api.auth_ok is True


@pytest.mark.parametrize("kind", KINDS)
def test_falls_back_to_app_token_on_old_control_plane_and_remembers(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.grant_types = {"app_token"}  # a 2.18 / 2.19 control plane

    def scenario(client: ApiClient) -> Tuple[ApiResponse[object], ApiResponse[object]]:
        first = client.request("GET", "/api/v1/one")
        fixture_server.expire_tokens()  # the next call gets a 401 and must log in again
        return first, client.request("GET", "/api/v1/two")

    if kind == "async":

        async def ascenario(
            client: AsyncApiClient,
        ) -> Tuple[ApiResponse[object], ApiResponse[object]]:
            first = await client.request("GET", "/api/v1/one")
            fixture_server.expire_tokens()
            return first, await client.request("GET", "/api/v1/two")

        first, second = run_with_client(kind, build_config(fixture_server), ascenario)
    elif kind == "threaded":

        def tscenario(
            client: ThreadedApiClient,
        ) -> Tuple[ApiResponse[object], ApiResponse[object]]:
            first = client.request("GET", "/api/v1/one").result(timeout=30)
            fixture_server.expire_tokens()
            return first, client.request("GET", "/api/v1/two").result(timeout=30)

        first, second = run_with_client(kind, build_config(fixture_server), tscenario)
    else:
        first, second = run_with_client(kind, build_config(fixture_server), scenario)

    assert first.status_code == 200 and second.status_code == 200
    # client_credentials once, then app_token; the re-login goes straight to app_token.
    assert fixture_server.token_request_bodies() == [CC_BODY, APP_BODY, APP_BODY]


def test_wrong_credentials_raise_unauthorized_without_leaking(
    fixture_server: FixtureServer,
) -> None:
    wrong = "not-the-right-secret-123"
    config = build_config(fixture_server, client_secret=wrong)
    with ApiClient(config) as client, pytest.raises(UnauthorizedException) as info:
        client.request("GET", "/api/v1/things")

    assert info.value.status == 401
    assert wrong not in str(info.value) and wrong not in repr(info.value)
    assert fixture_server.api_requests() == []
    assert 1 <= fixture_server.token_requests <= 2  # no login loop


@pytest.mark.parametrize("kind", KINDS)
def test_bearer_token_is_sent_and_no_token_request_is_ever_made(
    fixture_server: FixtureServer, kind: str
) -> None:
    static = fixture_server.issue_token(subject="static")
    config = Configuration(runai_base_url=fixture_server.url, bearer_token=static)

    def twice(client: ApiClient) -> List[ApiResponse[object]]:
        return [client.request("GET", "/api/v1/a"), client.request("GET", "/api/v1/b")]

    def ttwice(client: ThreadedApiClient) -> List[ApiResponse[object]]:
        futures = [client.request("GET", "/api/v1/a"), client.request("GET", "/api/v1/b")]
        return [f.result(timeout=30) for f in futures]

    if kind == "async":

        async def atwice(client: AsyncApiClient) -> List[ApiResponse[object]]:
            return [await client.request("GET", "/api/v1/a"), await client.request("GET", "/b")]

        run_with_client(kind, config, atwice)
    elif kind == "threaded":
        run_with_client(kind, config, ttwice)
    else:
        run_with_client(kind, config, twice)

    assert fixture_server.token_requests == 0
    assert len(fixture_server.api_requests()) == 2
    assert all(r.headers["Authorization"] == f"Bearer {static}" for r in fixture_server.requests)


def test_rejected_bearer_token_raises_without_trying_to_log_in(
    fixture_server: FixtureServer,
) -> None:
    config = Configuration(runai_base_url=fixture_server.url, bearer_token="revoked-token-value")
    with ApiClient(config) as client, pytest.raises(UnauthorizedException) as info:
        client.request("GET", "/api/v1/things")
    assert fixture_server.token_requests == 0
    assert "revoked-token-value" not in str(info.value)


def _write_cliv2(
    directory: Path, token: str, base_url: str, cluster: str, encode: bool = True
) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    stored = base64.urlsafe_b64encode(token.encode()).decode().rstrip("=") if encode else token
    (directory / "authentication.json").write_text(json.dumps({"accessToken": stored}))
    (directory / "config.json").write_text(
        json.dumps({"control_plane": {"url": base_url}, "cluster": {"uuid": cluster}})
    )


def test_cliv2_credentials_end_to_end(fixture_server: FixtureServer, tmp_path: Path) -> None:
    from runai.cliv2_config_loader import CLIv2Config
    from runai.runai_client import RunaiClient

    jwt = fixture_server.issue_token(subject="cli-user")
    _write_cliv2(tmp_path / ".runai", jwt, fixture_server.url, "c-1234")

    cfg = CLIv2Config(cliv2_config_path=str(tmp_path / ".runai"))
    assert cfg.token == jwt
    client = RunaiClient(
        cluster_id=cfg.cluster_uuid, bearer_token=cfg.token, runai_base_url=cfg.control_plane_url
    )
    with client:
        resp = widgets(client).list_widgets()

    assert resp.status_code == 200
    assert fixture_server.token_requests == 0
    (req,) = fixture_server.requests_to("/api/v1/widgets")
    assert req.headers["Authorization"] == f"Bearer {jwt}"
    assert req.auth_ok is True


def test_expiry_from_expires_in_wins_over_jwt_exp(fixture_server: FixtureServer) -> None:
    # The JWT says one hour, the token response says 5 min: inside a 10 min margin, the client
    # must believe expiresIn and refresh; the other way round it must keep the token.
    fixture_server.token_lifetime = 3600
    fixture_server.expires_in_value = 300
    with ApiClient(build_config(fixture_server, token_refresh_margin=600)) as client:
        client.request("GET", "/api/v1/a")
        client.request("GET", "/api/v1/b")
    assert fixture_server.token_requests == 2
    assert fixture_server.auth_failures == 0

    fixture_server.clear()
    fixture_server.token_lifetime = 300
    fixture_server.expires_in_value = 3600
    with ApiClient(build_config(fixture_server, token_refresh_margin=600)) as client:
        client.request("GET", "/api/v1/a")
        client.request("GET", "/api/v1/b")
    assert fixture_server.token_requests == 1


def test_expiry_from_jwt_exp_without_expires_in(fixture_server: FixtureServer) -> None:
    fixture_server.token_lifetime = 300  # exp inside the 10 min margin from the start
    config = build_config(fixture_server, token_refresh_margin=600)
    with ApiClient(config) as client:
        client.request("GET", "/api/v1/a")
        first = fixture_server.issued_tokens[0]
        fixture_server.token_lifetime = 3600
        client.request("GET", "/api/v1/b")
        client.request("GET", "/api/v1/c")
    # Refreshed proactively (the old token was still accepted, so no 401 forced it), once.
    assert fixture_server.token_requests == 2
    assert fixture_server.auth_failures == 0
    second = fixture_server.issued_tokens[1]
    assert [r.bearer for r in fixture_server.api_requests()] == [first, second, second]


def test_token_without_expiry_is_used_until_a_401(fixture_server: FixtureServer) -> None:
    fixture_server.omit_exp = True
    with ApiClient(build_config(fixture_server)) as client:
        for _ in range(3):
            client.request("GET", "/api/v1/a")
        assert fixture_server.token_requests == 1
        fixture_server.expire_tokens()
        assert client.request("GET", "/api/v1/b").status_code == 200
    assert fixture_server.token_requests == 2


def test_when_both_grants_are_refused_the_error_names_both(fixture_server: FixtureServer) -> None:
    fixture_server.grant_types = set()  # neither grant type is accepted
    with ApiClient(build_config(fixture_server)) as client:
        with pytest.raises(BadRequestException) as info:
            client.request("GET", "/api/v1/things")
        message = str(info.value)
        assert "client_credentials" in message and "app_token" in message
        assert CLIENT_SECRET not in message

        fixture_server.grant_types = {"client_credentials", "app_token"}
        assert client.request("GET", "/api/v1/things").status_code == 200
    # the useless fallback was not remembered: the next login used client_credentials again
    assert fixture_server.token_request_bodies() == [CC_BODY, APP_BODY, CC_BODY]
