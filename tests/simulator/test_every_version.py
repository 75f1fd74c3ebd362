"""Every operation of every simulated version answers over plain HTTP (no client involved): a
success status it documents, or an error status it documents; never a simulator error. The
arguments are minimal valid values built from the version's own document."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any, Dict, Iterator, List, Tuple
from urllib.parse import quote, urlencode

import pytest
import urllib3
from runai_testing import ControlPlane
from runai_testing.rules import VERSIONS, ParamRule, SpecOperation, TypeRule, rules_for
from runai_testing.synthesis import Synthesizer

CANDIDATES = ("example", "example_1", "example.md", "v1.0.0", "a")
# a cluster is addressed by these: they get a real one, since the spec documents no 404 for
# some cluster operations
CLUSTER_PARAMS = ("clusterUuid", "clusterId", "cluster_uuid", "uuid")


def _text(schema: TypeRule) -> str:
    if schema.enum:
        return str(schema.enum[0])
    if schema.type == "integer" or schema.type == "number":
        return str(int(max(schema.minimum or 1, 1)))
    if schema.type == "boolean":
        return "false"
    if schema.format == "uuid":
        return str(uuid.uuid4())
    if schema.format == "date-time":
        return "2024-01-01T00:00:00Z"
    if schema.pattern:
        return next(c for c in CANDIDATES if re.search(schema.pattern, c))
    return "example"


def _value(param: ParamRule) -> str:
    schema = param.schema
    if schema.type == "array" and schema.items is not None:
        return _text(schema.items)
    return _text(schema)


def _request(op: SpecOperation, synthesizer: Synthesizer, cluster: str) -> Tuple[str, Any]:
    path = op.path
    query: List[Tuple[str, str]] = []
    for param in op.params:
        if param.location == "path":
            value = cluster if param.name in CLUSTER_PARAMS else _value(param)
            path = path.replace("{" + param.name + "}", quote(value, safe=""))
        elif param.required:
            query.append((param.name, _value(param)))
    body = None
    if op.body_pointer is not None and op.body_media_type == "application/json":
        body = synthesizer.value(synthesizer.doc.at(op.body_pointer))
    return path + ("?" + urlencode(query) if query else ""), body


@pytest.fixture(scope="module")
def http() -> Iterator[urllib3.PoolManager]:
    pool = urllib3.PoolManager(retries=False, timeout=10.0)
    yield pool
    pool.clear()


@pytest.mark.parametrize("version", VERSIONS)
def test_every_operation_of_the_version_answers_as_documented(version, http):
    rules = rules_for(version)
    synthesizer = Synthesizer(rules.document)
    grant = "client_credentials" if "client_credentials" in rules.grant_types else "app_token"
    undocumented: List[str] = []
    with ControlPlane("every", "secret", spec_version=version, phase_delay=0) as plane:
        names = ("clientID", "clientSecret") if grant != "app_token" else ("appID", "appSecret")
        login = {"grantType": grant, names[0]: "every", names[1]: "secret"}
        token = http.request("POST", plane.url + "/api/v1/token", json=login).json()["accessToken"]
        headers: Dict[str, str] = {"Authorization": f"Bearer {token}"}
        for op in rules:
            if op.body_media_type not in (None, "application/json"):
                continue  # the OAuth2 form endpoint has its own tests
            cluster = http.request(
                "POST",
                plane.url + "/api/v1/clusters",
                json={"name": str(uuid.uuid4())},
                headers=headers,
            ).json()
            target, body = _request(op, synthesizer, str(cluster.get("uuid", uuid.uuid4())))
            sent = dict(headers)
            data = None
            if body is not None:
                data, sent["Content-Type"] = json.dumps(body).encode(), "application/json"
            answer = http.request(op.method, plane.url + target, body=data, headers=sent)
            if answer.status not in op.responses and not 200 <= answer.status < 300:
                undocumented.append(f"{op.method} {op.path}: {answer.status} {answer.data[:200]!r}")
    assert undocumented == [], "\n".join(undocumented)
