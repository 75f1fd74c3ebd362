"""The fixture server itself behaves as the other tests assume (talked to with plain urllib3)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import urllib3
from support.helpers import CLIENT_ID, CLIENT_SECRET
from support.server import (
    TOKEN_PATH,
    FixtureServer,
    ForwardProxy,
    RecordedRequest,
    ScriptedResponse,
    ServerTLS,
    decode_jwt_payload,
)


def _login(http: urllib3.PoolManager, srv: FixtureServer, **body: str) -> urllib3.BaseHTTPResponse:
    payload = body or {
        "grantType": "client_credentials",
        "clientID": CLIENT_ID,
        "clientSecret": CLIENT_SECRET,
    }
    return http.request("POST", srv.url + TOKEN_PATH, body=json.dumps(payload).encode())


@pytest.fixture
def http() -> urllib3.PoolManager:
    return urllib3.PoolManager(retries=False)


def test_token_issue_auth_and_recording(
    fixture_server: FixtureServer, http: urllib3.PoolManager
) -> None:
    fixture_server.token_lifetime = 100
    resp = _login(http, fixture_server)
    assert resp.status == 200
    token = json.loads(resp.data)["accessToken"]
    claims = decode_jwt_payload(token)
    assert claims["sub"] == CLIENT_ID
    assert claims["exp"] - claims["iat"] == 100
    assert fixture_server.token_requests == 1

    resp = http.request(
        "GET",
        fixture_server.url + "/api/v1/a%2Fb?filterBy=x%3D%3Dy,z",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert resp.status == 200 and json.loads(resp.data) == {}
    rec = fixture_server.requests[-1]
    assert rec.raw_path == "/api/v1/a%2Fb?filterBy=x%3D%3Dy,z"
    assert rec.path == "/api/v1/a%2Fb"
    assert rec.query_params() == {"filterBy": ["x==y,z"]}
    assert rec.auth_ok is True

    assert http.request("GET", fixture_server.url + "/api/v1/x").status == 401
    fixture_server.expire_tokens()
    resp = http.request(
        "GET", fixture_server.url + "/api/v1/x", headers={"Authorization": f"Bearer {token}"}
    )
    assert resp.status == 401
    assert fixture_server.auth_failures == 2


def test_grant_types_and_bad_credentials(
    fixture_server: FixtureServer, http: urllib3.PoolManager
) -> None:
    fixture_server.grant_types = {"app_token"}
    resp = _login(http, fixture_server)
    assert resp.status == 400
    assert "unsupported grant type" in json.loads(resp.data)["message"]
    resp = _login(
        http, fixture_server, grantType="app_token", appID=CLIENT_ID, appSecret=CLIENT_SECRET
    )
    assert resp.status == 200
    resp = _login(http, fixture_server, grantType="app_token", appID=CLIENT_ID, appSecret="nope")
    assert resp.status == 401
    assert fixture_server.token_requests == 3


def test_scripts_drop_and_delay(fixture_server: FixtureServer, http: urllib3.PoolManager) -> None:
    fixture_server.require_auth = False
    fixture_server.enqueue(status=503, headers={"Retry-After": "1"}, path="/x", times=2)
    assert http.request("GET", fixture_server.url + "/other").status == 200
    assert http.request("GET", fixture_server.url + "/x").status == 503
    assert http.request("GET", fixture_server.url + "/x?q=1").status == 503
    assert http.request("GET", fixture_server.url + "/x").status == 200

    fixture_server.enqueue(drop=True)
    with pytest.raises(urllib3.exceptions.ProtocolError):
        http.request("GET", fixture_server.url + "/y")

    fixture_server.enqueue(delay=5)  # answered only after the client gave up
    with pytest.raises(urllib3.exceptions.ReadTimeoutError):
        http.request("GET", fixture_server.url + "/y", timeout=urllib3.Timeout(read=0.2))
    assert http.request("GET", fixture_server.url + "/y").status == 200  # the next is not delayed


def test_on_request_holds_answers_until_released(
    fixture_server: FixtureServer, http: urllib3.PoolManager
) -> None:
    fixture_server.require_auth = False
    arrived, released = threading.Event(), threading.Event()

    def hold(req: RecordedRequest) -> None:
        arrived.set()
        released.wait(30)

    fixture_server.on_request = hold
    answers = []
    url = fixture_server.url + "/h"
    caller = threading.Thread(target=lambda: answers.append(http.request("GET", url)))
    caller.start()
    assert arrived.wait(30)
    assert answers == []  # held: recorded, not answered
    assert [r.path for r in fixture_server.requests] == ["/h"]
    released.set()
    caller.join(30)
    assert [a.status for a in answers] == [200]


def test_a_handler_error_fails_the_test_that_caused_it(http: urllib3.PoolManager) -> None:
    def broken(req: RecordedRequest) -> ScriptedResponse:
        raise KeyError("no answer scripted for " + req.path)

    srv = FixtureServer(require_auth=False)
    with pytest.raises(AssertionError, match=r"(?s)failed 2 time\(s\).*KeyError.*/first"), srv:
        srv.default_response = broken
        first = http.request("GET", srv.url + "/first")
        assert first.status == 500  # the client is not left hanging
        assert "KeyError" in json.loads(first.data)["message"]
        srv.enqueue(json={"not json": {1, 2}})  # a script the server cannot send
        with pytest.raises(urllib3.exceptions.ProtocolError):
            http.request("GET", srv.url + "/second")
    srv.raise_handler_errors()  # reported once


def test_tls_and_client_certificate(tmp_path: Path) -> None:
    tls = ServerTLS(require_client_cert=True)
    with FixtureServer(tls=tls, require_auth=False) as srv:
        ca = tls.write_ca(tmp_path)
        cert, key = tls.write_client_cert(tmp_path)
        ok = urllib3.PoolManager(retries=False, ca_certs=ca, cert_file=cert, key_file=key)
        assert ok.request("GET", srv.url + "/t").status == 200
        # Without a client certificate TLS 1.3 fails after the handshake: an alert or a reset.
        with pytest.raises(urllib3.exceptions.HTTPError):
            urllib3.PoolManager(retries=False, ca_certs=ca).request("GET", srv.url + "/t")
        with pytest.raises(urllib3.exceptions.SSLError):
            urllib3.PoolManager(retries=False).request("GET", srv.url + "/t")


def test_forward_proxy_records_and_forwards(fixture_server: FixtureServer) -> None:
    fixture_server.require_auth = False
    with ForwardProxy() as proxy:
        pm = urllib3.ProxyManager(proxy.url, proxy_headers={"X-Proxy-Tag": "t"}, retries=False)
        resp = pm.request("GET", fixture_server.url + "/via?x=1")
        assert resp.status == 200
        assert proxy.requests[-1].target == fixture_server.url + "/via?x=1"
        assert proxy.requests[-1].headers["X-Proxy-Tag"] == "t"
        assert fixture_server.requests[-1].raw_path == "/via?x=1"
