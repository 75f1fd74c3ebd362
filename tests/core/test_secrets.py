"""No credential in any error, log record, repr or pickle, whatever fails and however."""

from __future__ import annotations

import base64
import logging
import pickle
import traceback
from typing import Any, List

import pytest
from runai.configuration import Configuration
from runai.exceptions import (
    ApiConnectionError,
    ApiException,
    ConfigurationError,
    NotFoundException,
    UnauthorizedException,
)
from runai.response import ApiResponse
from runai.runai_client import RunaiClient
from support.helpers import (
    KINDS,
    build_config,
    free_port,
    request_once,
    run_with_client,
    secrets_of,
)
from support.raw import AuthProxy, RawServer
from support.server import FixtureServer

TOKEN = "tok-3f9a-DISTINCTIVE-bearer-value"
PROXY_USER = "proxy-user"
PROXY_PASSWORD = "pr0xy-pa55word-DISTINCTIVE"

BAD_STATUS_LINE = b"HTTP/1.1 2OO NOT A STATUS\r\nContent-Length: 0\r\n\r\n"
BROKEN_CHUNK = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"zz\r\n{}\r\n0\r\n\r\n"
)
MANY_HEADERS = (
    b"HTTP/1.1 200 OK\r\n"
    + b"".join(b"X-Filler-%d: %s\r\n" % (i, b"v" * 100) for i in range(150))
    + b"Content-Length: 2\r\n\r\n{}"
)


@pytest.fixture(params=KINDS)
def kind(request: Any) -> str:
    return str(request.param)


def _basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def assert_nowhere(secrets: List[str], *texts: str) -> None:
    for text in texts:
        for secret in secrets:
            assert secret not in text, f"{secret!r} shown in {text[:300]!r}"


def everything_about(exc: BaseException) -> List[str]:
    """Every text a user, a logger or a process pool could produce from ``exc``."""
    texts = [str(exc), repr(exc), repr(pickle.dumps(exc)), "".join(traceback.format_exception(exc))]
    chained = exc.__cause__ or exc.__context__
    while chained is not None:
        texts += [str(chained), repr(chained), repr(vars(chained))]
        chained = chained.__cause__ or chained.__context__
    texts.append(repr(vars(exc)))
    return texts


def log_text(caplog: pytest.LogCaptureFixture) -> str:
    handler = logging.Formatter()
    return "\n".join(handler.format(r) for r in caplog.records)


@pytest.mark.parametrize(
    "answer",
    [BAD_STATUS_LINE, BROKEN_CHUNK, MANY_HEADERS],
    ids=["bad-status-line", "broken-chunk", "150-header-lines"],
)
def test_malformed_answer_errors_hold_no_token(
    kind: str, answer: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with RawServer(answer) as raw:
        config = Configuration(
            runai_base_url=raw.url, bearer_token=TOKEN, retry_enabled=False, debug=True
        )
        with pytest.raises(ApiConnectionError) as caught:
            request_once(kind, config, "GET", "/api/v1/things")
        assert raw.seen[0][1]["authorization"] == f"Bearer {TOKEN}"  # the token was sent
    exc = caught.value
    assert "127.0.0.1" in str(exc) and "/api/v1/things" in str(exc)
    assert_nowhere([TOKEN], *everything_about(exc), log_text(caplog))


@pytest.mark.parametrize(
    ("written", "password"),
    [
        ("wr0ng-pa55word-DISTINCTIVE", "wr0ng-pa55word-DISTINCTIVE"),
        ("wr0ng%2Fpa55%40word-DISTINCTIVE", "wr0ng/pa55@word-DISTINCTIVE"),
    ],
    ids=["plain", "percent-encoded"],
)
def test_refused_proxy_connect_shows_no_credentials(
    kind: str, written: str, password: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with AuthProxy(PROXY_USER, PROXY_PASSWORD) as proxy:
        config = Configuration(
            runai_base_url=f"https://127.0.0.1:{free_port()}",
            bearer_token=TOKEN,
            proxy_url=proxy.url(f"{PROXY_USER}:{written}"),
            retry_enabled=False,
            debug=True,
        )
        with pytest.raises(ApiConnectionError) as caught:
            request_once(kind, config, "GET", "/api/v1/things")
        ((line, headers),) = proxy.seen
    assert line.startswith("CONNECT 127.0.0.1:")
    sent = headers.get("proxy-authorization")
    assert sent == f"Basic {_basic(PROXY_USER, password)}"  # sync and threaded send them too
    assert "407" in str(caught.value)
    texts = [*everything_about(caught.value), log_text(caplog)]
    assert_nowhere([TOKEN, written, password, sent], *texts)


def test_proxy_url_credentials_are_sent_as_basic_auth(
    kind: str, fixture_server: FixtureServer
) -> None:
    password = "p@ss:w/rd-DISTINCTIVE"  # percent-encoded in the URL, sent decoded
    fixture_server.static_tokens.add(TOKEN)
    with AuthProxy(PROXY_USER, password) as proxy:
        config = build_config(
            fixture_server,
            client_id=None,
            client_secret=None,
            bearer_token=TOKEN,
            proxy_url=proxy.url(f"{PROXY_USER}:p%40ss%3Aw%2Frd-DISTINCTIVE"),
        )
        response = request_once(kind, config, "GET", "/api/v1/things")
        ((line, headers),) = proxy.seen
    assert response.status_code == 200
    assert line.startswith(f"GET {fixture_server.url}/api/v1/things")
    assert headers["proxy-authorization"] == f"Basic {_basic(PROXY_USER, password)}"
    (arrived,) = fixture_server.api_requests()
    assert "Proxy-Authorization" not in arrived.headers  # the proxy's credentials stay there


@pytest.mark.parametrize(
    "url",
    [
        "https://admin:hunter2-DISTINCTIVE@myorg.run.ai",
        "http://admin:hunter2-DISTINCTIVE@10.0.0.5:8080/base",
        "HTTPS://hunter2-DISTINCTIVE@myorg.run.ai",
        "admin:hunter2-DISTINCTIVE@myorg.run.ai",
    ],
)
def test_base_url_with_credentials_is_refused_without_echoing_them(url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        Configuration(runai_base_url=url, bearer_token=TOKEN)
    assert caught.value.option == "runai_base_url"
    assert "user name or password" in str(caught.value)
    assert "myorg.run.ai" in str(caught.value) or "10.0.0.5" in str(caught.value)
    assert_nowhere(["hunter2"], *everything_about(caught.value))


def test_base_url_credentials_from_the_environment_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RUNAI_BASE_URL", "https://admin:hunter2-DISTINCTIVE@myorg.run.ai")
    monkeypatch.setenv("RUNAI_BEARER_TOKEN", TOKEN)
    with pytest.raises(ConfigurationError) as caught:
        Configuration.from_env()
    assert_nowhere(["hunter2", TOKEN], *everything_about(caught.value))


def test_no_secret_in_reprs_logs_errors_or_pickles(
    kind: str, fixture_server: FixtureServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Succeeding and failing calls through an authenticating proxy, every text checked."""
    caplog.set_level(logging.DEBUG)
    texts: List[str] = []
    with AuthProxy(PROXY_USER, PROXY_PASSWORD) as proxy:
        config = build_config(
            fixture_server, proxy_url=proxy.url(f"{PROXY_USER}:{PROXY_PASSWORD}"), debug=True
        )
        texts.append(repr(config))
        fixture_server.enqueue(
            404, json={"code": 404, "message": "no such thing"}, path="/api/v1/nope"
        )

        def calls(client: Any) -> Any:
            async def in_order() -> Any:
                return [await client.request("GET", "/api/v1/ok"), await _failing(client)]

            if kind == "async":
                return in_order()
            ok = client.request("GET", "/api/v1/ok")
            return [ok.result() if kind == "threaded" else ok, _failing_sync(client, kind)]

        def inspect_client(client: Any) -> Any:
            texts.extend([repr(client), repr(RunaiClient(client))])
            inner = getattr(client, "_client", client)
            texts.extend([repr(inner.tokens.provider), repr(inner.tokens._token)])
            return calls(client)

        ok, failure = run_with_client(kind, config, inspect_client)
        assert isinstance(ok, ApiResponse) and ok.status_code == 200
        assert isinstance(failure, NotFoundException)
        texts += [repr(ok), str(ok), repr(ok.headers)]
        texts += everything_about(failure)

        bad = build_config(
            fixture_server,
            client_secret="wr0ng-client-secret-DISTINCTIVE",
            proxy_url=proxy.url(f"{PROXY_USER}:{PROXY_PASSWORD}"),
            debug=True,
        )
        with pytest.raises(UnauthorizedException) as refused:
            request_once(kind, bad, "GET", "/api/v1/ok")
        texts += everything_about(refused.value)
    texts.append(log_text(caplog))
    secrets = secrets_of(fixture_server, PROXY_PASSWORD, "wr0ng-client-secret-DISTINCTIVE")
    secrets.append(_basic(PROXY_USER, PROXY_PASSWORD))
    assert len(secrets) >= 4  # a token was issued and is checked
    assert_nowhere(secrets, *texts)


async def _failing(client: Any) -> ApiException:
    try:
        await client.request("GET", "/api/v1/nope")
    except ApiException as exc:
        return exc
    raise AssertionError("the 404 did not raise")


def _failing_sync(client: Any, kind: str) -> ApiException:
    try:
        result = client.request("GET", "/api/v1/nope")
        if kind == "threaded":
            result.result()
    except ApiException as exc:
        return exc
    raise AssertionError("the 404 did not raise")


def test_token_request_and_answer_reprs_hold_no_secret(fixture_server: FixtureServer) -> None:
    """What a traceback with locals (pytest -l, Sentry, rich) shows of the login."""
    from runai.api_client import ApiClient
    from runai.auth.providers import TokenAnswer
    from runai.clients.base import BaseApiClient
    from runai.transport.base import HttpResponse

    config = build_config(fixture_server)
    with ApiClient(config) as client:
        login = client.tokens.provider.login()
        token_request = next(login)
        http_request = BaseApiClient._token_http_request(client, token_request)
        answer = HttpResponse(200, "OK", {}, b'{"accessToken": "%s"}' % TOKEN.encode())
        token_answer = TokenAnswer.of(answer)
        texts = [repr(x) for x in (token_request, http_request, answer, token_answer, login)]
    assert_nowhere([TOKEN, config.client_secret or "missing"], *texts)
