"""Roles, access rules and users keep state: a script can give a user a role on a project by
the role's name and read the rule back."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from runai import models
from runai.api_client import ApiClient
from runai.exceptions import BadRequestException, ConflictException, NotFoundException
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .conftest import FAST_PHASES
from .helpers import cluster_id


def _project(client: RunaiClient[ApiClient], name: str) -> Dict[str, Any]:
    body = {"name": name, "clusterId": cluster_id(client), "resources": []}
    project: Dict[str, Any] = client.organizations.projects.create_project(body).data
    return project


def _role_id(client: RunaiClient[ApiClient], name: str) -> int:
    roles = client.authentication_and_authorization.roles.get_roles_v1().data
    return int(next(role["id"] for role in roles if role["name"] == name))


def _rule(
    client: RunaiClient[ApiClient],
    project: Dict[str, Any],
    subject: str,
    role: str = "L1 researcher",
) -> Dict[str, Any]:
    return {
        "subjectType": "user",
        "subjectId": subject,
        "roleId": _role_id(client, role),
        "scopeType": "project",
        "scopeId": project["id"],
        "clusterId": project["clusterId"],
    }


def test_predefined_roles_are_listed_and_fetched_by_id(client: RunaiClient[ApiClient]) -> None:
    roles = client.authentication_and_authorization.roles
    listed = roles.get_roles_v1()
    names = {role["name"] for role in listed.data}
    assert {"System administrator", "L1 researcher", "Viewer"} <= names
    assert all(not role["custom"] and role["permissions"] for role in listed.data)
    parsed = listed.parsed()  # RolesV1: a list of RoleV1
    assert all(isinstance(role, models.RoleV1) for role in parsed)
    assert [(r.id, r.name, r.custom) for r in parsed] == [
        (role["id"], role["name"], role["custom"]) for role in listed.data
    ]
    assert all(isinstance(p, models.Permission) for r in parsed for p in r.permissions or [])
    viewer = next(role for role in listed.data if role["name"] == "Viewer")
    assert roles.get_role_v1(viewer["id"]).data == viewer
    with pytest.raises(NotFoundException):
        roles.get_role_v1(9999)


def test_user_gets_a_role_on_a_project(client: RunaiClient[ApiClient], plane: ControlPlane) -> None:
    project = _project(client, "team-a")
    rules = client.authentication_and_authorization.access_rules
    created = rules.create_access_rule(_rule(client, project, "jane@example.com"))
    assert created.status_code == 201
    rule = created.data
    assert rule["subjectId"] == "jane@example.com" and rule["subjectType"] == "user"
    assert (rule["roleName"], rule["scopeName"]) == ("L1 researcher", "team-a")
    assert isinstance(rule["id"], int) and rule["createdAt"] and rule["createdBy"]
    assert rule["status"]["phase"] == "Creating"
    other = rules.create_access_rule(_rule(client, project, "joe@example.com", "Viewer")).data
    assert other["id"] != rule["id"]

    listed = rules.get_access_rules(filter_by=[f"scopeId=={project['id']}"]).data
    assert listed["totalRecords"] == listed["displayRecords"] == 2
    assert sorted(r["subjectId"] for r in listed["accessRules"]) == [
        "jane@example.com",
        "joe@example.com",
    ]
    mine = rules.get_access_rules(filter_by=["subjectId==jane@example.com"]).parsed()
    assert [r.id for r in mine.access_rules or []] == [rule["id"]]
    assert rules.count_access_rules(filter_by=["roleName==Viewer"]).data == {"count": 1}
    plane.advance(FAST_PHASES)
    assert rules.get_access_rule(rule["id"]).data == {**rule, "status": {"phase": "Ready"}}

    assert rules.delete_access_rule(rule["id"]).status_code == 204
    with pytest.raises(NotFoundException):
        rules.get_access_rule(rule["id"])
    assert rules.count_access_rules().data == {"count": 1}


def test_pages_report_total_and_displayed_records(client: RunaiClient[ApiClient]) -> None:
    project = _project(client, "paged")
    rules = client.authentication_and_authorization.access_rules
    for n in range(5):
        rules.create_access_rule(_rule(client, project, f"user{n}@example.com"))
    page = rules.get_access_rules(sort_by="subjectId", sort_order="desc", offset=1, limit=2).data
    assert (page["totalRecords"], page["displayRecords"]) == (5, 2)
    assert [r["subjectId"] for r in page["accessRules"]] == [
        "user3@example.com",
        "user2@example.com",
    ]
    chosen = rules.get_access_rules(subject_ids=["user1@example.com", "user4@example.com"])
    assert chosen.data["totalRecords"] == 2


def test_batch_create_makes_a_rule_per_subject_and_scope(client: RunaiClient[ApiClient]) -> None:
    first, second = _project(client, "one"), _project(client, "two")
    rules = client.authentication_and_authorization.access_rules
    payload = {
        "roleId": _role_id(client, "Viewer"),
        "subjects": [
            {"subjectType": "user", "subjectId": "ann@example.com"},
            {"subjectType": "group", "subjectId": "ml"},
        ],
        "scopes": [
            {"scopeType": "project", "scopeId": first["id"]},
            {"scopeType": "project", "scopeId": second["id"]},
            {"scopeType": "project", "scopeId": "424242"},
        ],
    }
    answer = rules.access_rules_batch_create({"payload": payload}).data
    assert len(answer["succeeded"]) == 4
    assert [f["payload"]["subjectId"] for f in answer["failed"]] == ["ann@example.com", "ml"]
    assert all("scopeId" in f["message"] for f in answer["failed"])
    listed = rules.get_access_rules(filter_by=["scopeName==two"]).data["accessRules"]
    assert sorted(r["subjectId"] for r in listed) == ["ann@example.com", "ml"]


def test_unknown_role_or_scope_is_400_naming_the_field(client: RunaiClient[ApiClient]) -> None:
    project = _project(client, "strict")
    rules = client.authentication_and_authorization.access_rules
    bad_role = {**_rule(client, project, "jane@example.com"), "roleId": 9999}
    with pytest.raises(BadRequestException, match="roleId"):
        rules.create_access_rule(bad_role)
    bad_scope = {**_rule(client, project, "jane@example.com"), "scopeId": "424242"}
    with pytest.raises(BadRequestException, match="scopeId"):
        rules.create_access_rule(bad_scope)
    assert rules.get_access_rules().data["totalRecords"] == 0


def test_unknown_access_rule_id_is_404(client: RunaiClient[ApiClient]) -> None:
    rules = client.authentication_and_authorization.access_rules
    with pytest.raises(NotFoundException):
        rules.get_access_rule(424242)
    with pytest.raises(NotFoundException):
        rules.delete_access_rule(424242)


def test_user_crud(client: RunaiClient[ApiClient]) -> None:
    users = client.authentication_and_authorization.users
    created = users.create_user({"email": "ann@example.com"})
    assert created.status_code == 201
    assert created.data["username"] == "ann@example.com" and created.data["tempPassword"]
    ident = created.data["id"]
    user = users.get_user_by_id(ident).data
    assert user["username"] == "ann@example.com" and user["isLocal"] is True
    users.create_user({"email": "bob@example.com"})
    assert [u["username"] for u in users.get_users(filter_by=["username=@ann"]).data] == [
        "ann@example.com"
    ]
    assert users.count_users().data == {"count": 2}
    with pytest.raises(ConflictException):
        users.create_user({"email": "ann@example.com"})
    assert users.reset_user_password(ident).data["tempPassword"]
    assert users.delete_user_by_id(ident).status_code == 204
    with pytest.raises(NotFoundException):
        users.get_user_by_id(ident)
    with pytest.raises(NotFoundException):
        users.delete_user_by_id(ident)


def test_lists_page_by_the_operations_own_default_limit(client: RunaiClient[ApiClient]) -> None:
    users = client.authentication_and_authorization.users
    for i in range(60):
        users.create_user({"email": f"user{i:02d}@example.com"})
    # GET /api/v1/users documents a default limit of 500, unlike the usual 50
    assert len(users.get_users().data) == 60
    assert len(users.get_users(limit=25).data) == 25
