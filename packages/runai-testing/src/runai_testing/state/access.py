"""Access rules: a subject (user, group, service account) holds a role in a scope.

A new rule must name an existing role, and, where the scope is an org unit or a cluster, an
existing one; the answer carries the role's and the scope's names as the real API enriches it.
Lists answer ``{totalRecords, displayRecords, accessRules}``.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple

from runai_testing.http import Response
from runai_testing.state import roles
from runai_testing.state.base import Call, World
from runai_testing.state.crud import Crud, CrudSpec, Prepared, Routes
from runai_testing.state.orgunits import cluster
from runai_testing.validation import InvalidRequest

ACCESS_RULES = "/api/v1/authorization/access-rules"
TENANT_NAME = "runai-testing"
# scope type -> the collection holding such scopes; tenant and system are one of a kind
SCOPE_COLLECTIONS = {"project": "projects", "department": "departments", "cluster": "clusters"}
# list parameters (deprecated in favour of filterBy, still served) that must equal the field
EXACT_FILTERS = ("subjectType", "clusterId", "scopeType", "scopeId", "roleId")


def _scope(world: World, body: Mapping[str, Any]) -> Tuple[str, Optional[str]]:
    """The scope's name and cluster; a 400 naming ``scopeId`` when the scope does not exist."""
    kind, ident = body.get("scopeType"), str(body.get("scopeId"))
    collection = SCOPE_COLLECTIONS.get(str(kind))
    if collection is None:
        return (TENANT_NAME if kind == "tenant" else "system"), None
    found = world.collection(collection).get(ident)
    if found is None:
        raise InvalidRequest(f"scopeId: {kind} {ident} does not exist")
    return str(found["name"]), str(found.get("clusterId") or found.get("uuid"))


def _new_rule(world: World, call: Call) -> Prepared:
    body = call.body if isinstance(call.body, dict) else {}
    role = roles.by_id(world, body.get("roleId"))
    if role is None:
        raise InvalidRequest(f"roleId: role {body.get('roleId')} does not exist")
    scope_name, scope_cluster = _scope(world, body)
    given = body.get("clusterId")
    if given is not None:
        cluster(world, given)
        if scope_cluster is not None and str(given) != scope_cluster:
            raise InvalidRequest(f"clusterId: {scope_name} is not in cluster {given}")
    fields: Dict[str, Any] = {
        "id": int(world.next_id()),
        "roleName": role["name"],
        "scopeName": scope_name,
        "tenantId": 1,
        "createdBy": "runai-testing",
        "deletedAt": None,
        "status": {"phase": "Ready"},
    }
    if scope_cluster is not None:
        fields["clusterId"] = scope_cluster
    return fields


SPEC = CrudSpec(
    "access rule",
    "access_rules",
    ACCESS_RULES,
    "accessRuleId",
    new_object=_new_rule,
    name_field=None,
    search_fields=("subjectId", "roleName", "scopeName"),
)


class AccessRules(Crud):
    def selected(self, obj: Dict[str, Any], params: Mapping[str, Any]) -> bool:
        for name in EXACT_FILTERS:
            if params.get(name) is not None and str(obj.get(name)) != str(params[name]):
                return False
        subjects = params.get("subjectIds")
        if subjects and obj.get("subjectId") not in subjects:
            return False
        part = str(params.get("subjectIdFilter") or "").lower()
        return part in str(obj.get("subjectId")).lower()

    def list(self, call: Call) -> Response:
        page, _, total = self.view(call.params, call.page_size)
        return call.reply({"totalRecords": total, "displayRecords": len(page), "accessRules": page})


def register(world: World, routes: Routes) -> None:
    AccessRules(world, SPEC).register(routes)
