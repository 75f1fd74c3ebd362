"""Configuration refuses malformed base URLs, proxy URLs and timeouts, naming the option, the
value (never a password) and what it expects; every valid spelling of a URL works."""

from __future__ import annotations

import math

import pytest
from runai.configuration import Configuration
from runai.exceptions import ConfigurationError
from support.helpers import CLIENT_ID, CLIENT_SECRET, KINDS, build_config, request_once
from support.server import FixtureServer


def configure(**options: object) -> Configuration:
    values: dict[str, object] = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "runai_base_url": "https://myorg.run.ai",
    }
    values.update(options)
    return Configuration(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://", "must be an http:// or https:// URL with a host"),
        ("https://myorg.run.ai:99999", "is not a valid URL"),
        ("https://myorg.run.ai:port", "is not a valid URL"),
        ("https://myorg.run.ai:0", "port 0"),
        ("https://myorg.run.ai/?tenant=a", "must have no query or fragment"),
        ("https://myorg.run.ai#top", "must have no query or fragment"),
        ("https://[::1", "is not a valid URL"),
        ("ftp://myorg.run.ai", "must be an http:// or https:// URL"),
        ("myorg.run.ai", "must be an http:// or https:// URL"),
    ],
)
def test_a_malformed_base_url_is_refused(url: str, expected: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        configure(runai_base_url=url)
    assert info.value.option == "runai_base_url"
    assert str(info.value).startswith("runai_base_url: ")
    assert expected in str(info.value)


def test_a_refused_url_never_shows_its_password() -> None:
    with pytest.raises(ConfigurationError) as info:
        configure(runai_base_url="https://me:hunter2@myorg.run.ai/?x=1")
    assert "hunter2" not in str(info.value) and "***@myorg.run.ai" in str(info.value)
    with pytest.raises(ConfigurationError) as info:
        configure(proxy_url="http://me:hunter2@proxy:99999")
    assert "hunter2" not in str(info.value)


@pytest.mark.parametrize(
    "url",
    [
        "me:hunter2@proxy:3128",  # the scheme left out
        "//me:hunter2@proxy:3128",
        "http://me@corp:hunter2@proxy:99999",  # an unencoded @ in the user name
    ],
)
def test_a_refused_proxy_url_never_shows_its_password(url: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        configure(proxy_url=url)
    assert info.value.option == "proxy_url"
    assert "hunter2" not in str(info.value) and ":***@proxy" in str(info.value)


@pytest.mark.parametrize("kind", KINDS)
def test_an_upper_case_scheme_is_a_valid_base_url(fixture_server: FixtureServer, kind: str) -> None:
    url = fixture_server.url.replace("http://", "HTTP://")
    config = build_config(fixture_server, runai_base_url=url)
    assert config.runai_base_url == fixture_server.url
    fixture_server.enqueue(json={"ok": True}, method="GET")
    assert request_once(kind, config, "GET", "/api/v1/things").status_code == 200
    assert fixture_server.api_requests()[-1].path == "/api/v1/things"


@pytest.mark.parametrize(
    "url",
    [
        "https://myorg.run.ai",
        "https://myorg.run.ai/",
        "https://myorg.run.ai:8443",
        "http://[::1]:8080",
        "Https://MyOrg.run.ai",
    ],
)
def test_valid_base_urls_are_accepted(url: str) -> None:
    config = configure(runai_base_url=url)
    assert config.runai_base_url.startswith(("http://", "https://"))
    assert not config.runai_base_url.endswith("/")


@pytest.mark.parametrize(
    ("proxy", "expected"),
    [
        ("proxy.corp:3128", "must be an http:// or https:// URL with a host"),
        ("socks7://proxy.corp:1080", "must be an http:// or https:// URL"),
        ("http://", "must be an http:// or https:// URL with a host"),
        ("http://proxy.corp:70000", "is not a valid URL"),
        ("http://proxy.corp:3128/path", "must be scheme://host[:port] only"),
        ("http://proxy.corp:3128?x=1", "must be scheme://host[:port] only"),
        (3128, "must be an http:// or https:// URL"),
    ],
)
def test_an_invalid_proxy_url_is_refused_by_configuration(proxy: object, expected: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        configure(proxy_url=proxy)
    assert info.value.option == "proxy_url"
    assert expected in str(info.value)


@pytest.mark.parametrize("proxy", ["http://proxy.corp:3128", "https://proxy.corp", "HTTP://p:1/"])
def test_valid_proxy_urls_are_accepted(proxy: str) -> None:
    assert configure(proxy_url=proxy).proxy_url == proxy


@pytest.mark.parametrize(
    "timeout", ["30", 0, -1, math.nan, math.inf, (1, math.nan), (1, 2, 3), None, True]
)
def test_an_invalid_configured_timeout_is_refused(timeout: object) -> None:
    with pytest.raises(ConfigurationError) as info:
        configure(timeout=timeout)
    assert info.value.option == "timeout" and repr(timeout) in str(info.value)
