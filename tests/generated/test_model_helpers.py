"""runapy 1.x's model helpers on the generated models: ``to_dict``, ``from_dict``, ``to_json``,
``from_json``, ``to_str`` and enums' ``from_json``.

The expected values are what runapy 1.224.0's generated code returns for the same input, worked
out by hand from that code: ``to_dict`` is ``model_dump(by_alias=True, exclude_none=True)`` with
nested models redone the same way and nullable fields explicitly set to ``None`` put back (at the
end); ``from_dict`` reads every declared property by wire name (missing ones become ``None``, or
the spec's default), drops undeclared keys unless the schema is open, and validates; ``to_json``
is ``json.dumps(to_dict())``; ``to_str`` is ``pprint.pformat(model_dump(by_alias=True))``.
"""

from __future__ import annotations

import datetime as dt
import json
import pprint
from typing import Any, Dict

import pytest
from pydantic import TypeAdapter, ValidationError
from runai import models
from runai.api_client import ApiClient
from runai.runai_client import RunaiClient

RESPONSE = {"runai_response": True}
MOMENT = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)

# An access rule as the control plane returns it (values from the spec's examples), plus a key
# the schema does not declare.
ACCESS_RULE: Dict[str, Any] = {
    "subjectId": "user@run.ai",
    "subjectType": "user",
    "roleId": 53142648,
    "scopeId": "a418ed33-9399-48c0-a890-122cadd13bfd",
    "scopeType": "project",
    "clusterId": "71f69d83-ba66-4822-adf5-55ce55efd210",
    "roleName": "L1 researcher",
    "scopeName": "team-a",
    "id": 7,
    "createdAt": "2024-01-02T03:04:05Z",
    "updatedAt": "2024-01-02T03:04:05Z",
    "tenantId": 1001,
    "createdBy": "admin@run.ai",
    "status": {"phase": "Ready"},
    "notInTheSchema": True,
}

# runapy 1.224.0: AccessRule.from_dict(ACCESS_RULE).to_dict(). Every property was set by
# from_dict, so the nullable deletedAt comes back as None (appended after the dump); the
# undeclared key is gone; status's unset message/details are not nullable, so they are omitted.
ACCESS_RULE_DICT: Dict[str, Any] = {
    "subjectId": "user@run.ai",
    "subjectType": "user",
    "roleId": 53142648,
    "scopeId": "a418ed33-9399-48c0-a890-122cadd13bfd",
    "scopeType": "project",
    "clusterId": "71f69d83-ba66-4822-adf5-55ce55efd210",
    "roleName": "L1 researcher",
    "scopeName": "team-a",
    "id": 7,
    "createdAt": MOMENT,
    "updatedAt": MOMENT,
    "tenantId": 1001,
    "createdBy": "admin@run.ai",
    "status": {"phase": "Ready"},
    "deletedAt": None,
}


def test_from_dict_then_to_dict_gives_what_runapy_gave() -> None:
    rule = models.AccessRule.from_dict(ACCESS_RULE)
    assert isinstance(rule, models.AccessRule)
    result = rule.to_dict()
    assert result == ACCESS_RULE_DICT
    assert list(result) == list(ACCESS_RULE_DICT)  # same key order as runapy's dict
    assert isinstance(result["createdAt"], dt.datetime)  # Python values, as model_dump gives
    assert result["subjectType"] is models.SubjectType.USER
    assert isinstance(result["status"], dict)


def test_to_json_is_json_dumps_of_to_dict() -> None:
    rule = models.AccessRule.from_dict(ACCESS_RULE)
    expected = (
        '{"subjectId": "user@run.ai", "subjectType": "user", "roleId": 53142648, '
        '"scopeId": "a418ed33-9399-48c0-a890-122cadd13bfd", "scopeType": "project", '
        '"clusterId": "71f69d83-ba66-4822-adf5-55ce55efd210", "roleName": "L1 researcher", '
        '"scopeName": "team-a", "id": 7, "createdAt": "2024-01-02T03:04:05Z", '
        '"updatedAt": "2024-01-02T03:04:05Z", "tenantId": 1001, "createdBy": "admin@run.ai", '
        '"status": {"phase": "Ready"}, "deletedAt": null}'
    )
    assert rule.to_json() == expected  # runapy 1.x raised TypeError on the datetimes instead


def test_from_json_reads_what_to_json_wrote() -> None:
    text = json.dumps(ACCESS_RULE)
    rule = models.AccessRule.from_json(text)
    assert rule is not None and rule.to_dict() == ACCESS_RULE_DICT
    assert models.AccessRule.from_json(rule.to_json()) == rule
    assert models.AccessRule.from_json("null") is None


def test_to_str_pretty_prints_every_field_by_wire_name() -> None:
    rule = models.AccessRule.from_dict(ACCESS_RULE)
    # pydantic's parsed datetime (tzinfo TzInfo(0)), as runapy's pydantic parsed it too
    moment = TypeAdapter(dt.datetime).validate_python("2024-01-02T03:04:05Z")
    everything = {
        "clusterId": "71f69d83-ba66-4822-adf5-55ce55efd210",
        "createdAt": moment,
        "createdBy": "admin@run.ai",
        "deletedAt": None,
        "id": 7,
        "roleId": 53142648,
        "roleName": "L1 researcher",
        "scopeId": "a418ed33-9399-48c0-a890-122cadd13bfd",
        "scopeName": "team-a",
        "scopeType": models.ScopeType.PROJECT,
        "status": {"details": None, "message": None, "phase": models.AccessRulePhase.READY},
        "subjectId": "user@run.ai",
        "subjectType": models.SubjectType.USER,
        "tenantId": 1001,
        "updatedAt": moment,
    }
    assert rule.to_str() == pprint.pformat(everything)


def test_from_dict_of_none_and_of_a_model() -> None:
    assert models.AccessRule.from_dict(None) is None
    rule = models.AccessRule.from_dict(ACCESS_RULE)
    assert models.AccessRule.from_dict(rule) is rule


def test_from_dict_reads_wire_names_only_and_checks_the_request() -> None:
    with pytest.raises(ValidationError, match="requires a value for tenantId"):
        models.AccessRule.from_dict({k: v for k, v in ACCESS_RULE.items() if k != "tenantId"})
    snake = dict(ACCESS_RULE, tenant_id=1001)
    del snake["tenantId"]
    with pytest.raises(ValidationError, match="tenantId"):  # runapy read camelCase keys only
        models.AccessRule.from_dict(snake)
    with pytest.raises(ValidationError, match="subjectType"):
        models.AccessRule.from_dict(dict(ACCESS_RULE, subjectType="robot"))


def test_from_dict_fills_the_specs_defaults_as_runapy_did() -> None:
    channel = models.NotificationChannel.from_dict(
        {"config": {"smtpHost": "smtp.example.com", "smtpPort": None}}
    )
    assert channel is not None
    assert channel.to_dict() == {
        "type": "email",  # NotificationChannelType's default
        "config": {
            "smtpHost": "smtp.example.com",
            "smtpPort": 587,  # an explicit null is replaced by the default too
            "authType": "auth_login",
            "fromDisplayName": "Run:ai",
            "subject": "Run:ai notification - {{ .category }} {{ .reason }}",
            "smtpTlsEnabled": None,
            "directNotifications": None,
            "useAttachments": None,
        },
    }
    assert channel.type is models.NotificationChannelType.EMAIL


def test_a_from_dict_model_is_sent_as_its_to_dict(fixture_server, make_config) -> None:  # type: ignore[no-untyped-def]
    given = {"name": "team-a", "clusterId": "c1", "resources": [], "notInTheSchema": 1}
    request = models.ProjectCreationRequest.from_dict(given)
    RunaiClient(ApiClient(make_config())).organizations.projects.create_project(request)
    sent = fixture_server.api_requests()[-1].json()
    # runapy 1.x sent to_dict(): the given fields, null for each absent nullable field, nothing
    # for the absent others, never the undeclared key.
    assert sent == {
        "name": "team-a",
        "clusterId": "c1",
        "resources": [],
        "parentId": None,
        "enforceRunaiScheduler": True,  # the spec's default, filled in by from_dict
        "schedulingRules": None,
        "defaultNodePools": None,
        "nodeTypes": None,
    }


def test_lists_of_models_are_read_and_written_item_by_item() -> None:
    defaults = models.AnnotationsDefaults.from_dict(
        {"instances": [{"name": "team", "value": "ml"}]}
    )
    assert defaults is not None and defaults.instances is not None
    assert isinstance(defaults.instances[0], models.Annotation)
    # Annotation's exclude defaults to false; its name, value and exclude are nullable.
    assert defaults.to_dict() == {"instances": [{"name": "team", "value": "ml", "exclude": False}]}
    built = models.AnnotationsDefaults(instances=[models.Annotation(name="team", value=None)])
    assert built.to_dict() == {"instances": [{"name": "team", "value": None}]}


def test_an_open_schema_keeps_undeclared_keys() -> None:
    department = models.DepartmentV1CommonFields.from_dict(
        {"name": "d1", "deservedGpus": 2, "ownerTeam": "ml"}
    )
    assert department is not None
    assert department.to_dict() == {"name": "d1", "deservedGpus": 2, "ownerTeam": "ml"}
    assert department.additional_properties == {"ownerTeam": "ml"}  # runapy 1.x's attribute


def test_to_dict_of_a_built_model_leaves_out_none_unless_nullable_and_set() -> None:
    resources = models.Resources(gpu={"deserved": 1}, node_pool=None)
    assert resources.to_dict() == {"gpu": {"deserved": 1}, "nodePool": None}
    status = models.AccessRuleStatusResponse(phase=None, message="enforced")
    assert status.to_dict() == {"message": "enforced"}  # phase is not nullable
    assert status.to_json() == '{"message": "enforced"}'


def test_to_dict_of_a_parsed_response() -> None:
    body = {k: v for k, v in ACCESS_RULE.items() if k != "status"}
    rule = TypeAdapter(models.AccessRule).validate_python(body, context=RESPONSE)
    result = rule.to_dict()
    assert "deletedAt" not in result  # not in the body, so not set
    assert result["notInTheSchema"] is True  # a field newer than this client is kept
    assert result["createdAt"] == MOMENT


def test_enum_from_json() -> None:
    assert models.Phase.from_json('"Running"') is models.Phase.RUNNING
    with pytest.raises(ValueError):
        models.Phase.from_json('"Sleeping"')
