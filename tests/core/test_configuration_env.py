"""Configuration.from_env: every constructor parameter from its RUNAI_<OPTION> variable, with the
constructor's validation and messages, the variable named, secrets hidden."""

from __future__ import annotations

import collections.abc
import inspect
import logging
import pickle
import traceback
from pathlib import Path
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Iterator,
    List,
    Optional,
    Tuple,
    Union,
    get_args,
    get_origin,
)

import pytest
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.env_options import has_text_form, option_types, read_option, variable_name
from runai.exceptions import ConfigurationError
from support.helpers import free_port
from support.server import FixtureServer

URL = "https://myorg.run.ai"
TOKEN = "env-t0ken-DISTINCTIVE"
OPTIONS = list(inspect.signature(Configuration).parameters)
CODE_ONLY: FrozenSet[str] = frozenset({"event_hooks"})
"""Options whose values have no text form (callables): from_env refuses their variables."""
READ = [option for option in OPTIONS if option not in CODE_ONLY]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Only what a test sets: no RUNAI_* variable of the machine running the suite."""
    for option in OPTIONS:
        monkeypatch.delenv(variable_name(option), raising=False)
    monkeypatch.setenv("RUNAI_BASE_URL", URL)
    monkeypatch.setenv("RUNAI_BEARER_TOKEN", TOKEN)
    yield monkeypatch


def test_every_option_has_its_variable() -> None:
    variables = {option: variable_name(option) for option in OPTIONS}
    assert variables["runai_base_url"] == "RUNAI_BASE_URL"
    assert variables["retry_max_retries"] == "RUNAI_RETRY_MAX_RETRIES"
    assert variables["trust_env"] == "RUNAI_TRUST_ENV"
    assert all(v == "RUNAI_" + o.upper().replace("RUNAI_", "", 1) for o, v in variables.items())
    assert len(set(variables.values())) == len(OPTIONS)
    assert set(option_types(Configuration)) == set(OPTIONS)
    no_text_form = {option for option in OPTIONS if not _has_text_form(option)}
    assert no_text_form == CODE_ONLY, "a type from_env cannot read: teach env_options or list it"


def _has_text_form(option: str) -> bool:
    return has_text_form(option_types(Configuration)[option])


@pytest.mark.parametrize(
    "annotation",
    [Optional[Callable[..., None]], Dict[str, List[Callable[..., Any]]], Tuple[float, object]],
)
def test_a_type_with_no_text_form_is_refused_naming_the_variable(annotation: Any) -> None:
    assert not has_text_form(annotation)
    with pytest.raises(ConfigurationError) as caught:
        read_option("event_hooks", '{"request": []}', annotation)
    assert str(caught.value) == (
        "event_hooks: cannot be set from the environment; pass it to Configuration in code"
        " (from RUNAI_EVENT_HOOKS)"
    )


def _unwrapped(annotation: Any) -> Any:
    """``Optional[X]`` -> ``X``."""
    if get_origin(annotation) is Union:
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def _special_samples(tmp_path: Path) -> Dict[str, Tuple[Dict[str, str], Any]]:
    """Options whose values have a form of their own: the variables to set, and the attribute
    they must give."""
    cert = tmp_path / "cert.pem"
    key = tmp_path / "key.pem"
    for path in (cert, key):
        path.write_text("not read at construction")
    credentials = {"RUNAI_CLIENT_ID": "env-id", "RUNAI_CLIENT_SECRET": "env-secret"}
    no_token = {"RUNAI_BEARER_TOKEN": ""}  # empty: as if unset
    return {
        "runai_base_url": ({"RUNAI_BASE_URL": "https://other.run.ai/"}, "https://other.run.ai"),
        "client_id": ({**credentials, **no_token}, "env-id"),
        "client_secret": ({**credentials, **no_token}, "env-secret"),
        "ssl_ca_cert": ({"RUNAI_SSL_CA_CERT": str(cert)}, str(cert)),
        "cert_file": ({"RUNAI_CERT_FILE": str(cert)}, str(cert)),
        "key_file": ({"RUNAI_CERT_FILE": str(cert), "RUNAI_KEY_FILE": str(key)}, str(key)),
        "pool_size": ({"RUNAI_POOL_SIZE": "2"}, 2),
        "proxy_url": ({"RUNAI_PROXY_URL": "http://proxy.corp:3128"}, "http://proxy.corp:3128"),
        "logger": ({"RUNAI_LOGGER": "my-app.runai"}, logging.getLogger("my-app.runai")),
        "timeout": ({"RUNAI_TIMEOUT": "5,30"}, (5.0, 30.0)),
    }


def _generic_sample(option: str, annotation: Any, default: Any) -> Tuple[str, Any]:
    """A value unlike the default, derived from the option's type alone."""
    kind = _unwrapped(annotation)
    if kind is bool:
        return ("no", False) if default else ("yes", True)
    if kind is int:
        return ("3", 3) if default is None else (str(default + 1), default + 1)
    if kind is float:
        return ("1.5", 1.5) if default is None else (str(default + 0.5), default + 0.5)
    if kind is str:
        return f"from-env-{option}", f"from-env-{option}"
    if get_origin(kind) in (dict, collections.abc.Mapping):
        return '{"X-From-Env": "yes"}', {"X-From-Env": "yes"}
    raise AssertionError(f"{option}: no sample for {annotation!r}; add one to this test")


@pytest.mark.parametrize("option", READ)
def test_each_variable_sets_its_option(
    option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    special = _special_samples(tmp_path)
    if option in special:
        variables, expected = special[option]
    else:
        default = inspect.signature(Configuration).parameters[option].default
        text, expected = _generic_sample(option, option_types(Configuration)[option], default)
        variables = {variable_name(option): text}
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    value = getattr(Configuration.from_env(), option)
    assert value == expected
    assert value != getattr(Configuration(runai_base_url=URL, bearer_token=TOKEN), option)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", True), ("TRUE", True), (" yes ", True), ("0", False), ("False", False), ("no", False)],
)
def test_booleans(text: str, expected: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAI_RETRY_ENABLED", text)
    assert Configuration.from_env().retry_enabled is expected


@pytest.mark.parametrize(
    ("text", "expected"), [("7", (7.0, 7.0)), ("2.5, 30", (2.5, 30.0)), ("[5, 30]", (5.0, 30.0))]
)
def test_timeout_forms(
    text: str, expected: Tuple[float, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNAI_TIMEOUT", text)
    assert Configuration.from_env().timeout == expected


def _texts(exc: BaseException) -> str:
    parts = [str(exc), repr(exc), repr(pickle.dumps(exc)), *traceback.format_exception(exc)]
    chained = exc.__cause__ or exc.__context__
    while chained is not None:
        parts.append(repr(chained))
        chained = chained.__cause__ or chained.__context__
    return "\n".join(parts)


@pytest.mark.parametrize("option", READ)
def test_an_unreadable_value_names_the_option_and_its_variable(
    option: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    annotation = _unwrapped(option_types(Configuration)[option])
    if annotation in (str, logging.Logger):
        return  # any text is a string or a logger name: covered by the constructor's checks
    variable = variable_name(option)
    monkeypatch.setenv(variable, "not-a-value!")
    with pytest.raises(ConfigurationError) as caught:
        Configuration.from_env()
    assert caught.value.option == option
    assert str(caught.value).startswith(f"{option}: must be ")
    assert str(caught.value).endswith(f", got 'not-a-value!' (from {variable})")


@pytest.mark.parametrize(
    ("variable", "text", "value"),
    [
        ("RUNAI_POOL_MAXSIZE", "0", 0),
        ("RUNAI_POOL_SIZE", "9", 9),
        ("RUNAI_RETRY_MAX_RETRIES", "-1", -1),
        ("RUNAI_RETRY_BACKOFF_FACTOR", "-0.5", -0.5),
        ("RUNAI_TOKEN_REFRESH_MARGIN", "-5", -5),
        ("RUNAI_TIMEOUT", "-1", -1.0),
        ("RUNAI_TIMEOUT", "0,5", (0.0, 5.0)),
        ("RUNAI_BASE_URL", "ftp://myorg.run.ai", "ftp://myorg.run.ai"),
        (
            "RUNAI_BASE_URL",
            "https://admin:hunter2@myorg.run.ai",
            "https://admin:hunter2@myorg.run.ai",
        ),
        ("RUNAI_SSL_CA_CERT", "/no/such/ca.pem", "/no/such/ca.pem"),
        ("RUNAI_PROXY_URL", "ftp://proxy.corp:21", "ftp://proxy.corp:21"),
    ],
)
def test_a_bad_value_gives_the_constructors_error_naming_the_variable(
    variable: str, text: str, value: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    option = next(o for o in OPTIONS if variable_name(o) == variable)
    with pytest.raises(ConfigurationError) as constructor:
        Configuration(**{"runai_base_url": URL, "bearer_token": TOKEN, option: value})
    monkeypatch.setenv(variable, text)
    with pytest.raises(ConfigurationError) as from_env:
        Configuration.from_env()
    assert from_env.value.option == constructor.value.option
    assert str(from_env.value) == f"{constructor.value} (from {variable})"
    assert "hunter2" not in _texts(from_env.value)


def test_a_missing_option_names_the_variable_that_would_give_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RUNAI_BEARER_TOKEN")
    monkeypatch.setenv("RUNAI_CLIENT_ID", "env-id")
    with pytest.raises(ConfigurationError) as caught:
        Configuration.from_env()
    assert str(caught.value) == (
        "client_secret: is required together with the other client credential"
        " (RUNAI_CLIENT_SECRET is not set)"
    )
    monkeypatch.delenv("RUNAI_BASE_URL")
    with pytest.raises(ConfigurationError) as caught:
        Configuration.from_env(client_secret="given")
    assert caught.value.option == "runai_base_url"
    assert "(RUNAI_BASE_URL is not set)" in str(caught.value)


def test_keyword_arguments_win_and_their_variables_are_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RUNAI_POOL_MAXSIZE", "lots")
    monkeypatch.setenv("RUNAI_RETRY_MAX_RETRIES", "7")
    config = Configuration.from_env(pool_maxsize=6)
    assert (config.pool_maxsize, config.retry_max_retries) == (6, 7)
    with pytest.raises(ConfigurationError) as caught:
        Configuration.from_env(pool_maxsize=0)
    assert str(caught.value) == "pool_maxsize: must be a positive integer, got 0"


@pytest.mark.parametrize("text", ["none", "None", " NONE "])
def test_none_switches_off_an_option_that_can_be_none(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNAI_REQUEST_DEADLINE", text)
    assert Configuration.from_env().request_deadline is None


def test_none_is_text_for_a_text_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAI_PROXY_SERVER_NAME", "none")
    assert Configuration.from_env().proxy_server_name == "none"


def test_an_empty_variable_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAI_POOL_MAXSIZE", "")
    monkeypatch.setenv("RUNAI_VERIFY_SSL", "")
    config = Configuration.from_env()
    assert (config.pool_maxsize, config.verify_ssl) == (4, True)


def test_a_mapping_is_a_json_object_of_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAI_PROXY_HEADERS", '{"X-Team": "ml", "X-Cost-Center": "42"}')
    assert Configuration.from_env().proxy_headers == {"X-Team": "ml", "X-Cost-Center": "42"}
    monkeypatch.setenv("RUNAI_PROXY_HEADERS", '{"X-Cost-Center": 42}')
    with pytest.raises(ConfigurationError) as caught:
        Configuration.from_env()
    assert str(caught.value).startswith("proxy_headers: must be a JSON object of strings")
    assert "RUNAI_PROXY_HEADERS" in str(caught.value)


SECRET = "cl1ent-s3cret-DISTINCTIVE"


@pytest.mark.parametrize(
    "variables",
    [
        {"RUNAI_CLIENT_ID": "env-id", "RUNAI_CLIENT_SECRET": SECRET},  # and RUNAI_BEARER_TOKEN
        {"RUNAI_CLIENT_SECRET": SECRET, "RUNAI_BEARER_TOKEN": ""},
        # a CI template that put the secret into the wrong variable too
        {"RUNAI_CLIENT_ID": "x", "RUNAI_CLIENT_SECRET": SECRET, "RUNAI_POOL_MAXSIZE": SECRET},
        {"RUNAI_CLIENT_SECRET": SECRET, "RUNAI_BASE_URL": f"https://{SECRET}@myorg.run.ai"},
        {"RUNAI_TIMEOUT": TOKEN},
    ],
    ids=[
        "two-ways-to-authenticate",
        "secret-without-id",
        "secret-in-an-int",
        "in-the-url",
        "token",
    ],
)
def test_secrets_read_from_the_environment_never_appear_in_errors(
    variables: Dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError) as caught:
        Configuration.from_env()
    shown = _texts(caught.value)
    assert SECRET not in shown and TOKEN not in shown


def test_from_env_reaches_a_server_with_the_options_it_read(
    fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixture_server.static_tokens.add(TOKEN)
    monkeypatch.setenv("RUNAI_BASE_URL", fixture_server.url)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("RUNAI_TRUST_ENV", "false")
    monkeypatch.setenv("RUNAI_RETRY_ENABLED", "0")
    monkeypatch.setenv("RUNAI_TIMEOUT", "5,10")
    with ApiClient(Configuration.from_env()) as client:
        assert client.request("GET", "/api/v1/x").status_code == 200
    assert fixture_server.api_requests()[0].bearer == TOKEN
