"""Arguments that reach a 2xx: the ids of resources made first, through the same calls.

A path parameter gets the id of a real resource: one created at the collection the path names
(``POST /api/v1/asset/compute`` for ``.../compute/{AssetId}``), else, by the parameter's name,
this tenant's cluster, project, department, node pool, workload, user, access rule or role. A
DELETE gets a resource of its own, so no call takes away what another needs, whatever the order.
Bodies are synthesised from the request schema, with the references they hold pointed at those
resources and names made unique. Required query parameters get a valid value of their type.

:class:`Tenant` knows nothing of how calls travel: each test file passes its ``send`` (the
generated client, or plain HTTP).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

from runai_testing.rules import ParamRule, SpecOperation, SpecRules, TypeRule
from runai_testing.synthesis import Synthesizer

from .oracle import Answer

CLUSTERS = "/api/v1/clusters"
NODE_POOLS = "/api/v1/node-pools"
DEPARTMENTS = "/api/v1/org-unit/departments"
PROJECTS = "/api/v1/org-unit/projects"
TRAININGS = "/api/v1/workloads/trainings"
USERS = "/api/v1/users"
ACCESS_RULES = "/api/v1/authorization/access-rules"
ROLES = "/api/v1/authorization/roles"
# a path parameter or body field of this name refers to a resource of this collection
BY_NAME = {
    "clusterUuid": CLUSTERS,
    "clusterId": CLUSTERS,
    "cluster_uuid": CLUSTERS,
    "uuid": CLUSTERS,
    "nodepoolId": NODE_POOLS,
    "departmentId": DEPARTMENTS,
    "department-id": DEPARTMENTS,
    "parentId": DEPARTMENTS,
    "projectId": PROJECTS,
    "workloadId": TRAININGS,
    "userId": USERS,
    "accessRuleId": ACCESS_RULES,
    "roleId": ROLES,
    "roleIdPath": ROLES,
}
# collections that only list what the tenant comes with: their first member is used
LISTED = (ROLES,)
SCOPES = {"cluster": CLUSTERS, "department": DEPARTMENTS, "project": PROJECTS}
TOKEN_V1 = "/api/v1/token"
TOKEN_V2 = "/api/v2/token"
CANDIDATES = ("example", "example_1", "example.md", "v1.0.0", "a")
ID_FIELDS = ("id", "uuid", "workloadId", "name")


@dataclass(frozen=True)
class Arguments:
    """One call's values: path and query by wire name (typed), and the body (``None``: none)."""

    path: Dict[str, Any]
    query: Dict[str, Any]
    body: Any


Send = Callable[[SpecOperation, Arguments], Answer]


def param_value(schema: TypeRule) -> Any:
    """A valid value of a parameter's type: what a caller of the generated client passes."""
    if schema.enum:
        return schema.enum[0]
    if schema.type == "array" and schema.items is not None:
        return [param_value(schema.items)]
    if schema.type == "integer":
        return int(max(schema.minimum or 1, 1))
    if schema.type == "number":
        return float(max(schema.minimum or 1, 1))
    if schema.type == "boolean":
        return False
    if schema.format == "uuid":
        return str(uuid.uuid4())
    if schema.format == "date-time":
        return dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    if schema.pattern:
        return next(c for c in CANDIDATES if re.search(schema.pattern, c))
    return "example"


class Tenant:
    """The resources of one simulated tenant, made on demand through ``send``."""

    def __init__(self, rules: SpecRules, send: Send, login: Dict[str, str]) -> None:
        self.rules = rules
        self.send = send
        self.login = login  # the token endpoints' body (JSON v1; the form of v2 is built from it)
        self.synthesizer = Synthesizer(rules.document, request=True)
        self._shared: Dict[str, Optional[str]] = {}  # None: made, but the answer has no id
        self._creating: Set[str] = set()
        self._serial: Iterator[int] = itertools.count(1)

    def arguments(self, op: SpecOperation) -> Arguments:
        path: Dict[str, Any] = {}
        params = [p for p in op.params if p.location == "path"]
        for number, param in enumerate(params):
            own = op.method == "DELETE" and number == len(params) - 1
            path[param.name] = self._path_value(op, param, own)
        query = {
            p.name: param_value(p.schema) for p in op.params if p.location == "query" and p.required
        }
        return Arguments(path, query, self._body(op))

    def call(self, op: SpecOperation) -> Answer:
        return self.send(op, self.arguments(op))

    def _path_value(self, op: SpecOperation, param: ParamRule, own: bool) -> Any:
        collection = op.path.split("/{" + param.name + "}")[0]
        if ("POST", collection) not in self.rules:
            collection = BY_NAME.get(param.name, "")
        found = self._resource(collection, param.name, own)
        if found is None or not _fits(param.schema, found):
            # a synthesised answer may hold no usable id; the operation is synthesised too
            value = param_value(param.schema)
            return value[0] if isinstance(value, list) else value
        return int(found) if param.schema.type == "integer" else found

    def _resource(self, collection: str, name: str = "", own: bool = False) -> Optional[str]:
        """The id of a resource of ``collection``; ``own``: one made for this call alone."""
        if not own and collection in self._shared:
            return self._shared[collection]
        if collection in self._creating:
            return None
        if collection in LISTED and ("GET", collection) in self.rules:
            found = _first_id(self._ok(("GET", collection)))
        elif ("POST", collection) in self.rules:
            self._creating.add(collection)
            try:
                found = _id_of(self._ok(("POST", collection)), name)
            finally:
                self._creating.discard(collection)
        else:
            return None
        if not own:
            self._shared[collection] = found
        return found

    def _ok(self, key: Tuple[str, str]) -> Any:
        op = self.rules.operation(*key)
        assert op is not None, key
        answer = self.call(op)
        assert 200 <= answer.status < 300, f"making {key}: {answer.status} {answer.body[:300]!r}"
        return json.loads(answer.body) if answer.media_type == "application/json" else None

    def _body(self, op: SpecOperation) -> Any:
        if op.path == TOKEN_V1 and op.method == "POST":
            return dict(self.login)
        if op.path == TOKEN_V2 and op.method == "POST":
            return {
                "grant_type": "client_credentials",
                "client_id": self.login["clientID"],
                "client_secret": self.login["clientSecret"],
            }
        if op.body_pointer is None or op.body_media_type != "application/json":
            return None
        schema = self.rules.document.at(op.body_pointer)
        return self._refer(self.synthesizer.value(schema), op.path)

    def _refer(self, value: Any, creating: str) -> Any:
        """``value`` with references to this tenant's resources and unique names."""
        if isinstance(value, list):
            return [self._refer(item, creating) for item in value]
        if not isinstance(value, dict):
            return value
        out: Dict[str, Any] = {}
        for key, item in value.items():
            collection = BY_NAME.get(key, "")
            if key == "scopeId" and str(value.get("scopeType")) in SCOPES:
                collection = SCOPES[str(value["scopeType"])]
            found = None
            if collection and collection != creating and _is_reference(item):
                found = self._resource(collection, key)
            if found is not None and (found.isdigit() or not isinstance(item, int)):
                out[key] = int(found) if isinstance(item, int) else found
            elif key in ("name", "username", "email") and isinstance(item, str):
                out[key] = self._unique(item)
            else:
                out[key] = self._refer(item, creating)
        return out

    def _unique(self, text: str) -> str:
        """Digits only: a name pattern that takes the synthesised name takes them too."""
        local, at, domain = text.partition("@")
        return f"{local}{next(self._serial)}{at}{domain}"


def _fits(schema: TypeRule, text: str) -> bool:
    """Whether a found id is a valid value of the parameter."""
    if schema.type == "integer":
        return text.isdigit()
    if schema.format == "uuid":
        try:
            uuid.UUID(text)
        except ValueError:
            return False
    return schema.pattern is None or re.search(schema.pattern, text) is not None


def _is_reference(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _id_of(created: Any, name: str) -> Optional[str]:
    """The id in an answer: ``meta.id`` (assets), ``metadata.id``, the parameter's own name,
    or the usual id fields; ``None`` when it has none (a synthesised answer may not)."""
    if not isinstance(created, dict):
        return None
    for wrapper in ("meta", "metadata"):
        inner = created.get(wrapper)
        if isinstance(inner, dict) and inner.get("id") is not None:
            return str(inner["id"])
    for key in (name, *ID_FIELDS):
        if key and created.get(key) is not None:
            return str(created[key])
    return None


def _first_id(listed: Any) -> Optional[str]:
    items: List[Any] = listed if isinstance(listed, list) else []
    if isinstance(listed, dict):
        items = next((v for v in listed.values() if isinstance(v, list) and v), [])
    return _id_of(items[0], "") if items else None
