"""What type checkers see through ``RunaiClient(ThreadedApiClient(...))``."""

from __future__ import annotations

from runai.api_client import ApiFuture, ThreadedApiClient
from runai.configuration import Configuration
from runai.paging import PagedResponse
from runai.runai_client import RunaiClient
from runai_organizations.models.get_projects200_response import GetProjects200Response
from runai_organizations.models.project import Project
from runai_workloads.models.training1 import Training1
from runai_workloads.models.workload_detailed import WorkloadDetailed
from typing_extensions import assert_type


def correct(config: Configuration) -> None:
    client = RunaiClient(ThreadedApiClient(config))
    assert_type(client, RunaiClient[ThreadedApiClient])

    future = client.organizations.projects.get_projects(limit=10)
    assert_type(future, ApiFuture[PagedResponse[GetProjects200Response, Project]])
    assert_type(future.result(), PagedResponse[GetProjects200Response, Project])
    assert_type(future.get(timeout=5), PagedResponse[GetProjects200Response, Project])
    assert_type(future.result().parsed(), GetProjects200Response)
    for project in future.result():
        assert_type(project, Project)

    training = client.workloads.trainings.get_training("w")
    assert_type(training.get().parsed(), Training1)

    running = client.workloads.workloads.wait_until_running("w", timeout=300)
    assert_type(running, ApiFuture[WorkloadDetailed])
    assert_type(running.result(), WorkloadDetailed)
    assert_type(client.workloads.workloads.wait_until_deleted("w"), ApiFuture[None])
    assert_type(client.organizations.projects.wait_until_ready("7").get(), Project)

    patient = client.with_options(retry_max_retries=10, retry_backoff_factor=2.0)
    assert_type(patient, RunaiClient[ThreadedApiClient])
    assert_type(patient.workloads.trainings.get_training("w").result().parsed(), Training1)


def mistakes(client: RunaiClient[ThreadedApiClient]) -> None:
    print(client.workloads.workloads.wait_until_running("w").phase)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownArgumentType]
    future = client.organizations.projects.get_projects()
    future.parsed()  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
    print(future.data)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownArgumentType]
    client.organizations.projects.get_projects(offset="0")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    print(future.result().parsed().projectz)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownArgumentType]
