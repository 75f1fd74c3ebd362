"""Every operation of the 2.24 spec, called through RunaiClient against a recording server.

The expected request (method, raw path, query, body) is read from the spec itself; path values
carry ``_``, ``/``, space, ``#`` and ``?`` so a client that rewrites or under-encodes them fails.
"""

from __future__ import annotations

import inspect
import warnings
from typing import Any, Dict, Iterator, Tuple

import pytest
from runai.api_client import ApiClient
from runai.runai_client import RunaiClient
from support.helpers import CLIENT_ID, CLIENT_SECRET, build_config
from support.server import FixtureServer, RecordedRequest

from generated.naming import snake
from generated.spec_cases import Case, cases

CASES = cases()
TOKEN_OPERATION = "grant_token"


@pytest.fixture(scope="module")
def session() -> Iterator[Tuple[FixtureServer, RunaiClient[ApiClient]]]:
    with FixtureServer(credentials={CLIENT_ID: CLIENT_SECRET}) as server:
        client = RunaiClient(ApiClient(build_config(server)))
        yield server, client
        client.close()


def _call(client: RunaiClient[ApiClient], case: Case) -> Any:
    from generated.catalog import methods_by_operation_id

    found = methods_by_operation_id()[case.operation_id]
    method = getattr(getattr(getattr(client, found.category), found.group), found.name)
    params = list(inspect.signature(method).parameters)
    kwargs: Dict[str, Any] = {snake(wire): value for wire, value in case.args.items()}
    unknown = set(kwargs) - set(params)
    assert not unknown, f"{found.name} lacks parameters {unknown} (has {params})"
    if case.body is not None:
        body_args = [p for p in params if p not in kwargs and not p.startswith("_")]
        assert len(body_args) == 1, f"{found.name}: cannot tell the body argument in {params}"
        kwargs[body_args[0]] = case.body
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # asserted in test_catalog
        return method(**kwargs)


@pytest.mark.parametrize("case", CASES, ids=[c.operation_id for c in CASES])
def test_operation_sends_what_the_spec_prescribes(
    session: Tuple[FixtureServer, RunaiClient[ApiClient]], case: Case
) -> None:
    server, client = session
    if case.operation_id == TOKEN_OPERATION:
        case.body = {
            "grantType": "client_credentials",
            "clientID": CLIENT_ID,
            "clientSecret": CLIENT_SECRET,
        }
    before = len(server.requests)
    response = _call(client, case)
    request: RecordedRequest = server.requests[before:][-1]

    assert response.status_code == 200
    assert request.method == case.method
    assert request.path == case.raw_path
    expected_query = sorted(f"{key}={value}" for key, value in case.query)
    assert sorted(filter(None, request.query.split("&"))) == expected_query
    if case.form is not None:
        assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert request.form() == {k: str(v) for k, v in case.form.items()}
    elif case.body is not None:
        assert request.headers["Content-Type"] == "application/json"
        assert request.json() == case.body
    else:
        assert request.body == b""
