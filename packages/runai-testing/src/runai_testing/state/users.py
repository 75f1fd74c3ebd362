"""Local users: create (answering the generated temporary password once, as the API does),
list, count, get, delete, password reset and logout, with 404 for unknown ids and 409 for an
email that is already a user."""

from __future__ import annotations

import secrets
import uuid

from runai_testing.http import Response
from runai_testing.state.base import Call, World, not_found
from runai_testing.state.crud import Crud, CrudSpec, Routes
from runai_testing.synthesis import now_iso

USERS = "/api/v1/users"
SPEC = CrudSpec(
    "user",
    "users",
    USERS,
    "userId",
    name_field="username",
    search_fields=("username",),
    aliases={"creationTime": "createdAt", "lastUpdated": "updatedAt"},
)


def _temp_password() -> str:
    return secrets.token_urlsafe(12)


class Users(Crud):
    def create(self, call: Call) -> Response:
        email = call.body["email"]  # the request schema requires it
        with self.world.lock:
            refusal = self.refuse_duplicate(call, {"username": email})
            if refusal is not None:
                return refusal
            now = now_iso()
            user = self.world.build(
                self.world.schema("GET", SPEC.item),
                {
                    "id": str(uuid.uuid4()),
                    "username": email,
                    "createdBy": "runai-testing",
                    "createdAt": now,
                    "updatedAt": now,
                    "lastLogin": None,
                    "isLocal": True,
                    "groups": [],
                },
            )
            self.insert(user)
        reply = {"id": user["id"], "username": email, "tempPassword": _temp_password()}
        return call.reply(self.world.build(call.schema(), reply))

    def reset_password(self, call: Call) -> Response:
        ident = str(call.params[SPEC.id_param])
        if ident not in self.objects:
            return not_found(SPEC.kind, ident)
        return call.reply(self.world.build(call.schema(), {"tempPassword": _temp_password()}))

    def logout(self, call: Call) -> Response:
        ident = str(call.params[SPEC.id_param])
        return call.reply() if ident in self.objects else not_found(SPEC.kind, ident)


def register(world: World, routes: Routes) -> None:
    users = Users(world, SPEC)
    users.register(routes)
    routes[("POST", f"{SPEC.item}/password")] = users.reset_password
    routes[("POST", f"{SPEC.item}/logout")] = users.logout
