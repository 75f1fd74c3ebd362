"""The token endpoints and bearer checks, per spec version."""

from __future__ import annotations

import base64
import json
import time
from typing import Callable, Dict, Optional

import pytest
from runai.api_client import ApiClient
from runai.exceptions import UnauthorizedException
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .helpers import MakeClient, Raw


def test_client_credentials_login_and_authorised_call(client: RunaiClient[ApiClient]) -> None:
    answer = client.organizations.clusters.get_clusters()
    assert answer.status_code == 200
    assert answer.data[0]["name"] == "cluster-1"


def test_wrong_credentials_get_401_with_error_body(plane: ControlPlane, raw: Raw) -> None:
    status, body, _ = raw.call(
        "POST",
        "/api/v1/token",
        {"grantType": "client_credentials", "clientID": plane.client_id, "clientSecret": "nope"},
        token=None,
    )
    assert status == 401
    assert body["code"] == 401 and "credentials" in body["message"]


def test_wrong_credentials_raise_unauthorized_in_client(
    plane: ControlPlane, make_client: MakeClient
) -> None:
    client = make_client(plane, client_secret="wrong")
    with pytest.raises(UnauthorizedException):
        client.organizations.clusters.get_clusters()


def test_unknown_grant_type_is_400(raw: Raw) -> None:
    status, body, _ = raw.call("POST", "/api/v1/token", {"grantType": "magic"}, token=None)
    assert status == 400
    assert body["code"] == 400 and "grantType" in body["message"]


@pytest.mark.parametrize("token", [None, "not-a-jwt", "a.b.c"])
def test_calls_without_a_valid_token_get_401(raw: Raw, token: Optional[str]) -> None:
    status, body, _ = raw.call("GET", "/api/v1/org-unit/projects", token=token)
    assert status == 401
    assert body["code"] == 401


def test_token_answer_is_a_jwt_with_expiry_on_2_24(raw: Raw) -> None:
    status, body, _ = raw.call(
        "POST",
        "/api/v1/token",
        {
            "grantType": "client_credentials",
            "clientID": raw.client_id,
            "clientSecret": raw.client_secret,
        },
        token=None,
    )
    assert status == 200
    assert body["accessToken"].count(".") == 2
    assert body["expiresIn"] == 3600


def test_expires_in_is_absent_before_2_24() -> None:
    with ControlPlane(spec_version="2.23") as plane:
        raw = Raw.to(plane)
        status, body, _ = raw.call(
            "POST",
            "/api/v1/token",
            {
                "grantType": "client_credentials",
                "clientID": plane.client_id,
                "clientSecret": plane.client_secret,
            },
            token=None,
        )
    assert status == 200
    assert "expiresIn" not in body and "accessToken" in body


def test_app_token_only_on_2_19(make_client: MakeClient) -> None:
    with ControlPlane(spec_version="2.19") as plane:
        raw = Raw.to(plane)
        refused, body, _ = raw.call(
            "POST",
            "/api/v1/token",
            {
                "grantType": "client_credentials",
                "clientID": plane.client_id,
                "clientSecret": plane.client_secret,
            },
            token=None,
        )
        assert refused == 400 and "grantType" in body["message"]
        accepted, body, _ = raw.call(
            "POST",
            "/api/v1/token",
            {"grantType": "app_token", "appID": plane.client_id, "appSecret": plane.client_secret},
            token=None,
        )
        assert accepted == 200 and body["accessToken"]
        # our client falls back to app_token on the 400 and then works normally
        client = make_client(plane)
        assert client.organizations.projects.get_projects().status_code == 200


def test_expired_token_is_refused_and_client_logs_in_again(make_client: MakeClient) -> None:
    with ControlPlane(token_lifetime=0.5) as plane:
        raw = Raw.to(plane)
        token = raw.login()
        plane.advance(0.6)
        status, body, _ = raw.call("GET", "/api/v1/org-unit/projects", token=token)
        assert status == 401 and "expired" in body["message"]
        client = make_client(plane, token_refresh_margin=0)
        assert client.organizations.projects.get_projects().status_code == 200
        plane.advance(0.6)
        assert client.organizations.projects.get_projects().status_code == 200


def test_expire_tokens_revokes_every_issued_token(
    plane: ControlPlane, raw: Raw, client: RunaiClient[ApiClient]
) -> None:
    token = raw.login()
    assert raw.call("GET", "/api/v1/org-unit/projects", token=token)[0] == 200
    client.organizations.projects.get_projects()
    plane.expire_tokens()
    status, body, _ = raw.call("GET", "/api/v1/org-unit/projects", token=token)
    assert status == 401 and "revoked" in body["message"]
    # the client re-authenticates once on the 401 and retries
    assert client.organizations.projects.get_projects().status_code == 200


def test_oauth2_form_token_endpoint_on_2_24(plane: ControlPlane, raw: Raw) -> None:
    form = (
        f"grant_type=client_credentials&client_id={plane.client_id}"
        f"&client_secret={plane.client_secret}"
    )
    status, body, _ = raw.call(
        "POST",
        "/api/v2/token",
        form.encode(),
        token=None,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200
    assert body["token_type"] == "Bearer"
    assert raw.call("GET", "/api/v1/org-unit/projects", token=body["access_token"])[0] == 200


@pytest.mark.parametrize(
    "body",
    [
        {"grantType": "app_token", "AppId": "{id}", "AppSecret": "{secret}"},  # runapy 1.x
        {"GrantType": "client_credentials", "ClientId": "{id}", "CLIENTSECRET": "{secret}"},
    ],
)
def test_token_request_keys_match_ignoring_case(
    plane: ControlPlane, raw: Raw, body: Dict[str, str]
) -> None:
    sent = {k: v.format(id=plane.client_id, secret=plane.client_secret) for k, v in body.items()}
    status, answer, _ = raw.call("POST", "/api/v1/token", sent, token=None)
    assert status == 200, answer
    assert raw.call("GET", "/api/v1/org-unit/projects", token=answer["accessToken"])[0] == 200


def test_token_payload_decodes_with_the_standard_base64_alphabet(
    runai_control_plane_factory: Callable[..., ControlPlane],
) -> None:
    # runapy 1.x reads `exp` with base64.b64decode(payload + "=="), not the URL-safe alphabet
    plane = runai_control_plane_factory("id>?~>?~>?~", "secret")
    token = Raw.to(plane).login()
    payload = token.split(".")[1]
    assert "-" not in payload and "_" not in payload
    claims = json.loads(base64.b64decode(payload + "=="))
    assert claims["sub"] == "id>?~>?~>?~" and claims["exp"] > time.time()
