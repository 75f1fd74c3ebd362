"""Every error of runai.exceptions survives pickling (process pools, multiprocessing, Celery)."""

from __future__ import annotations

import inspect
import pickle
from typing import Dict, List, Type

import pytest
import runai.exceptions as errors


def _classes() -> List[Type[BaseException]]:
    return [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, BaseException) and cls.__module__ == errors.__name__
    ]


_HEADERS = {"Content-Type": "application/json", "X-Request-Id": "r-1"}
_BODY = '{"code": 401, "message": "token expired"}'
SAMPLES: Dict[str, BaseException] = {
    "OpenApiException": errors.OpenApiException("something failed"),
    "InsecureConnectionWarning": errors.InsecureConnectionWarning("verify_ssl=False"),
    "_ItemError": errors._ItemError("bad value", ["spec", 0]),
    "ApiTypeError": errors.ApiTypeError("not an int", ["limit"], (int,), False),
    "ApiKeyError": errors.ApiKeyError("missing key", ["spec", "name"]),
    "ApiAttributeError": errors.ApiAttributeError("no such attribute", ["x"]),
    "ClientClosedError": errors.ClientClosedError(
        "the client is closed: create a new client for new calls"
    ),
    "ConfigurationError": errors.ConfigurationError("timeout", "must be seconds > 0, got -1"),
    "ApiValueError": errors.ApiValueError("not allowed", ["sort_order"]),
    "MissingCategoryError": errors.MissingCategoryError("pip install runai-workloads"),
    "ApiConnectionError": errors.ApiConnectionError(
        "cannot connect", method="GET", url="https://cp/api", request_sent=False, retryable=False
    ),
    "ApiTimeoutError": errors.ApiTimeoutError("read timeout after 5.0 s", method="GET", url="u"),
    "WaitFailedError": errors.WaitFailedError("project", "7", "Failed", "no quota", "Ready"),
    "WaitTimeoutError": errors.WaitTimeoutError("project", "7", "Creating", 30.0, "Ready", "slow"),
}
for _cls in _classes():
    if issubclass(_cls, errors.ApiException):
        SAMPLES[_cls.__name__] = _cls(401, "Unauthorized", _HEADERS, _BODY, method="GET", url="/x")


def test_every_class_has_a_sample() -> None:
    assert sorted(SAMPLES) == sorted(cls.__name__ for cls in _classes())


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_pickles_to_the_same_message_and_attributes(name: str) -> None:
    original = SAMPLES[name]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(original, protocol=protocol))
        assert type(copy) is type(original)
        assert str(copy) == str(original)
        assert copy.args == original.args
        assert vars(copy) == vars(original)


def test_api_exception_keeps_its_fields_after_pickling() -> None:
    exc = errors.exception_for_status(401, "Unauthorized", _HEADERS, _BODY, method="GET", url="/x")
    copy = pickle.loads(pickle.dumps(exc))
    assert isinstance(copy, errors.UnauthorizedException)
    assert str(copy) == "(401) Unauthorized for GET /x: token expired"
    assert (copy.status, copy.error_message, copy.data) == (401, "token expired", exc.data)
