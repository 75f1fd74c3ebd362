"""Workload assets shaped ``{meta, spec}``: compute, environments, credentials, data sources.

Every kind follows the same REST pattern (``/api/v1/asset/<kind>[/{AssetId}]``, lists as
``{entries: [...]}``), so one implementation serves them all; the credentials and data-source
roots list every asset of their family.
"""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any, Dict, List, Mapping, Optional, Tuple

from runai_testing.http import Response
from runai_testing.state.base import Call, World, duplicate, merge, not_found
from runai_testing.state.crud import Routes, deleted_reply
from runai_testing.synthesis import now_iso

ROOT = "/api/v1/asset"
# path under ROOT -> meta.kind
KINDS = {
    "compute": "compute",
    "environment": "environment",
    "credentials/access-key": "accessKey",
    "credentials/password": "password",
    "credentials/docker-registry": "dockerRegistry",
    "credentials/generic-secret": "genericSecret",
    "credentials/ngc-api-key": "ngcApiKey",
    "datasource/git": "git",
    "datasource/host-path": "hostPath",
    "datasource/nfs": "nfs",
    "datasource/pvc": "pvc",
    "datasource/s3": "s3",
    "datasource/config-map": "config-map",
    "datasource/secrets": "secret-volume",
}
FAMILIES = ("credentials", "datasource")
SCOPE_FIELDS = ("scope", "clusterId", "departmentId", "projectId")
LIST_FILTERS = ("name", *SCOPE_FIELDS)


class Assets:
    def __init__(self, world: World) -> None:
        self.world = world

    @property
    def assets(self) -> Dict[str, Dict[str, Any]]:
        return self.world.collection("assets")

    def register(self, routes: Routes) -> None:
        for sub in KINDS:
            base = f"{ROOT}/{sub}"
            item = f"{base}/{{AssetId}}"
            routes[("GET", base)] = partial(self.list, (sub,))
            routes[("POST", base)] = partial(self.create, sub)
            routes[("GET", item)] = partial(self.get, sub)
            routes[("PUT", item)] = partial(self.update, sub)
            routes[("DELETE", item)] = partial(self.delete, sub)
        for family in FAMILIES:
            members = tuple(sub for sub in KINDS if sub.startswith(family + "/"))
            routes[("GET", f"{ROOT}/{family}")] = partial(self.list, members)

    def _of(self, subs: Tuple[str, ...]) -> List[Dict[str, Any]]:
        return [a for a in self.assets.values() if a["_sub"] in subs]

    def list(self, subs: Tuple[str, ...], call: Call) -> Response:
        with self.world.lock:
            chosen = self._of(subs)
        wanted = {k: call.params[k] for k in LIST_FILTERS if call.params.get(k) is not None}
        entries = [
            self.world.build_item(call.schema(), "entries", public(a))
            for a in chosen
            if all(str(a["meta"].get(k)) == str(v) for k, v in wanted.items())
        ]
        return call.reply({"entries": entries})

    def create(self, sub: str, call: Call) -> Response:
        body = call.body if isinstance(call.body, dict) else {}
        meta = body.get("meta") or {}
        with self.world.lock:
            refusal = self._refuse_duplicate(call, sub, meta, None)
            if refusal is not None:
                return refusal
            now = now_iso()
            server_meta = {
                "id": str(uuid.uuid4()),
                "kind": KINDS[sub],
                "tenantId": 1,
                "createdBy": "runai-testing",
                "createdAt": now,
                "updatedBy": "runai-testing",
                "updatedAt": now,
            }
            asset = self.world.build(call.schema(), body, {"meta": server_meta})
            asset["_sub"] = sub
            self.assets[str(server_meta["id"])] = asset
        return call.reply(public(asset))

    def _refuse_duplicate(
        self, call: Call, sub: str, meta: Mapping[str, Any], itself: Optional[Dict[str, Any]]
    ) -> Optional[Response]:
        for other in self._of((sub,)):
            if other is not itself and _same_place(other["meta"], meta):
                return duplicate(call, KINDS[sub], str(meta.get("name")))
        return None

    def _find(self, sub: str, call: Call) -> Tuple[str, Any]:
        ident = str(call.params["AssetId"])
        asset = self.assets.get(ident)
        return ident, asset if asset is not None and asset["_sub"] == sub else None

    def get(self, sub: str, call: Call) -> Response:
        ident, asset = self._find(sub, call)
        return call.reply(public(asset)) if asset else not_found(KINDS[sub], ident)

    def update(self, sub: str, call: Call) -> Response:
        body = call.body if isinstance(call.body, dict) else {}
        with self.world.lock:
            ident, asset = self._find(sub, call)
            if asset is None:
                return not_found(KINDS[sub], ident)
            meta = {**asset["meta"], **(body.get("meta") or {})}
            refusal = self._refuse_duplicate(call, sub, meta, asset)
            if refusal is not None:
                return refusal
            updated = merge(asset, body)
            updated["meta"].update({"updatedAt": now_iso(), "id": ident, "kind": KINDS[sub]})
            self.assets[ident] = updated
        return call.reply(public(updated))

    def delete(self, sub: str, call: Call) -> Response:
        with self.world.lock:
            ident, asset = self._find(sub, call)
            if asset is None:
                return not_found(KINDS[sub], ident)
            del self.assets[ident]
        return deleted_reply(self.world, call, KINDS[sub])


def public(asset: Mapping[str, Any]) -> Dict[str, Any]:
    """The asset as the API shows it (without the simulator's bookkeeping)."""
    return {k: v for k, v in asset.items() if not k.startswith("_")}


def _same_place(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Same name in the same scope: the real API refuses that with 409."""
    return a.get("name") == b.get("name") and all(
        str(a.get(k)) == str(b.get(k)) for k in SCOPE_FIELDS
    )


def register(world: World, routes: Routes) -> None:
    Assets(world).register(routes)
