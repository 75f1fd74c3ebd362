"""Every operation of every simulated version, over plain HTTP (no client involved), reaches a
2xx once what it needs is made (:mod:`.tenant`), and every answer on the way, the ones that made
something included, is one the version's spec documents (:mod:`.oracle`): status, media type
and a body valid against the schema."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict, Iterator, List, Tuple
from urllib.parse import quote, urlencode

import pytest
import urllib3
from runai_testing import ControlPlane
from runai_testing.rules import VERSIONS, SpecOperation, rules_for

from .oracle import SPEC_DIR, Answer, oracle
from .tenant import Arguments, Send, Tenant

FORM = "application/x-www-form-urlencoded"
# (version, "METHOD path") -> why no call can get a 2xx from it
NO_SUCCESS: Dict[Tuple[str, str], str] = {}


def _text(value: Any) -> str:
    """A parameter value as the wire carries it (arrays comma-joined: ``explode: false``)."""
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    return str(value)


def http_send(http: urllib3.PoolManager, url: str, token: str) -> Send:
    """``send`` for :class:`Tenant`: one HTTP request, answered as it came."""

    def send(op: SpecOperation, arguments: Arguments) -> Answer:
        path = op.path
        for name, value in arguments.path.items():
            path = path.replace("{" + name + "}", quote(_text(value), safe=""))
        if arguments.query:
            path += "?" + urlencode({k: _text(v) for k, v in arguments.query.items()})
        headers = {"Authorization": f"Bearer {token}"}
        data = None
        if op.body_media_type == FORM:
            data, headers["Content-Type"] = urlencode(arguments.body).encode(), FORM
        elif arguments.body is not None:
            data, headers["Content-Type"] = json.dumps(arguments.body).encode(), "application/json"
        answer = http.request(op.method, url + path, body=data, headers=headers)
        return Answer(answer.status, answer.headers.get("Content-Type", ""), answer.data)

    return send


@pytest.fixture(scope="module")
def http() -> Iterator[urllib3.PoolManager]:
    pool = urllib3.PoolManager(retries=False, timeout=10.0)
    yield pool
    pool.clear()


def test_the_errata_are_where_they_were_found() -> None:
    """The oracle reads two errata of the documents as meant; a spec that brings more of them
    is looked at before the oracle forgives them too."""
    found = []
    for version in VERSIONS:
        text = (SPEC_DIR / f"runai-{version}.json").read_text(encoding="utf-8")
        for erratum in ('"applicatin/json"', '"oneOf"'):
            found += [(version, erratum)] * text.count(erratum)
    assert found == [("2.20", '"applicatin/json"'), ("2.21", '"oneOf"'), ("2.22", '"oneOf"')]


def test_every_allow_listed_operation_is_in_its_version() -> None:
    assert len(NO_SUCCESS) == 0
    for version, key in NO_SUCCESS:
        assert key in {f"{op.method} {op.path}" for op in rules_for(version)}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.slow  # every operation of a version, judged by the oracle
def test_every_operation_of_the_version_answers_as_documented(
    version: str, http: urllib3.PoolManager
) -> None:
    rules = rules_for(version)
    judge = oracle(version)
    grant = "client_credentials" if "client_credentials" in rules.grant_types else "app_token"
    names = ("clientID", "clientSecret") if grant != "app_token" else ("appID", "appSecret")
    login = {"grantType": grant, names[0]: "every", names[1]: "secret"}
    wrong: List[str] = []

    def judged(op: SpecOperation, arguments: Arguments) -> Answer:
        answer: Answer = send(op, arguments)
        problems = judge.problems(op.method, op.path, answer)
        wrong.extend(f"{op.method} {op.path}: {problem}" for problem in problems)
        return answer

    with ControlPlane("every", "secret", spec_version=version, phase_delay=0) as plane:
        token = http.request("POST", plane.url + "/api/v1/token", json=login).json()["accessToken"]
        send = http_send(http, plane.url, token)
        tenant = Tenant(rules, judged, login)
        for op in rules:
            try:
                answer = tenant.call(op)
            except AssertionError as exc:  # making what the call needs failed
                wrong.append(f"{op.method} {op.path}: {exc}")
                continue
            key = f"{op.method} {op.path}"
            succeeded = 200 <= answer.status < 300
            if succeeded == ((version, key) in NO_SUCCESS):
                wrong.append(f"{key}: {answer.status} {answer.body[:200]!r}")
    assert wrong == [], "\n".join(wrong)
