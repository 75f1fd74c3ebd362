"""Settings that expose credentials warn once per client, naming the host, never the secret."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any, List

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.exceptions import InsecureConnectionWarning
from support.helpers import KINDS

SECRET = "cl13nt-secret-DISTINCTIVE"


def _warnings_of(kind: str, config: Configuration) -> List[warnings.WarningMessage]:
    """The warnings making (and closing) one client of ``kind`` gives."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if kind == "sync":
            ApiClient(config).close()
        elif kind == "threaded":
            ThreadedApiClient(config).close()
        else:
            asyncio.run(AsyncApiClient(config).aclose())
    return [w for w in caught if issubclass(w.category, InsecureConnectionWarning)]


def _config(url: str, **options: Any) -> Configuration:
    return Configuration(runai_base_url=url, client_id="svc", client_secret=SECRET, **options)


@pytest.mark.parametrize("kind", KINDS)
def test_verify_ssl_false_warns_on_every_client(kind: str) -> None:
    (warning,) = _warnings_of(kind, _config("https://cp.example.com", verify_ssl=False))
    text = str(warning.message)
    assert "verify_ssl=False" in text and "cp.example.com" in text and SECRET not in text
    assert warning.filename == __file__  # points at the line that made the client


@pytest.mark.parametrize("kind", KINDS)
def test_credentials_over_http_to_another_host_warn(kind: str) -> None:
    (warning,) = _warnings_of(kind, _config("http://cp.example.com:8080"))
    text = str(warning.message)
    assert "http://cp.example.com" in text and "https://" in text and SECRET not in text


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080",
        "http://localhost",
        "http://[::1]:80",
        "http://cp.localhost",
        "http://recorded.invalid",
        "https://cp.example",
    ],
)
def test_loopback_http_and_verified_https_do_not_warn(kind: str, url: str) -> None:
    assert _warnings_of(kind, _config(url)) == []
