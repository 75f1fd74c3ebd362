"""What type checkers see of runapy 1.x's top-level names: ``from runai import ProjectsApi``
and ``runai.ProjectCreationRequest`` are the real classes, a misspelled name is an error."""

from __future__ import annotations

from typing import Optional, Type

import runai
import runai.api
from runai import ApiClient, ApiException, Configuration, ProjectCreationRequest, ProjectsApi
from runai.response import ApiResponse
from runai_organizations.models.project import Project
from runai_organizations.models.project_creation_request import (
    ProjectCreationRequest as RealProjectCreationRequest,
)
from runai_organizations.projects import ProjectsApi as RealProjectsApi
from typing_extensions import assert_type


def correct() -> None:
    api_client = ApiClient(Configuration(runai_base_url="https://cp.example"))
    projects = ProjectsApi(api_client)
    assert_type(projects, RealProjectsApi[ApiClient])
    assert_type(projects.get_project("7"), ApiResponse[Project])
    assert_type(runai.ProjectsApi(api_client), RealProjectsApi[ApiClient])
    assert_type(runai.api.ProjectsApi(api_client), RealProjectsApi[ApiClient])

    request = ProjectCreationRequest(name="team-a", cluster_id="c")
    assert_type(request, RealProjectCreationRequest)
    assert_type(runai.ProjectCreationRequest(name="b").cluster_id, Optional[str])
    assert_type(runai.models.ProjectCreationRequest, Type[RealProjectCreationRequest])

    assert_type(runai.ApiException, Type[ApiException])
    assert_type(runai.configuration.Configuration, Type[Configuration])
    assert_type(runai.__version__, str)


def mistakes() -> None:
    from runai import ProjectApi  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownVariableType]

    print(ProjectApi)  # pyright: ignore[reportUnknownArgumentType]
    _ = runai.ProjectsAPI  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
    _ = runai.ProjectCreationRequests  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
    ProjectsApi(ApiClient(Configuration())).get_project(7)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
