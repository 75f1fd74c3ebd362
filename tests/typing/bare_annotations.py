"""A bare ``RunaiClient``, category or group annotation means the sync client's, as
``RunaiClient()`` without a client does (the client type parameter defaults to ``ApiClient``)."""

from __future__ import annotations

from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.paging import PagedResponse
from runai.runai_client import Organizations, RunaiClient
from runai_organizations.models.get_projects200_response import GetProjects200Response
from runai_organizations.models.project import Project
from runai_organizations.projects import ProjectsApi
from runai_workloads.models.training1 import Training1
from typing_extensions import assert_type


def correct(client: RunaiClient, organizations: Organizations, projects: ProjectsApi) -> None:
    assert_type(client, RunaiClient[ApiClient])
    assert_type(client.api_client, ApiClient)
    assert_type(client.workloads.trainings.get_training("w").parsed(), Training1)
    assert_type(organizations.projects, ProjectsApi[ApiClient])
    assert_type(projects.get_projects(), PagedResponse[GetProjects200Response, Project])
    assert_type(projects.create_project({"name": "a", "clusterId": "c"}).parsed(), Project)


def takes_bare(client: RunaiClient) -> None:
    print(client.cluster_id)


def mistakes(threaded: RunaiClient[ThreadedApiClient], aio: RunaiClient[AsyncApiClient]) -> None:
    takes_bare(threaded)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    takes_bare(aio)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    sync_only: ProjectsApi = threaded.organizations.projects  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    print(sync_only)
