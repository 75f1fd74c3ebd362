"""What type checkers see through ``RunaiClient(AsyncApiClient(...))``."""

from __future__ import annotations

import asyncio
from typing import Optional, Tuple

from runai.api_client import AsyncApiClient
from runai.configuration import Configuration
from runai.coroutine import ApiCoroutine
from runai.paging import AsyncPagedResponse
from runai.response import ApiResponse
from runai.runai_client import RunaiClient
from runai_organizations.models.get_projects200_response import GetProjects200Response
from runai_organizations.models.project import Project
from runai_workloads.models.inference1 import Inference1
from runai_workloads.models.training1 import Training1
from runai_workloads.models.workload_detailed import WorkloadDetailed
from typing_extensions import assert_type


async def correct(config: Configuration) -> None:
    async with RunaiClient(AsyncApiClient(config)) as client:
        assert_type(client, RunaiClient[AsyncApiClient])
        quick = client.with_options(timeout=5, retry_enabled=False)
        assert_type(quick, RunaiClient[AsyncApiClient])
        assert_type((await quick.workloads.trainings.get_training("w")).parsed(), Training1)
        response = await client.organizations.projects.get_projects(limit=10)
        assert_type(response, AsyncPagedResponse[GetProjects200Response, Project])
        assert_type(response.parsed(), GetProjects200Response)
        async for project in response:
            assert_type(project, Project)
        async for following in response.iter_pages():
            assert_type(following, AsyncPagedResponse[GetProjects200Response, Project])
        assert_type(
            await response.next_page(),
            Optional[AsyncPagedResponse[GetProjects200Response, Project]],
        )

        call = client.workloads.trainings.get_training("w")
        assert_type(call, ApiCoroutine[ApiResponse[Training1]])
        assert_type(await call, ApiResponse[Training1])
        assert_type(
            client.organizations.projects.get_projects(),
            ApiCoroutine[AsyncPagedResponse[GetProjects200Response, Project]],
        )
        assert_type(
            client.workloads.workloads.wait_until_running("w"), ApiCoroutine[WorkloadDetailed]
        )
        both = await asyncio.gather(
            client.organizations.projects.get_project("7"),
            client.workloads.trainings.get_training("w"),
        )
        assert_type(both, Tuple[ApiResponse[Project], ApiResponse[Training1]])
        assert_type(
            await asyncio.wait_for(client.organizations.projects.wait_until_ready("7"), 60),
            Project,
        )

        task = asyncio.create_task(client.organizations.projects.get_project("7"))
        assert_type(task, asyncio.Task[ApiResponse[Project]])
        training = await client.workloads.trainings.get_training("w")
        assert_type((await task).parsed(), Project)
        assert_type(training.parsed(), Training1)

        running = await client.workloads.workloads.wait_until_running("w", poll_interval=0.5)
        assert_type(running, WorkloadDetailed)
        assert_type(await client.workloads.workloads.wait_until_deleted("w"), None)
        assert_type(await client.organizations.projects.wait_until_ready("7"), Project)
        assert_type(await client.workloads.inferences.wait_until_running("i"), Inference1)


async def mistakes(client: RunaiClient[AsyncApiClient]) -> None:
    print(client.workloads.workloads.wait_until_running("w").phase)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownArgumentType]
    coroutine = client.organizations.projects.get_projects()
    coroutine.parsed()  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
    await client.organizations.projects.get_project(7)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    print((await coroutine).parsed().projectz)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownArgumentType]
