"""TLS options against a local HTTPS server with a throwaway CA, and the forward proxy options."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterator

import pytest
from runai.exceptions import ApiConnectionError
from support.helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    KINDS,
    STATIC_TOKEN,
    bearer_config,
    build_config,
    request_once,
)
from support.server import FixtureServer, ForwardProxy, ServerTLS

PATH = "/api/v1/secure"
CREDENTIALS = {CLIENT_ID: CLIENT_SECRET}


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def tls_server() -> Iterator[FixtureServer]:
    with FixtureServer(tls=ServerTLS(), credentials=CREDENTIALS) as srv:
        yield srv


@pytest.fixture
def mtls_server() -> Iterator[FixtureServer]:
    with FixtureServer(tls=ServerTLS(require_client_cert=True), credentials=CREDENTIALS) as srv:
        yield srv


def test_untrusted_certificate_is_rejected(tls_server: FixtureServer, kind: str) -> None:
    config = bearer_config(tls_server, retry_enabled=False)
    with pytest.raises(ApiConnectionError):
        request_once(kind, config, "GET", PATH)
    assert tls_server.api_requests() == []


def test_verify_ssl_false_accepts_it(tls_server: FixtureServer, kind: str) -> None:
    config = bearer_config(tls_server, verify_ssl=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # urllib3's InsecureRequestWarning is expected here
        resp = request_once(kind, config, "GET", PATH)
    assert resp.status_code == 200
    assert [r.path for r in tls_server.api_requests()] == [PATH]


def test_custom_ca_bundle(tls_server: FixtureServer, kind: str, tmp_path: Path) -> None:
    assert tls_server.tls is not None
    ca = tls_server.tls.write_ca(tmp_path)
    resp = request_once(kind, bearer_config(tls_server, ssl_ca_cert=ca), "GET", PATH)
    assert resp.status_code == 200


def test_client_certificate_when_the_server_requires_one(
    mtls_server: FixtureServer, kind: str, tmp_path: Path
) -> None:
    assert mtls_server.tls is not None
    ca = mtls_server.tls.write_ca(tmp_path)
    cert, key = mtls_server.tls.write_client_cert(tmp_path)
    config = bearer_config(mtls_server, ssl_ca_cert=ca, cert_file=cert, key_file=key)
    assert request_once(kind, config, "GET", PATH).status_code == 200

    without = bearer_config(mtls_server, ssl_ca_cert=ca, retry_enabled=False)
    with pytest.raises(ApiConnectionError):
        request_once(kind, without, "GET", "/api/v1/other")
    assert [r.path for r in mtls_server.api_requests()] == [PATH]


def test_client_credentials_login_over_tls(
    tls_server: FixtureServer, kind: str, tmp_path: Path
) -> None:
    assert tls_server.tls is not None
    config = build_config(tls_server, ssl_ca_cert=tls_server.tls.write_ca(tmp_path))
    assert request_once(kind, config, "GET", PATH).status_code == 200
    assert tls_server.token_requests == 1


PROXY_HEADERS = {"Proxy-Authorization": "Basic dXNlcjpwYXNz", "X-Proxy-Tag": "runapy-tests"}


def test_proxy_url_and_proxy_headers(
    fixture_server: FixtureServer, forward_proxy: ForwardProxy, kind: str
) -> None:
    config = bearer_config(
        fixture_server, proxy_url=forward_proxy.url, proxy_headers=dict(PROXY_HEADERS)
    )
    resp = request_once(kind, config, "GET", PATH, query={"x": "1"})
    assert resp.status_code == 200

    (seen,) = forward_proxy.requests
    assert seen.target == f"{fixture_server.url}{PATH}?x=1"  # absolute-form: really proxied
    assert seen.headers.get("X-Proxy-Tag") == "runapy-tests"
    assert seen.headers.get("Proxy-Authorization") == PROXY_HEADERS["Proxy-Authorization"]
    (arrived,) = fixture_server.api_requests()
    assert arrived.raw_path == f"{PATH}?x=1"
    assert arrived.headers["Authorization"] == f"Bearer {STATIC_TOKEN}"


def test_login_goes_through_the_proxy_too(
    fixture_server: FixtureServer, forward_proxy: ForwardProxy, kind: str
) -> None:
    config = build_config(fixture_server, proxy_url=forward_proxy.url)
    assert request_once(kind, config, "GET", PATH).status_code == 200
    targets = [r.target for r in forward_proxy.requests]
    assert targets == [f"{fixture_server.url}/api/v1/token", f"{fixture_server.url}{PATH}"]


def test_proxy_server_name_sets_the_tls_server_name(kind: str, tmp_path: Path) -> None:
    # The certificate names only "control-plane.test": reaching it by IP works only when the
    # client presents and verifies that name (SNI), as behind a TLS-terminating gateway.
    tls = ServerTLS(hostnames=("control-plane.test",))
    with FixtureServer(tls=tls, credentials=CREDENTIALS) as srv:
        ca = tls.write_ca(tmp_path)
        with pytest.raises(ApiConnectionError):
            request_once(kind, bearer_config(srv, ssl_ca_cert=ca, retry_enabled=False), "GET", PATH)
        config = bearer_config(srv, ssl_ca_cert=ca, proxy_server_name="control-plane.test")
        assert request_once(kind, config, "GET", PATH).status_code == 200
