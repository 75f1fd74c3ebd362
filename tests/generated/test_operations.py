"""Every operation of the 2.24 spec, called through RunaiClient against a recording server.

The expected request (method, raw path, query, ``Accept``, body) and the answer are read from
the spec itself (:mod:`generated.spec_cases`, :mod:`generated.spec_bodies`): path values carry
``_``, ``/``, space, ``#`` and ``?`` so a client that rewrites or under-encodes them fails; a JSON
body fills every property of its schema and goes out once as the generated model built by
snake_case field names, once as a dict; the server answers each operation with a full body for
its first success status and media type, and ``parsed()`` must give it back field by field.
"""

from __future__ import annotations

import importlib
import inspect
import warnings
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from runai.api_client import ApiClient
from runai.exceptions import ApiValueError
from runai.runai_client import RunaiClient
from support.helpers import CLIENT_ID, CLIENT_SECRET, build_config
from support.server import FixtureServer, RecordedRequest

from generated.catalog import methods_by_operation_id
from generated.model_bodies import build, check_parsed
from generated.naming import snake
from generated.spec_bodies import differences, merged, with_nulls
from generated.spec_cases import JSON, Case, Reply, cases, load

CASES = cases()
JSON_BODY_CASES = [c for c in CASES if c.body is not None]
NULL_CASES = [
    c
    for c in JSON_BODY_CASES
    if c.body_schema is not None and with_nulls(load(), c.body_schema, c.body) != c.body
]
Session = Tuple[FixtureServer, RunaiClient[ApiClient]]


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    with FixtureServer(credentials={CLIENT_ID: CLIENT_SECRET}) as server:
        client = RunaiClient(ApiClient(build_config(server)))
        # Log in first, so a reply scripted for the token operation answers that operation.
        client.organizations.clusters.get_clusters()
        yield server, client
        client.close()


def _body_type(case: Case) -> Any:
    ref = methods_by_operation_id()[case.operation_id].operation.body_model
    assert ref is not None, f"{case.operation_id}: no body model for a JSON body"
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def _call(client: RunaiClient[ApiClient], case: Case, body: Any) -> Any:
    found = methods_by_operation_id()[case.operation_id]
    method = getattr(getattr(getattr(client, found.category), found.group), found.name)
    params = list(inspect.signature(method).parameters)
    kwargs: Dict[str, Any] = {snake(wire): value for wire, value in case.args.items()}
    unknown = set(kwargs) - set(params)
    assert not unknown, f"{found.name} lacks parameters {unknown} (has {params})"
    if body is not None:
        body_args = [p for p in params if p not in kwargs and not p.startswith("_")]
        assert len(body_args) == 1, f"{found.name}: cannot tell the body argument in {params}"
        kwargs[body_args[0]] = body
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # asserted in test_catalog
        return method(**kwargs)


def _script(server: FixtureServer, case: Case, reply: Reply) -> None:
    path = case.raw_path
    headers = {"Content-Type": reply.media} if reply.media is not None else {}
    if reply.media == JSON:
        server.enqueue(reply.status, json=reply.json, method=case.method, path=path)
    else:
        server.enqueue(reply.status, body=reply.raw, headers=headers, method=case.method, path=path)


def _exchange(session: Session, case: Case, body: Any) -> Tuple[Any, RecordedRequest]:
    server, client = session
    assert case.reply is not None
    server.clear()  # no answer left over from a test that failed before sending
    _script(server, case, case.reply)
    response = _call(client, case, body)
    sent = [r for r in server.requests if r.raw_path.split("?")[0] == case.raw_path]
    assert len(sent) == 1, f"expected one request to {case.raw_path}, got {len(sent)}"
    assert server.pending_scripts == 0, "the scripted answer was not used"
    return response, sent[0]


def _assert_request(case: Case, request: RecordedRequest) -> None:
    assert request.method == case.method
    assert request.path == case.raw_path
    expected_query = sorted(f"{key}={value}" for key, value in case.query)
    assert sorted(filter(None, request.query.split("&"))) == expected_query
    assert request.headers["Accept"] == case.accept


def _assert_parsed(case: Case, response: Any) -> None:
    reply = case.reply
    assert reply is not None
    assert response.status_code == reply.status
    if reply.media is None:
        assert response.parsed() is None
    elif reply.media == JSON and reply.schema is None:
        with pytest.raises(TypeError, match="no declared model"):
            response.parsed()
    elif reply.media == JSON:
        assert reply.schema is not None
        problems = check_parsed(load(), reply.schema, reply.json, response.parsed())
        assert not problems, "\n".join(problems)
    elif reply.media.startswith("text/"):
        assert response.parsed() == reply.raw.decode("utf-8")
    else:
        assert response.parsed() == reply.raw
        assert isinstance(response.parsed(), bytes)


@pytest.mark.parametrize("case", CASES, ids=[c.operation_id for c in CASES])
def test_operation_sends_what_the_spec_prescribes(session: Session, case: Case) -> None:
    """The request as the spec spells it (a JSON body sent as the generated model filled by
    field names), and the spec's answer parsed into the declared model, every field set."""
    body = None
    if case.body is not None:
        assert case.body_schema is not None
        body = build(load(), case.body_schema, case.body, _body_type(case))
    response, request = _exchange(session, case, body)

    _assert_request(case, request)
    if case.form is not None:
        assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert request.form() == {k: str(v) for k, v in case.form.items()}
    elif case.body is not None:
        assert request.headers["Content-Type"] == JSON
        problems = differences(request.json(), case.body)
        assert not problems, "\n".join(problems)
    else:
        assert request.body == b""
    _assert_parsed(case, response)


@pytest.mark.parametrize("case", JSON_BODY_CASES, ids=[c.operation_id for c in JSON_BODY_CASES])
def test_dict_body_goes_out_as_given(session: Session, case: Case) -> None:
    """A plain dict keyed by wire name is validated and sent unchanged."""
    _, request = _exchange(session, case, case.body)

    _assert_request(case, request)
    assert request.headers["Content-Type"] == JSON
    problems = differences(request.json(), case.body)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", NULL_CASES, ids=[c.operation_id for c in NULL_CASES])
def test_nullable_fields_set_to_none_go_out_as_null(session: Session, case: Case) -> None:
    """Every nullable property set to ``None`` by field name is sent as ``null``; the others stay
    filled."""
    assert case.body_schema is not None
    expected = with_nulls(load(), case.body_schema, case.body)
    body = build(load(), case.body_schema, expected, _body_type(case))
    _, request = _exchange(session, case, body)

    problems = differences(request.json(), expected)
    assert not problems, "\n".join(problems)


def _required_cases() -> List[Tuple[Case, str]]:
    found = []
    for case in JSON_BODY_CASES:
        assert case.body_schema is not None
        node = merged(load(), case.body_schema)
        props = node.get("properties") or {}
        for name in node.get("required", []):
            if name in props and not merged(load(), props[name]).get("readOnly"):
                found.append((case, name))
    return found


REQUIRED_CASES = _required_cases()


@pytest.mark.parametrize(
    ("case", "missing"),
    REQUIRED_CASES,
    ids=[f"{c.operation_id}-{name}" for c, name in REQUIRED_CASES],
)
def test_body_without_a_required_property_is_refused(
    session: Session, case: Case, missing: str
) -> None:
    """A dict body lacking a property the spec requires is refused before anything is sent,
    naming the property."""
    server, client = session
    body = {key: value for key, value in case.body.items() if key != missing}
    server.clear()
    with pytest.raises(ApiValueError, match=missing):
        _call(client, case, body)
    assert server.requests == []
