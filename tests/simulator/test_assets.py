"""Workload assets: compute, environment, PVC and credentials keep state."""

from __future__ import annotations

from typing import Dict, Tuple

import pytest
from runai.api_client import ApiClient
from runai.exceptions import ConflictException, NotFoundException
from runai.runai_client import RunaiClient

Asset = Tuple[str, Tuple[str, str, str], Tuple[str, str], Dict[str, object]]
"""Workload-assets group, its create/list/get and update/delete methods, and a spec it accepts."""

ASSETS: Dict[str, Asset] = {
    "compute": (
        "compute",
        ("create_compute_asset", "list_compute_assets", "get_compute_asset_by_id"),
        ("update_compute_asset_by_id", "delete_compute_asset_by_id"),
        {"gpuDevicesRequest": 1},
    ),
    "environment": (
        "environment",
        ("create_environment_asset", "list_environment_assets", "get_environment_asset_by_id"),
        ("update_environment_asset_by_id", "delete_environment_asset_by_id"),
        {"image": "python:3.11"},
    ),
    "pvc": (
        "pvc",
        ("create_pvc_asset", "list_pvc_assets", "get_pvc_asset_by_id"),
        ("update_pvc_asset_by_id", "delete_pvc_asset_by_id"),
        {"claimName": "data", "path": "/data"},
    ),
    "password": (
        "credentials",
        ("create_password", "list_passwords", "get_password_by_id"),
        ("update_password", "delete_password"),
        {"user": "bob", "password": "hunter2"},
    ),
}
# an update each kind accepts (credentials keep their name; only the description changes)
UPDATES = {
    "compute": {
        "meta": {"name": "renamed", "description": "new"},
        "spec": {"gpuDevicesRequest": 2},
    },
    "environment": {"meta": {"name": "renamed", "description": "new"}, "spec": {"image": "py"}},
    "pvc": {"meta": {"name": "renamed", "description": "new"}, "spec": {"path": "/data2"}},
    "password": {"meta": {"description": "new"}},
}


@pytest.mark.parametrize("kind", sorted(ASSETS))
def test_asset_crud(client: RunaiClient[ApiClient], kind: str) -> None:
    group_name, (create, list_, get), (update, delete), spec = ASSETS[kind]
    group = getattr(client.workload_assets, group_name)
    body = {"meta": {"name": f"my-{kind}", "scope": "tenant"}, "spec": spec}
    created = getattr(group, create)(body)
    assert created.status_code == 202
    asset_id = created.data["meta"]["id"]
    assert created.data["meta"]["name"] == f"my-{kind}"
    assert created.data["spec"] == {**created.data["spec"], **spec}

    entries = getattr(group, list_)().data["entries"]
    assert [e["meta"]["id"] for e in entries] == [asset_id]
    assert getattr(group, get)(asset_id).data["meta"]["id"] == asset_id

    with pytest.raises(ConflictException):
        getattr(group, create)(body)

    updated = getattr(group, update)(asset_id, UPDATES[kind]).data
    assert updated["meta"]["description"] == "new"
    assert getattr(group, get)(asset_id).data["meta"]["description"] == "new"
    getattr(group, delete)(asset_id)
    with pytest.raises(NotFoundException):
        getattr(group, get)(asset_id)


def test_credentials_root_lists_every_kind(client: RunaiClient[ApiClient]) -> None:
    credentials = client.workload_assets.credentials
    credentials.create_password(
        {"meta": {"name": "pw", "scope": "tenant"}, "spec": {"user": "u", "password": "p"}}
    )
    credentials.create_access_key(
        {
            "meta": {"name": "key", "scope": "tenant"},
            "spec": {"accessKeyId": "AKIA", "secretAccessKey": "s"},
        }
    )
    listed = credentials.list_credentials_assets().data["entries"]
    assert sorted(e["meta"]["kind"] for e in listed) == ["accessKey", "password"]


def test_list_filters_by_name(client: RunaiClient[ApiClient]) -> None:
    compute = client.workload_assets.compute
    for name in ("small", "large"):
        compute.create_compute_asset(
            {"meta": {"name": name, "scope": "tenant"}, "spec": {"gpuDevicesRequest": 1}}
        )
    entries = compute.list_compute_assets(name="large").data["entries"]
    assert [e["meta"]["name"] for e in entries] == ["large"]


def test_unknown_asset_is_404(client: RunaiClient[ApiClient]) -> None:
    with pytest.raises(NotFoundException):
        client.workload_assets.compute.get_compute_asset_by_id(
            "6f1c1c62-8a5a-4a4e-9a57-3b0f0f0f0f0f"
        )
