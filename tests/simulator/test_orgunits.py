"""Clusters, node pools, departments and projects keep state: CRUD, filters, sorting, pages."""

from __future__ import annotations

from typing import Any, List

import pytest
from runai.api_client import ApiClient
from runai.exceptions import BadRequestException, ConflictException, NotFoundException
from runai.response import ApiResponse
from runai.runai_client import RunaiClient
from runai_organizations.models.project import Project
from runai_testing import ControlPlane

from .conftest import FAST_PHASES
from .helpers import cluster_id


def _project(client: RunaiClient[ApiClient], name: str, **extra: Any) -> ApiResponse[Project]:
    body = {"name": name, "clusterId": cluster_id(client), "resources": [], **extra}
    return client.organizations.projects.create_project(body)


def test_project_crud(client: RunaiClient[ApiClient], plane: ControlPlane) -> None:
    created = _project(client, "team-a", description="first")
    assert created.status_code == 201
    project = created.data
    assert project["name"] == "team-a" and project["id"]
    assert project["status"]["phase"] == "Creating"
    projects = client.organizations.projects
    plane.advance(FAST_PHASES)
    project["status"]["phase"] = "Ready"
    assert projects.get_project(project["id"]).data == project
    updated = projects.update_project(project["id"], {"description": "second", "resources": []})
    assert updated.data["description"] == "second"
    assert projects.get_project(project["id"]).data["description"] == "second"
    deleted = projects.delete_project(project["id"])
    assert deleted.status_code in (202, 204)
    with pytest.raises(NotFoundException):
        projects.get_project(project["id"])


def test_created_objects_parse_into_their_models(client: RunaiClient[ApiClient]) -> None:
    parsed = _project(client, "typed").parsed()
    assert parsed.name == "typed"
    assert parsed.status is not None and parsed.status.phase == "Creating"


def test_duplicate_project_name_is_409(client: RunaiClient[ApiClient]) -> None:
    _project(client, "dup")
    with pytest.raises(ConflictException) as caught:
        _project(client, "dup")
    assert caught.value.status == 409


def test_unknown_ids_are_404(client: RunaiClient[ApiClient]) -> None:
    with pytest.raises(NotFoundException):
        client.organizations.projects.get_project("999999")
    with pytest.raises(NotFoundException):
        client.organizations.departments.delete_department("999999")
    with pytest.raises(NotFoundException):
        client.organizations.node_pools.get_nodepool("999999")


def test_project_in_unknown_department_is_400(client: RunaiClient[ApiClient]) -> None:
    with pytest.raises(BadRequestException) as caught:
        _project(client, "orphan", parentId="424242")
    assert "parentId" in str(caught.value)


def test_filter_by_operators(client: RunaiClient[ApiClient]) -> None:
    for name in ("alpha", "alpine", "beta", "gamma"):
        _project(client, name)
    get = client.organizations.projects.get_projects

    def names(*filters: str) -> List[str]:
        return sorted(p["name"] for p in get(filter_by=list(filters)).data["projects"])

    assert names("name==beta") == ["beta"]
    assert names("name!=beta") == ["alpha", "alpine", "gamma"]
    assert names("name=@lp") == ["alpha", "alpine"]
    assert names("name!@a") == []
    assert names("name=^al") == ["alpha", "alpine"]
    assert names("name=$ma") == ["gamma"]
    assert names("name>=beta") == ["beta", "gamma"]
    assert names("name<=alpine") == ["alpha", "alpine"]
    assert names("name=^al", "name=$ne") == ["alpine"]


def test_malformed_filter_is_400(client: RunaiClient[ApiClient]) -> None:
    with pytest.raises(BadRequestException) as caught:
        client.organizations.projects.get_projects(filter_by=["name~~x"])
    assert "filterBy" in str(caught.value)


def test_sort_and_pages_with_next(client: RunaiClient[ApiClient]) -> None:
    for i in range(7):
        _project(client, f"p{i}")
    get = client.organizations.projects.get_projects
    first = get(sort_by="name", sort_order="desc", limit=3).data
    assert [p["name"] for p in first["projects"]] == ["p6", "p5", "p4"]
    assert first["next"] == 3
    second = get(sort_by="name", sort_order="desc", limit=3, offset=first["next"]).data
    assert [p["name"] for p in second["projects"]] == ["p3", "p2", "p1"]
    last = get(sort_by="name", sort_order="desc", limit=3, offset=second["next"]).data
    assert [p["name"] for p in last["projects"]] == ["p0"]
    assert "next" not in last
    assert client.organizations.projects.count_projects().data == {"count": 7}


def test_departments(client: RunaiClient[ApiClient]) -> None:
    departments = client.organizations.departments
    created = departments.create_department(
        {"name": "research", "clusterId": cluster_id(client), "resources": []}
    )
    assert created.status_code == 201
    listed = departments.get_departments(filter_by=["name==research"]).data["departments"]
    assert [d["id"] for d in listed] == [created.data["id"]]
    child = _project(client, "in-research", parentId=created.data["id"]).data
    assert child["parentId"] == created.data["id"]
    with pytest.raises(ConflictException):
        departments.create_department(
            {"name": "research", "clusterId": cluster_id(client), "resources": []}
        )
    assert departments.delete_department(created.data["id"]).status_code == 204


def test_node_pools(client: RunaiClient[ApiClient], plane: ControlPlane) -> None:
    pools = client.organizations.node_pools
    body = {
        "name": "a100",
        "labelKey": "gpu",
        "labelValue": "a100",
        "clusterId": cluster_id(client),
    }
    created = pools.create_nodepool(body)
    assert created.status_code == 201 and created.data["phase"] == "Creating"
    plane.advance(FAST_PHASES)
    listed = {p["name"]: p["phase"] for p in pools.get_nodepools().data["nodepools"]}
    assert listed == {"a100": "Ready", "default": "Ready"}
    with pytest.raises(BadRequestException):  # the spec documents 400, not 409, here
        pools.create_nodepool(body)
    patched = pools.patch_nodepool(created.data["id"], {"overProvisioningRatio": 2})
    assert patched.data["overProvisioningRatio"] == 2
    pools.delete_nodepool(created.data["id"])
    assert [p["name"] for p in pools.get_nodepools().data["nodepools"]] == ["default"]


def test_clusters(client: RunaiClient[ApiClient]) -> None:
    clusters = client.organizations.clusters
    created = clusters.create_cluster({"name": "edge"})
    assert created.status_code == 201
    uuid = created.data["uuid"]
    assert clusters.get_cluster_by_uuid(uuid).data["name"] == "edge"
    assert sorted(c["name"] for c in clusters.get_clusters().data) == ["cluster-1", "edge"]
    clusters.delete_cluster(uuid)
    with pytest.raises(NotFoundException):
        clusters.get_cluster_by_uuid(uuid)
