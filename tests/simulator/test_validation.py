"""Requests are validated against the operation: parameters and bodies → 400 naming the field."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from runai.api_client import ApiClient
from runai.exceptions import BadRequestException
from runai.runai_client import RunaiClient
from runai_testing.rules import rules_for
from runai_testing.schemas import BodyChecker

from .helpers import Raw, cluster_id


def test_body_missing_required_field_is_400_naming_it(raw: Raw) -> None:
    status, body, _ = raw.call("POST", "/api/v1/org-unit/projects", {"resources": []})
    assert status == 400
    assert body["code"] == 400
    assert "name" in body["message"] and "clusterId" in body["message"]


def test_a_field_two_allof_members_require_is_named_once(
    client: RunaiClient[ApiClient], raw: Raw
) -> None:
    """The project creation body requires ``resources`` in two of its allOf members: one
    problem, not two."""
    body = {"name": "once", "clusterId": cluster_id(client)}
    status, answer, _ = raw.call("POST", "/api/v1/org-unit/projects", body)
    assert status == 400
    assert answer["message"] == "resources: required property missing"


def test_body_field_of_wrong_type_is_400_naming_it(client: RunaiClient[ApiClient]) -> None:
    bad = b'{"name": "x", "clusterId": "' + cluster_id(client).encode() + b'", "resources": 7}'
    with pytest.raises(BadRequestException) as caught:
        # raw JSON bytes on purpose (the types forbid them): the simulator must judge the body
        client.organizations.projects.create_project(bad)  # type: ignore[arg-type]
    assert caught.value.status == 400
    assert "resources" in str(caught.value)


def test_nested_field_is_named_with_its_path(raw: Raw) -> None:
    body = {"meta": {"name": "c", "scope": "tenant"}, "spec": {"gpuDevicesRequest": "many"}}
    status, answer, _ = raw.call("POST", "/api/v1/asset/compute", body)
    assert status == 400
    assert answer["message"].startswith("spec.gpuDevicesRequest")


def test_unknown_body_field_is_dropped_as_the_control_plane_decoder_does(raw: Raw) -> None:
    # the spec leaves these objects open (no additionalProperties: false): not an error
    status, answer, _ = raw.call("POST", "/api/v1/clusters", {"name": "c", "colour": "red"})
    assert status == 201 and answer["name"] == "c" and "colour" not in answer


def test_empty_notification_channel_is_400_naming_the_required_fields(raw: Raw) -> None:
    status, answer, _ = raw.call("POST", "/api/v1/notification-channels", {})
    assert status == 400
    assert answer["message"].startswith("type: ") and "config: " in answer["message"]


def test_keys_match_the_schema_ignoring_case(client: RunaiClient[ApiClient], raw: Raw) -> None:
    body = {"NAME": "cased", "ClusterId": cluster_id(client), "Resources": []}
    status, answer, _ = raw.call("POST", "/api/v1/org-unit/projects", body)
    assert status == 201, answer
    assert answer["name"] == "cased" and "NAME" not in answer


def test_null_is_accepted_where_the_spec_says_nullable(
    client: RunaiClient[ApiClient], raw: Raw
) -> None:
    body: Dict[str, Any] = {
        "name": "nulls",
        "clusterId": cluster_id(client),
        "resources": [],
        "parentId": None,
    }
    assert raw.call("POST", "/api/v1/org-unit/projects", body)[0] == 201
    status, answer, _ = raw.call("POST", "/api/v1/org-unit/projects", {**body, "name": None})
    assert status == 400 and answer["message"].startswith("name: ")


def test_format_of_a_body_field_is_checked(raw: Raw) -> None:
    body = {"name": "d", "clusterId": "not-a-uuid", "resources": []}
    status, answer, _ = raw.call("POST", "/api/v1/org-unit/departments", body)
    assert status == 400 and answer["message"].startswith("clusterId: ")


def test_malformed_json_is_400(raw: Raw) -> None:
    status, answer, _ = raw.call("POST", "/api/v1/clusters", b"{not json")
    assert status == 400 and "JSON" in answer["message"]


def test_missing_required_body_is_400(raw: Raw) -> None:
    status, answer, _ = raw.call("POST", "/api/v1/org-unit/projects")
    assert status == 400 and "body" in answer["message"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),  # minimum 1
        ("limit=many", "limit"),  # integer
        ("sortOrder=sideways", "sortOrder"),  # enum
        ("filterBy=colour==red", "filterBy"),  # the spec's per-endpoint field pattern
    ],
)
def test_invalid_query_parameters_are_400_naming_them(raw: Raw, query: str, field: str) -> None:
    status, answer, _ = raw.call("GET", f"/api/v1/org-unit/projects?{query}")
    assert status == 400
    assert answer["message"].startswith(field)


def test_invalid_uuid_path_parameter_is_400(raw: Raw) -> None:
    status, answer, _ = raw.call("GET", "/api/v1/clusters/not-a-uuid")
    assert status == 400 and answer["message"].startswith("clusterUuid")


def test_unknown_path_is_404_and_wrong_method_405(raw: Raw) -> None:
    assert raw.call("GET", "/api/v1/no-such-thing")[0] == 404
    status, _, headers = raw.call("PATCH", "/api/v1/org-unit/projects")
    assert status == 405 and "GET" in headers["Allow"]


URL = "https://idp.example.com:8443/saml/metadata.xml"
IDP_URL_FIELDS = [
    ("saml", "samlData", {"metadataXmlType": "url"}, "metadataXmlUrl"),
    ("oidc", "oidcData", {"clientId": "c", "clientSecret": "s"}, "discoverDocumentUrl"),
    ("openshift-v4", "ocpData", {"clientSecret": "s"}, "idpBaseUrl"),
]


@pytest.mark.parametrize(("kind", "key", "rest", "field"), IDP_URL_FIELDS)
def test_a_javascript_style_pattern_is_the_expression_between_its_slashes(
    raw: Raw, kind: str, key: str, rest: Dict[str, str], field: str
) -> None:
    """2.21+ write the pattern of these URL fields as a regex literal, ``/^(https?://)?...$|^$/``:
    a URL or nothing is accepted, anything else is 400 naming the field."""
    for good in (URL, "idp.example.com", ""):
        body = {"type": kind, key: {**rest, field: good}}
        status, answer, _ = raw.call("POST", "/api/v1/idps", body)
        assert status == 201, (good, answer)
    body = {"type": kind, key: {**rest, field: "https://idp example.com"}}
    status, answer, _ = raw.call("POST", "/api/v1/idps", body)
    assert status == 400
    assert answer["message"].startswith(f"{key}.{field}: ")


def test_the_logout_redirect_uri_setting_takes_a_url(raw: Raw) -> None:
    """The body of ``PUT /api/v1/security/settings/{key}`` is an anyOf of three open objects, so
    a bad ``uri`` still fits another member over HTTP; the member itself refuses it."""
    status, answer, _ = raw.call("PUT", "/api/v1/security/settings/logoutRedirectUri", {"uri": URL})
    assert status == 200, answer
    checker = BodyChecker(rules_for("2.24").document)
    member = "#/components/schemas/LogoutRedirectUriSetting"
    assert checker.problems(member, {"uri": URL}) == []
    ((where, problem),) = checker.problems(member, {"uri": "https://idp example.com"})
    assert where == "uri" and "does not match" in problem
