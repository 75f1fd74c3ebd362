"""A collection with the usual REST verbs: list (filter, sort, page), create, get, update,
patch, delete and count, with 404 for unknown ids and 409 for duplicate names.

Resource modules describe a collection with :class:`CrudSpec` and supply the hooks that are
specific to it (what a new object looks like, which references must exist).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

from runai_testing.http import Response
from runai_testing.state.base import Call, Handler, World, duplicate, merge, not_found
from runai_testing.state.query import list_view
from runai_testing.synthesis import now_iso

Routes = Dict[Tuple[str, str], Handler]
Prepared = Union[Dict[str, Any], Response]


@dataclass
class CrudSpec:
    kind: str  # for messages: "project"
    collection: str  # where the world keeps the objects
    base: str  # "/api/v1/org-unit/projects"
    id_param: str  # "projectId"
    id_field: str = "id"
    list_key: Optional[str] = None  # property holding the array; None: a bare array
    unique_within: Tuple[str, ...] = ()  # names are unique among objects sharing these fields
    new_object: Optional[Callable[[World, Call], Prepared]] = None  # fields of a created object
    name_field: Optional[str] = "name"  # the name that must be unique; None: no such name
    search_fields: Tuple[str, ...] = ("name",)  # where the free-text ``search`` looks
    aliases: Mapping[str, str] = field(default_factory=dict)  # filterBy/sortBy name -> property

    @property
    def item(self) -> str:
        return f"{self.base}/{{{self.id_param}}}"


class Crud:
    def __init__(self, world: World, spec: CrudSpec) -> None:
        self.world = world
        self.spec = spec

    @property
    def objects(self) -> Dict[str, Dict[str, Any]]:
        return self.world.collection(self.spec.collection)

    def register(self, routes: Routes) -> None:
        base, item = self.spec.base, self.spec.item
        routes[("GET", base)] = self.list
        routes[("POST", base)] = self.create
        routes[("GET", f"{base}/count")] = self.count
        routes[("GET", item)] = self.get
        routes[("PUT", item)] = self.update
        routes[("PATCH", item)] = self.update
        routes[("DELETE", item)] = self.delete

    def find_by_name(self, name: Any, like: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        name_field = self.spec.name_field
        if name_field is None:
            return None
        for obj in self.objects.values():
            if obj.get(name_field) == name and all(
                obj.get(f) == like.get(f) for f in self.spec.unique_within
            ):
                return obj
        return None

    def refuse_duplicate(
        self, call: Call, candidate: Dict[str, Any], itself: Optional[Dict[str, Any]] = None
    ) -> Optional[Response]:
        """The refusal when another object already has ``candidate``'s name, else ``None``."""
        if self.spec.name_field is None:
            return None
        name = candidate.get(self.spec.name_field)
        other = self.find_by_name(name, candidate)
        if other is None or other is itself:
            return None
        return duplicate(call, self.spec.kind, str(name))

    def selected(self, obj: Dict[str, Any], params: Mapping[str, Any]) -> bool:
        """Whether ``obj`` passes the list's own query filters (those other than filterBy)."""
        return True

    def view(
        self, params: Mapping[str, Any], page_size: Optional[int]
    ) -> Tuple[List[Dict[str, Any]], Optional[int], int]:
        """The page asked for, the next offset and the number of matching objects."""
        with self.world.lock:
            items = [obj for obj in self.objects.values() if self.selected(obj, params)]
        return list_view(items, params, page_size, self.spec.search_fields, self.spec.aliases)

    def insert(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        self.objects[str(obj[self.spec.id_field])] = obj
        return obj

    def shown(self, call: Call, obj: Dict[str, Any]) -> Dict[str, Any]:
        """``obj`` as this operation answers it: on the skeleton of its own response schema,
        which may require more than the schema the object was made with."""
        return self.world.build(call.schema(), obj)

    def list(self, call: Call) -> Response:
        paging = call.op.paging
        # each item on the list's own schema: a list may require more than the stored object has
        skeleton = self.world.build_item(
            call.schema(), paging.items if paging is not None else self.spec.list_key
        )
        if paging is not None:
            matching, _, _ = self.view({**call.params, "offset": None, "limit": None}, None)
            shape = functools.partial(merge, skeleton)
            return call.reply(paging.answer(matching, call.params, call.page_size, shape))
        page, next_offset, _ = self.view(call.params, call.page_size)
        page = [merge(skeleton, obj) for obj in page]
        if self.spec.list_key is None:
            return call.reply(page)
        payload: Dict[str, Any] = {self.spec.list_key: page}
        if next_offset is not None:
            payload["next"] = next_offset
        return call.reply(payload)

    def count(self, call: Call) -> Response:
        _, _, total = self.view({**call.params, "offset": None, "limit": None}, None)
        return call.reply({"count": total})

    def create(self, call: Call) -> Response:
        body = call.body if isinstance(call.body, dict) else {}
        with self.world.lock:
            fields = self.spec.new_object(self.world, call) if self.spec.new_object else {}
            if isinstance(fields, Response):
                return fields
            refusal = self.refuse_duplicate(call, {**body, **fields})
            if refusal is not None:
                return refusal
            now = now_iso()
            stamps = {"createdAt": now, "updatedAt": now}
            obj = self.world.build(call.schema(), body, stamps, fields)
            self.insert(obj)
            self.created(obj)
        return call.reply(obj)

    def created(self, obj: Dict[str, Any]) -> None:
        """What else a new object brings along (called with the world locked)."""

    def get(self, call: Call) -> Response:
        ident = str(call.params[self.spec.id_param])
        obj = self.objects.get(ident)
        if obj is None:
            return not_found(self.spec.kind, ident)
        return call.reply(self.shown(call, obj))

    def update(self, call: Call) -> Response:
        ident = str(call.params[self.spec.id_param])
        with self.world.lock:
            obj = self.objects.get(ident)
            if obj is None:
                return not_found(self.spec.kind, ident)
            changes = call.body if isinstance(call.body, dict) else {}
            refusal = self.refuse_duplicate(call, {**obj, **changes}, obj)
            if refusal is not None:
                return refusal
            updated = merge(obj, {**changes, "updatedAt": now_iso()})
            self.objects[ident] = updated
        return call.reply(self.shown(call, updated))

    def delete(self, call: Call) -> Response:
        ident = str(call.params[self.spec.id_param])
        with self.world.lock:
            if self.objects.pop(ident, None) is None:
                return not_found(self.spec.kind, ident)
        return deleted_reply(self.world, call, self.spec.kind)


def deleted_reply(world: World, call: Call, kind: str) -> Response:
    """The success answer of a delete: an ``HttpResponse`` body when the spec declares one."""
    return acknowledged(world, call, f"{kind} deleted")


def acknowledged(world: World, call: Call, message: str) -> Response:
    """The success answer of an action: an ``HttpResponse`` body when the spec declares one."""
    schema = call.schema()
    if schema is None:
        return call.reply()
    return call.reply(world.build(schema, {"code": call.success_status, "message": message}))
