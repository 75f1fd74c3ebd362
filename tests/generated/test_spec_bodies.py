"""The bodies and answers of the wire tests (:mod:`generated.spec_cases`) are ones the spec allows,
judged by the simulator tests' oracle (``openapi-schema-validator``'s OpenAPI 3.0 rules), which
shares no code with :mod:`generated.spec_bodies`.

A few cannot be valid whatever a client or control plane does: the spec's own errata, listed
below operation by operation with the problem each explains. An erratum that goes away, or a
problem it does not explain, fails the test, so the list stays exact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Dict, List, Tuple

import pytest
from simulator.oracle import Answer, oracle

from generated.spec_cases import JSON, Case, cases

JUDGE = oracle("2.24")
CASES = cases()


@dataclass(frozen=True)
class Erratum:
    """A defect of the spec, and the text of the problem the oracle reports for it."""

    reason: str
    problem: str


NO_STATUS = Erratum(
    "NetworkTopology requires `status`, a property it does not define",
    "'status' is a required property",
)
NO_NODEPOOL_RESOURCES = Erratum(
    "a project's metrics (`project.current`) require `nodepoolResources`, which they do not define",
    "'nodepoolResources' is a required property",
)
NO_CONNECTION_NAME = Erratum(
    "SpecificRunConnectionInfo requires `connectionName`; the property it defines is `name`",
    "'connectionName' is a required property",
)
NO_SPEC = Erratum(
    "Registry/ConfigMap/SecretAsset UpdateRequest require `spec` and define only `meta`",
    "'spec' is a required property",
)
NO_DISCOVER_URL = Erratum(
    "OidcData requires `discoverDocumentUrl`, a property it does not define",
    "'discoverDocumentUrl' is a required property",
)
NO_ALIAS = Erratum(
    "Mappers requires `alias`, a property it does not define",
    "'alias' is a required property",
)
NO_DATA = Erratum(
    "IdpCreationRequest requires `data`; its properties are samlData, oidcData and ocpData",
    "'data' is a required property",
)
NO_LOGS = Erratum(
    "GET /api/v1/audit/log requires `logs`; the property it defines is `audit_logs`",
    "'logs' is a required property",
)
JS_PATTERN = Erratum(
    "a URL pattern written as a JavaScript regex literal (`/^(https?://)?...$|^$/`): read as a "
    "regular expression, its slashes let no non-empty string match",
    "does not match '/^(https?://)?",
)

ERRATA: Dict[Tuple[str, str], Tuple[Erratum, ...]] = {
    ("reply", "get_network_topologies"): (NO_STATUS,),
    ("reply", "create_network_topology"): (NO_STATUS,),
    ("reply", "get_network_topology_by_id"): (NO_STATUS,),
    ("reply", "getProjectsMetrics"): (NO_NODEPOOL_RESOURCES,),
    ("reply", "getProjectMetrics"): (NO_NODEPOOL_RESOURCES,),
    ("reply", "list_templates"): (NO_CONNECTION_NAME,),
    ("reply", "create_template"): (NO_CONNECTION_NAME,),
    ("reply", "get_template_by_id"): (NO_CONNECTION_NAME,),
    ("reply", "update_template"): (NO_CONNECTION_NAME,),
    ("reply", "get_idps"): (NO_DISCOVER_URL, NO_ALIAS),
    ("reply", "get_idp_mappers"): (NO_ALIAS,),
    ("reply", "get_security_settings"): (JS_PATTERN,),
    ("reply", "getAuditLogs"): (NO_LOGS,),
    ("body", "create_template"): (NO_CONNECTION_NAME,),
    ("body", "update_template"): (NO_CONNECTION_NAME,),
    ("body", "update_registry"): (NO_SPEC,),
    ("body", "update_config_map_asset_by_id"): (NO_SPEC,),
    ("body", "update_Secret_asset_by_id"): (NO_SPEC,),
    ("body", "create_idp"): (NO_DATA, JS_PATTERN, NO_ALIAS),
    ("body", "update_idp"): (NO_DATA, JS_PATTERN, NO_ALIAS),
    ("body", "update_idp_mappers"): (NO_ALIAS,),
}

CHECKED = [("reply", c) for c in CASES] + [("body", c) for c in CASES if c.body is not None]


def _problems(side: str, case: Case) -> List[str]:
    if side == "body":
        return JUDGE.request_problems(case.method, case.path, case.body)
    reply = case.reply
    assert reply is not None
    if reply.media == JSON:
        answer = Answer(reply.status, JSON, json.dumps(reply.json).encode())
    else:
        answer = Answer(reply.status, reply.media or "", reply.raw)
    return JUDGE.problems(case.method, case.path, answer)


def test_the_errata_are_counted() -> None:
    replies = [key for key in ERRATA if key[0] == "reply"]
    assert (len(ERRATA), len(replies)) == (21, 13)
    assert set(ERRATA) <= {(side, case.operation_id) for side, case in CHECKED}


@pytest.mark.parametrize(
    ("side", "case"), CHECKED, ids=[f"{side}-{case.operation_id}" for side, case in CHECKED]
)
def test_the_case_is_valid_against_the_spec(side: str, case: Case) -> None:
    """No problem at all, or exactly the ones the spec's errata for this operation explain."""
    problems = _problems(side, case)
    errata = ERRATA.get((side, case.operation_id), ())
    unexplained = [p for p in problems if not any(e.problem in p for e in errata)]
    assert unexplained == []
    gone = [e.reason for e in errata if not any(e.problem in p for p in problems)]
    assert gone == [], "an erratum no longer shows: remove it from ERRATA"
