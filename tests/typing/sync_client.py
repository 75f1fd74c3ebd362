"""What type checkers see through ``RunaiClient(ApiClient(...))``."""

from __future__ import annotations

from typing import Any, List, Optional

from runai.api_client import ApiClient
from runai.api_group import ApiCategory, ApiGroup
from runai.configuration import Configuration
from runai.paging import PagedResponse
from runai.response import ApiResponse
from runai.runai_client import RunaiClient
from runai.waiting import Progress
from runai_authz.models.user2 import User2
from runai_organizations.models.get_projects200_response import GetProjects200Response
from runai_organizations.models.project import Project
from runai_workloads.models.event2 import Event2
from runai_workloads.models.training1 import Training1
from runai_workloads.models.workload_detailed import WorkloadDetailed
from typing_extensions import assert_type


def correct(config: Configuration) -> None:
    client = RunaiClient(ApiClient(config))
    assert_type(client, RunaiClient[ApiClient])
    assert_type(RunaiClient(bearer_token="t", runai_base_url="https://x"), RunaiClient[ApiClient])

    response = client.organizations.projects.get_projects(limit=10, sort_order="asc")
    assert_type(response, PagedResponse[GetProjects200Response, Project])
    page = response.parsed()
    assert_type(page, GetProjects200Response)
    assert_type(page.projects, Optional[List[Project]])
    assert_type(response.status_code, int)
    for project in response:
        assert_type(project, Project)
    for following in response.iter_pages():
        assert_type(following, PagedResponse[GetProjects200Response, Project])
        assert_type(following.page_items(), List[Project])
    assert_type(response.has_next_page(), bool)
    assert_type(response.next_page(), Optional[PagedResponse[GetProjects200Response, Project]])
    one_page: ApiResponse[GetProjects200Response] = response  # still an ApiResponse
    assert_type(one_page.data, Any)
    for user in client.authentication_and_authorization.users.get_users(limit=100):
        assert_type(user, User2)
    for event in client.workloads.events.get_workload_events("w"):
        assert_type(event, Event2)

    created = client.organizations.projects.create_project({"name": "team-a", "clusterId": "c"})
    assert_type(created.parsed(), Project)
    assert_type(client.organizations.projects.delete_project("7").parsed(), None)
    assert_type(client.organizations.reports.download_report_by_id("r").parsed(), str)
    installer = client.organizations.administrator_command_line_interface.get_admin_cli_release
    assert_type(installer("linux").parsed(), bytes)

    training = client.workloads.trainings.get_training("w").parsed()
    assert_type(training, Training1)
    assert_type(client.api_client, ApiClient)

    with RunaiClient(ApiClient(config)) as managed:
        assert_type(managed, RunaiClient[ApiClient])

    def show(progress: Progress) -> None:
        print(progress.phase, progress.message)

    workloads = client.workloads.workloads
    running = workloads.wait_until_running("w", timeout=300, poll_interval=1, on_progress=show)
    assert_type(running, WorkloadDetailed)
    assert_type(workloads.wait_until_deleted("w", timeout=60.0), None)
    assert_type(client.workloads.trainings.wait_until_completed("w"), Training1)
    assert_type(client.organizations.projects.wait_until_ready("7"), Project)

    strict = client.with_options(retry_max_retries=0, timeout=(3, 30), default_headers={"X": "1"})
    assert_type(strict, RunaiClient[ApiClient])
    assert_type(strict.workloads.trainings.get_training("w").parsed(), Training1)
    assert_type(client.with_options(user_agent_suffix="app/1").api_client, ApiClient)

    # A third-party category, by name: what client.<name> gives at run time.
    example = client.category("example")
    assert_type(example, ApiCategory[ApiClient])
    assert_type(example.group("widgets"), ApiGroup[ApiClient])


def mistakes(client: RunaiClient[ApiClient]) -> None:
    RunaiClient(client.api_client.configuration)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    client.with_options(max_retries=0)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    client.with_options(timeout="30")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    _ = client.organisations  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
    _ = client.organizations.projets  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
    _ = client.category("example").widgets  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
    projects = client.organizations.projects
    projects.wait_until_ready("7", 60)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    projects.wait_until_ready("7", timeout="60")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]

    def phase_only(phase: str) -> None:
        print(phase)

    projects.wait_until_ready("7", on_progress=phase_only)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    projects.wait_until_running("7")  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
    projects.get_projects(limit="10")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    projects.get_projects(sort_order="up")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    projects.get_projects(limits=10)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    projects.get_projectz()  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
    page = projects.get_projects().parsed()
    print(page.projectz)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownArgumentType]
