"""Access rules: a subject (user, group, service account) holds a role in a scope.

A new rule must name an existing role, and, where the scope is an org unit or a cluster, an
existing one; the answer carries the role's and the scope's names as the real API enriches it.
Lists answer ``{totalRecords, displayRecords, accessRules}``; ``batch-create`` makes one rule
per subject and scope. A new rule is ``Creating`` for ``phase_delay`` seconds, then ``Ready``.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple

from runai_testing.http import Response
from runai_testing.state import roles
from runai_testing.state.base import Call, World
from runai_testing.state.crud import CrudSpec, Prepared, Routes
from runai_testing.state.orgunits import cluster
from runai_testing.state.phases import CREATING, Settling
from runai_testing.synthesis import now_iso
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


def _server_fields(world: World, body: Mapping[str, Any]) -> Dict[str, Any]:
    """What the server adds to a requested rule; a 400 naming a field that refers to nothing."""
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
        "status": {"phase": CREATING},
    }
    if scope_cluster is not None:
        fields["clusterId"] = scope_cluster
    return fields


def _new_rule(world: World, call: Call) -> Prepared:
    return _server_fields(world, call.body if isinstance(call.body, dict) else {})


SPEC = CrudSpec(
    "access rule",
    "access_rules",
    ACCESS_RULES,
    "accessRuleId",
    new_object=_new_rule,
    name_field=None,
    search_fields=("subjectId", "roleName", "scopeName"),
)


class AccessRules(Settling):
    def selected(self, obj: Dict[str, Any], params: Mapping[str, Any]) -> bool:
        for name in EXACT_FILTERS:
            if params.get(name) is not None and str(obj.get(name)) != str(params[name]):
                return False
        subjects = params.get("subjectIds")
        if subjects and obj.get("subjectId") not in subjects:
            return False
        part = str(params.get("subjectIdFilter") or "").lower()
        return part in str(obj.get("subjectId")).lower()

    def batch_create(self, call: Call) -> Response:
        """One rule per subject and scope, all with the payload's role; those that cannot be
        made are answered as failed, with why, instead of failing the batch."""
        if not isinstance(call.body, dict):  # the spec leaves the body optional
            raise InvalidRequest("body: a request body is required")
        payload = call.body["payload"]  # the request schema requires it
        shared = {k: payload[k] for k in ("roleId", "clusterId") if payload.get(k) is not None}
        succeeded, failed = [], []
        with self.world.lock:
            for subject in payload["subjects"]:
                for scope in payload["scopes"]:
                    wanted = {**subject, **scope, **shared}
                    try:
                        extra = _server_fields(self.world, wanted)
                    except InvalidRequest as exc:
                        failed.append({"payload": wanted, "code": 400, "message": exc.message})
                        continue
                    now = now_iso()
                    schema = self.world.schema("POST", ACCESS_RULES)
                    stamps = {"createdAt": now, "updatedAt": now}
                    succeeded.append(self.insert(self.world.build(schema, wanted, stamps, extra)))
        return call.reply({"succeeded": succeeded, "failed": failed})


def register(world: World, routes: Routes) -> None:
    rules = AccessRules(world, SPEC, ("status", "phase"))
    rules.register(routes)
    routes[("POST", f"{ACCESS_RULES}/batch-create")] = rules.batch_create
