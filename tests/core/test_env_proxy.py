"""Proxies named only by the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY), through
a real loopback proxy that records what it carries."""

from __future__ import annotations

import base64
import logging
import pickle
import traceback
from typing import Dict, Iterator, List

import pytest
from runai.configuration import Configuration
from runai.exceptions import ApiConnectionError, ConfigurationError
from runai.transport.env_proxy import bypasses, chosen_proxy
from support.helpers import KINDS, bearer_config, build_config, free_port, request_once
from support.raw import AuthProxy
from support.server import FixtureServer, ForwardProxy

PATH = "/api/v1/through"
PROXY_VARIABLES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "REQUEST_METHOD",
)
PROXY_USER = "env-proxy-user"
PROXY_PASSWORD = "env-pr0xy-pa55word-DISTINCTIVE"


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    yield monkeypatch


def dead_proxy() -> str:
    """A proxy URL nothing listens on: a call sent there fails."""
    return f"http://127.0.0.1:{free_port()}"


def test_a_proxy_set_only_in_the_environment_carries_login_and_call(
    kind: str,
    fixture_server: FixtureServer,
    forward_proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", forward_proxy.url)
    config = build_config(fixture_server)
    assert config.proxy_url is None
    assert request_once(kind, config, "GET", PATH, query={"x": "1"}).status_code == 200
    targets = [r.target for r in forward_proxy.requests]
    # loopback is proxied like any host unless NO_PROXY lists it (as requests does)
    assert targets == [f"{fixture_server.url}/api/v1/token", f"{fixture_server.url}{PATH}?x=1"]
    assert [r.raw_path for r in fixture_server.api_requests()] == [f"{PATH}?x=1"]


def test_lower_case_wins_over_upper_case(
    kind: str,
    fixture_server: FixtureServer,
    forward_proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", dead_proxy())
    monkeypatch.setenv("http_proxy", forward_proxy.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "example.com")
    assert request_once(kind, bearer_config(fixture_server), "GET", PATH).status_code == 200
    assert [r.target for r in forward_proxy.requests] == [f"{fixture_server.url}{PATH}"]


def test_all_proxy_serves_when_no_scheme_variable_is_set(
    kind: str,
    fixture_server: FixtureServer,
    forward_proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", dead_proxy())  # for https:// control planes only
    monkeypatch.setenv("ALL_PROXY", forward_proxy.url)
    assert request_once(kind, bearer_config(fixture_server), "GET", PATH).status_code == 200
    assert [r.target for r in forward_proxy.requests] == [f"{fixture_server.url}{PATH}"]


@pytest.mark.parametrize(
    "no_proxy",
    ["127.0.0.1", "example.com, 127.0.0.0/8", "*", "{port}"],
    ids=["address", "network-in-a-list", "star", "host-and-port"],
)
def test_no_proxy_bypasses_the_proxy(
    kind: str,
    no_proxy: str,
    fixture_server: FixtureServer,
    forward_proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", forward_proxy.url)
    host_and_port = fixture_server.url.partition("://")[2]
    monkeypatch.setenv("NO_PROXY", no_proxy.replace("{port}", host_and_port))
    assert request_once(kind, build_config(fixture_server), "GET", PATH).status_code == 200
    assert forward_proxy.requests == []
    assert [r.path for r in fixture_server.api_requests()] == [PATH]


def test_no_proxy_for_another_port_still_proxies(
    fixture_server: FixtureServer, forward_proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", forward_proxy.url)
    monkeypatch.setenv("NO_PROXY", f"127.0.0.1:{free_port()},localhost,127.0.0.10")
    assert request_once("sync", bearer_config(fixture_server), "GET", PATH).status_code == 200
    assert [r.target for r in forward_proxy.requests] == [f"{fixture_server.url}{PATH}"]


def test_trust_env_false_ignores_the_environment(
    kind: str, fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", dead_proxy())
    monkeypatch.setenv("ALL_PROXY", dead_proxy())
    config = build_config(fixture_server, trust_env=False, retry_enabled=False)
    assert request_once(kind, config, "GET", PATH).status_code == 200
    assert fixture_server.token_requests == 1


def test_proxy_url_wins_over_the_environment(
    kind: str,
    fixture_server: FixtureServer,
    forward_proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", dead_proxy())
    monkeypatch.setenv("NO_PROXY", "*")
    config = bearer_config(fixture_server, proxy_url=forward_proxy.url, retry_enabled=False)
    assert request_once(kind, config, "GET", PATH).status_code == 200
    assert [r.target for r in forward_proxy.requests] == [f"{fixture_server.url}{PATH}"]


def _basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _texts(exc: BaseException) -> List[str]:
    return [str(exc), repr(exc), repr(pickle.dumps(exc)), "".join(traceback.format_exception(exc))]


def test_credentials_in_an_environment_proxy_are_sent_and_never_shown(
    kind: str,
    fixture_server: FixtureServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with AuthProxy(PROXY_USER, PROXY_PASSWORD) as proxy:
        monkeypatch.setenv("http_proxy", proxy.url(f"{PROXY_USER}:{PROXY_PASSWORD}"))
        config = build_config(fixture_server, debug=True)
        response = request_once(kind, config, "GET", PATH)
        seen = proxy.seen
    assert response.status_code == 200
    assert [line.split(" ")[1] for line, _ in seen] == [
        f"{fixture_server.url}/api/v1/token",
        f"{fixture_server.url}{PATH}",
    ]
    assert {h["proxy-authorization"] for _, h in seen} == {
        f"Basic {_basic(PROXY_USER, PROXY_PASSWORD)}"
    }
    shown = "\n".join([repr(config), caplog.text])
    assert f"proxy http://127.0.0.1:{proxy.port} (from http_proxy)" in caplog.text
    assert PROXY_PASSWORD not in shown and _basic(PROXY_USER, PROXY_PASSWORD) not in shown


def test_https_proxy_carries_an_https_control_plane_and_a_refusal_hides_its_password(
    kind: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with AuthProxy(PROXY_USER, PROXY_PASSWORD) as proxy:  # refuses every CONNECT with a 407
        monkeypatch.setenv("HTTP_PROXY", dead_proxy())  # for http:// control planes only
        monkeypatch.setenv("HTTPS_PROXY", proxy.url(f"{PROXY_USER}:{PROXY_PASSWORD}"))
        config = Configuration(
            runai_base_url=f"https://127.0.0.1:{free_port()}",
            bearer_token="env-proxy-test-token",
            retry_enabled=False,
            debug=True,
        )
        with pytest.raises(ApiConnectionError) as caught:
            request_once(kind, config, "GET", PATH)
        ((line, headers),) = proxy.seen
    assert line.startswith("CONNECT 127.0.0.1:")
    assert headers["proxy-authorization"] == f"Basic {_basic(PROXY_USER, PROXY_PASSWORD)}"
    assert "407" in str(caught.value)
    for text in [*_texts(caught.value), caplog.text]:
        assert PROXY_PASSWORD not in text
        assert _basic(PROXY_USER, PROXY_PASSWORD) not in text


def test_an_unreachable_environment_proxy_fails_without_showing_its_password(
    kind: str,
    fixture_server: FixtureServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    port = free_port()
    monkeypatch.setenv("HTTP_PROXY", f"http://{PROXY_USER}:{PROXY_PASSWORD}@127.0.0.1:{port}")
    config = bearer_config(fixture_server, retry_enabled=False, debug=True)
    with pytest.raises(ApiConnectionError) as caught:
        request_once(kind, config, "GET", PATH)
    assert not caught.value.request_sent
    assert fixture_server.api_requests() == []
    for text in [*_texts(caught.value), caplog.text]:
        assert PROXY_PASSWORD not in text
        assert _basic(PROXY_USER, PROXY_PASSWORD) not in text


@pytest.mark.parametrize(
    "value",
    [
        "socks5://user:s0cks-pa55-DISTINCTIVE@127.0.0.1:1080",
        "http://user:s0cks-pa55-DISTINCTIVE@127.0.0.1:99999",
        "http://user:s0cks-pa55-DISTINCTIVE@:3128",
    ],
    ids=["socks", "bad-port", "no-host"],
)
def test_an_unusable_environment_proxy_is_refused_naming_the_variable(
    kind: str, value: str, fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALL_PROXY", value)
    with pytest.raises(ConfigurationError) as caught:
        request_once(kind, bearer_config(fixture_server), "GET", PATH)
    assert caught.value.option == "ALL_PROXY"
    assert "NO_PROXY" in str(caught.value) and "trust_env=False" in str(caught.value)
    for text in _texts(caught.value):
        assert "s0cks-pa55-DISTINCTIVE" not in text
    assert fixture_server.api_requests() == []


def _chosen(url: str, environ: Dict[str, str]) -> object:
    return chosen_proxy(Configuration(runai_base_url=url, bearer_token="t"), environ)


def test_the_variable_follows_the_control_planes_scheme() -> None:
    environ = {"https_proxy": "http://tls-proxy:3128", "http_proxy": "http://plain-proxy:3128"}
    assert _chosen("https://myorg.run.ai", environ) == "http://tls-proxy:3128"
    assert _chosen("http://myorg.run.ai", environ) == "http://plain-proxy:3128"
    assert _chosen("https://myorg.run.ai", {"ALL_PROXY": "proxy:3128"}) == "http://proxy:3128"
    assert (
        _chosen("https://myorg.run.ai", {"https_proxy": "", "HTTPS_PROXY": "p:1"}) == "http://p:1"
    )
    assert _chosen("https://myorg.run.ai", {}) is None


def test_upper_case_http_proxy_is_ignored_in_a_cgi_request() -> None:
    # httpoxy: a CGI script gets HTTP_PROXY from the request's "Proxy:" header
    cgi = {"REQUEST_METHOD": "GET", "HTTP_PROXY": "http://attacker:8080"}
    assert _chosen("http://myorg.run.ai", cgi) is None
    assert _chosen("http://myorg.run.ai", {**cgi, "http_proxy": "http://p:1"}) == "http://p:1"


@pytest.mark.parametrize(
    ("no_proxy", "host", "port", "bypassed"),
    [
        ("example.com", "example.com", 443, True),
        ("example.com", "api.example.com", 443, True),
        (".example.com", "example.com", 443, True),
        (".example.com", "api.example.com", 443, True),
        ("*.example.com", "api.example.com", 443, True),
        ("example.com", "badexample.com", 443, False),
        ("EXAMPLE.com", "Api.Example.COM.", 443, True),
        ("example.com:8443", "example.com", 443, False),
        ("example.com:8443", "example.com", 8443, True),
        ("a.test  b.test", "b.test", 443, True),
        ("10.0.0.0/8", "10.20.30.40", 443, True),
        ("10.0.0.0/8", "11.0.0.1", 443, False),
        ("10.0.0.0/8", "ten.example.com", 443, False),
        ("192.168.1.7", "192.168.1.7", 80, True),
        ("::1", "::1", 443, True),
        ("[::1]:8080", "::1", 8080, True),
        ("[::1]:8080", "::1", 443, False),
        ("fd00::/8", "fd12::5", 443, True),
        ("fd00::/8", "10.0.0.1", 443, False),
        ("localhost", "127.0.0.1", 443, False),
        ("", "example.com", 443, False),
        (" , ,", "example.com", 443, False),
        ("example.com:http", "example.com", 80, False),
    ],
)
def test_no_proxy_entries(no_proxy: str, host: str, port: int, bypassed: bool) -> None:
    assert bypasses(no_proxy, host, port) is bypassed
