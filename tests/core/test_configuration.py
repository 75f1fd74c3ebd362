"""Configuration: the README's options and defaults, validation that names the option, env."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.exceptions import ConfigurationError
from support.helpers import CLIENT_ID, CLIENT_SECRET
from support.server import FixtureServer

URL = "https://myorg.run.ai"


def test_readme_defaults() -> None:
    config = Configuration(client_id="a", client_secret="b", runai_base_url=URL)
    assert config.runai_base_url == URL
    assert config.verify_ssl is True
    assert config.ssl_ca_cert is None and config.cert_file is None and config.key_file is None
    assert config.pool_maxsize == 4
    assert config.retry_enabled is True
    assert config.retry_max_retries == 3
    assert config.retry_backoff_factor == 0.5
    assert config.proxy_url is None
    assert config.auto_refresh_token is True
    assert config.token_refresh_margin == 60
    assert config.debug is False
    assert tuple(config.timeout) == (10.0, 60.0)  # no call can hang forever by default


def test_a_single_number_timeout_applies_to_connect_and_read() -> None:
    config = Configuration(bearer_token="t", runai_base_url=URL, timeout=7)
    assert tuple(config.timeout) == (7.0, 7.0)


@pytest.mark.parametrize(
    "kwargs, option",
    [
        ({"client_id": "a", "client_secret": "b"}, "runai_base_url"),
        ({"client_id": "a", "client_secret": "b", "runai_base_url": ""}, "runai_base_url"),
        (
            {"client_id": "a", "client_secret": "b", "bearer_token": "t", "runai_base_url": URL},
            "bearer_token",
        ),
        ({"client_id": "a", "runai_base_url": URL}, "client_secret"),
        ({"client_secret": "b", "runai_base_url": URL}, "client_id"),
        ({"bearer_token": "t", "runai_base_url": URL, "ssl_ca_cert": "/no/ca.pem"}, "ssl_ca_cert"),
        ({"bearer_token": "t", "runai_base_url": URL, "cert_file": "/no/c.pem"}, "cert_file"),
        (
            {"bearer_token": "t", "runai_base_url": URL, "retry_max_retries": -1},
            "retry_max_retries",
        ),
        (
            {"bearer_token": "t", "runai_base_url": URL, "retry_backoff_factor": -0.1},
            "retry_backoff_factor",
        ),
        (
            {"bearer_token": "t", "runai_base_url": URL, "token_refresh_margin": -5},
            "token_refresh_margin",
        ),
        ({"bearer_token": "t", "runai_base_url": URL, "pool_maxsize": -1}, "pool_maxsize"),
        ({"bearer_token": "t", "runai_base_url": URL, "timeout": -1}, "timeout"),
    ],
)
def test_invalid_configuration_names_the_option(kwargs: Dict[str, Any], option: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        Configuration(**kwargs)
    assert isinstance(info.value, ValueError)
    assert option in str(info.value)


def test_key_file_without_cert_file(tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    key.write_text("not really a key")
    with pytest.raises(ConfigurationError) as info:
        Configuration(bearer_token="t", runai_base_url=URL, key_file=str(key))
    assert "cert_file" in str(info.value)


def test_nonexistent_key_file(tmp_path: Path) -> None:
    cert = tmp_path / "cert.pem"
    cert.write_text("x")
    with pytest.raises(ConfigurationError) as info:
        Configuration(
            bearer_token="t", runai_base_url=URL, cert_file=str(cert), key_file="/no/key.pem"
        )
    assert "key_file" in str(info.value)


def test_validation_errors_do_not_echo_secrets() -> None:
    with pytest.raises(ConfigurationError) as info:
        Configuration(client_secret="super-secret-value", runai_base_url=URL)
    assert "super-secret-value" not in str(info.value)
    with pytest.raises(ConfigurationError) as info:
        Configuration(client_id="a", client_secret="super-secret-value", bearer_token="tok-value-9")
    assert "super-secret-value" not in str(info.value) and "tok-value-9" not in str(info.value)


def test_from_env_with_client_credentials(
    fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNAI_BASE_URL", fixture_server.url)
    monkeypatch.setenv("RUNAI_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("RUNAI_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.delenv("RUNAI_BEARER_TOKEN", raising=False)
    with ApiClient(Configuration.from_env()) as client:
        assert client.request("GET", "/api/v1/x").status_code == 200
    assert fixture_server.token_requests == 1


def test_from_env_with_bearer_token(
    fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = fixture_server.issue_token()
    monkeypatch.setenv("RUNAI_BASE_URL", fixture_server.url)
    monkeypatch.setenv("RUNAI_BEARER_TOKEN", token)
    monkeypatch.delenv("RUNAI_CLIENT_ID", raising=False)
    monkeypatch.delenv("RUNAI_CLIENT_SECRET", raising=False)
    with ApiClient(Configuration.from_env()) as client:
        client.request("GET", "/api/v1/x")
    assert fixture_server.token_requests == 0
    assert fixture_server.api_requests()[0].bearer == token


def test_from_env_without_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNAI_BASE_URL", raising=False)
    monkeypatch.setenv("RUNAI_BEARER_TOKEN", "t")
    with pytest.raises(ConfigurationError) as info:
        Configuration.from_env()
    assert "RUNAI_BASE_URL" in str(info.value) or "runai_base_url" in str(info.value)
