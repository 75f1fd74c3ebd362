"""The scenarios each client kind plays against its own cassette.

A scenario is one coroutine for all three clients: ``done(call)`` turns what a client returns
(an ``ApiResponse``, a future or a coroutine) into the ``ApiResponse``, or raises its error.
Calls are made one after another so that the recorded order is the order of the code.
"""

from __future__ import annotations

import concurrent.futures
from typing import Any, Awaitable, List, Protocol, TypeVar, Union

import pytest
from runai import models
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.clients.threaded import ApiFuture
from runai.exceptions import BadRequestException, ConflictException, NotFoundException
from runai.response import ApiResponse
from runai.runai_client import RunaiClient

R = TypeVar("R", bound="ApiResponse[Any]")
"""A response: an ``ApiResponse``, or a ``PagedResponse`` from a paged list operation."""
Client = TypeVar("Client", ApiClient, ThreadedApiClient, AsyncApiClient)
"""Constrained, not bound: mypy checks a scenario once per client kind, each call typed as
that client returns it."""

Call = Union[R, ApiFuture[R], Awaitable[R]]
"""What a generated method returns on the sync, threaded or async client."""


class Done(Protocol):
    def __call__(self, call: Call[R]) -> Awaitable[R]: ...


class Scenario(Protocol):
    __name__: str

    def __call__(self, client: RunaiClient[Client], done: Done) -> Awaitable[None]: ...


MISSING_WORKLOAD = "00000000-0000-4000-8000-000000000000"


async def done(call: Call[R]) -> R:
    if isinstance(call, ApiResponse):
        return call
    if isinstance(call, concurrent.futures.Future):
        return call.result(timeout=30)
    return await call


async def cluster_uuid(client: RunaiClient[Client]) -> str:
    clusters = await done(client.organizations.clusters.get_clusters())
    return str(clusters.data[0]["uuid"])


async def login_and_list_projects(client: RunaiClient[Client], done: Done) -> None:
    """The token request, then the first API call carrying the token."""
    projects = await done(client.organizations.projects.get_projects())
    assert projects.status_code == 200
    assert projects.data["projects"] == []


async def create_get_delete_project(client: RunaiClient[Client], done: Done) -> None:
    projects = client.organizations.projects
    cluster = await cluster_uuid(client)
    created = await done(
        projects.create_project({"name": "cassette-team", "clusterId": cluster, "resources": []})
    )
    assert created.status_code == 201
    project = await done(projects.get_project(created.data["id"]))
    assert project.parsed().name == "cassette-team"
    assert project.data["clusterId"] == cluster
    deleted = await done(projects.delete_project(created.data["id"]))
    assert deleted.status_code == 202
    with pytest.raises(NotFoundException):
        await done(projects.get_project(created.data["id"]))


async def submit_training_and_read_it_back(client: RunaiClient[Client], done: Done) -> None:
    cluster = await cluster_uuid(client)
    project = await done(
        client.organizations.projects.create_project(
            {"name": "cassette-ml", "clusterId": cluster, "resources": []}
        )
    )
    request = models.TrainingCreationRequest(
        name="cassette-train",
        project_id=project.data["id"],
        cluster_id=cluster,
        spec={"image": "python:3.11-slim", "command": "python", "args": "-c 'print(42)'"},
    )
    submitted = await done(client.workloads.trainings.create_training1(request))
    assert submitted.status_code == 202
    workload_id = submitted.parsed().workload_id
    assert workload_id is not None
    training = await done(client.workloads.trainings.get_training(workload_id))
    assert training.data["spec"]["image"] == "python:3.11-slim"
    generic = await done(client.workloads.workloads.get_workload(workload_id))
    assert (generic.data["name"], generic.data["type"]) == ("cassette-train", "Training")
    assert generic.data["projectId"] == project.data["id"]
    deleted = await done(client.workloads.trainings.delete_training(workload_id))
    assert deleted.status_code == 202


async def not_found(client: RunaiClient[Client], done: Done) -> None:
    with pytest.raises(NotFoundException) as project:
        await done(client.organizations.projects.get_project("424242"))
    assert project.value.status == 404
    assert project.value.error_message == "project 424242 not found"
    with pytest.raises(NotFoundException) as workload:
        await done(client.workloads.workloads.get_workload(MISSING_WORKLOAD))
    assert workload.value.data["code"] == 404


async def conflict_and_bad_request(client: RunaiClient[Client], done: Done) -> None:
    projects = client.organizations.projects
    cluster = await cluster_uuid(client)
    body = {"name": "twice", "clusterId": cluster, "resources": []}
    await done(projects.create_project(body))
    with pytest.raises(ConflictException) as conflict:
        await done(projects.create_project(body))
    assert conflict.value.status == 409
    assert "'twice' already exists" in str(conflict.value)
    unknown_cluster = {"name": "nowhere", "clusterId": MISSING_WORKLOAD, "resources": []}
    with pytest.raises(BadRequestException) as bad:
        await done(projects.create_project(unknown_cluster))
    assert bad.value.error_message is not None
    assert bad.value.error_message.startswith("clusterId: ")


async def paged_list(client: RunaiClient[Client], done: Done) -> None:
    """``offset``/``limit`` with the ``next`` the server returns; ``filterBy`` values carry
    characters (``=``, ``^``) that must be percent-encoded exactly once."""
    projects = client.organizations.projects
    cluster = await cluster_uuid(client)
    for i in range(5):
        await done(
            projects.create_project({"name": f"page-{i}", "clusterId": cluster, "resources": []})
        )
    seen: List[str] = []
    offset = 0
    while True:
        page = await done(
            projects.get_projects(
                filter_by=["name=^page-"], sort_by="name", sort_order="desc", offset=offset, limit=2
            )
        )
        seen.extend(p["name"] for p in page.data["projects"])
        if page.data.get("next") is None:
            break
        offset = page.data["next"]
    assert seen == [f"page-{i}" for i in reversed(range(5))]


SCENARIOS: List[Scenario] = [
    login_and_list_projects,
    create_get_delete_project,
    submit_training_and_read_it_back,
    not_found,
    conflict_and_bad_request,
    paged_list,
]
