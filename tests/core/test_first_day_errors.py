"""Mistakes of a first day with runapy fail where they are made, saying what to write."""

from __future__ import annotations

import re

import pytest
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.exceptions import ConfigurationError
from runai.runai_client import RunaiClient


def test_a_configuration_given_to_runai_client_is_refused_with_how_to_wrap_it() -> None:
    config = Configuration(runai_base_url="https://myorg.run.ai", bearer_token="t")
    with pytest.raises(TypeError) as refused:
        RunaiClient(config)  # type: ignore[call-overload]
    assert "not a Configuration" in str(refused.value)
    assert "RunaiClient(ApiClient(config))" in str(refused.value)


def test_anything_else_that_is_not_a_client_is_refused_naming_its_type() -> None:
    with pytest.raises(TypeError, match="takes an ApiClient, ThreadedApiClient or AsyncApiClient"):
        RunaiClient("https://myorg.run.ai")  # type: ignore[call-overload]


def test_a_wrapped_configuration_still_works() -> None:
    config = Configuration(runai_base_url="https://myorg.run.ai", bearer_token="t")
    with RunaiClient(ApiClient(config)) as client:
        assert client.api_client.configuration is config


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("https://myorg.run.ai/runai", "https://myorg.run.ai"),
        ("https://myorg.run.ai/api/v1/", "https://myorg.run.ai"),
        ("HTTPS://myorg.run.ai:8443/dashboard", "https://myorg.run.ai:8443"),
        ("http://10.0.0.5:8080/runai/", "http://10.0.0.5:8080"),
    ],
)
def test_a_base_url_with_a_path_is_refused_naming_the_address_to_use(
    url: str, root: str | None
) -> None:
    with pytest.raises(ConfigurationError) as refused:
        Configuration(runai_base_url=url, bearer_token="t")
    assert refused.value.option == "runai_base_url"
    assert "must be the control plane's address without a path" in str(refused.value)
    assert f"use {root!r}" in str(refused.value)


def test_a_base_url_with_a_path_from_the_environment_is_refused_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RUNAI_BASE_URL", "https://myorg.run.ai/runai")
    monkeypatch.setenv("RUNAI_BEARER_TOKEN", "t")
    with pytest.raises(ConfigurationError, match=re.escape("use 'https://myorg.run.ai'")):
        Configuration.from_env()
