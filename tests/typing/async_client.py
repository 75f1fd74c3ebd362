"""What type checkers see through ``RunaiClient(AsyncApiClient(...))``."""

from __future__ import annotations

import asyncio

from runai.api_client import AsyncApiClient
from runai.configuration import Configuration
from runai.response import ApiResponse
from runai.runai_client import RunaiClient
from runai_organizations.models.get_projects200_response import GetProjects200Response
from runai_organizations.models.project import Project
from runai_workloads.models.training1 import Training1
from typing_extensions import assert_type


async def correct(config: Configuration) -> None:
    async with RunaiClient(AsyncApiClient(config)) as client:
        assert_type(client, RunaiClient[AsyncApiClient])
        response = await client.organizations.projects.get_projects(limit=10)
        assert_type(response, ApiResponse[GetProjects200Response])
        assert_type(response.parsed(), GetProjects200Response)

        task = asyncio.create_task(client.organizations.projects.get_project("7"))
        training = await client.workloads.trainings.get_training("w")
        assert_type((await task).parsed(), Project)
        assert_type(training.parsed(), Training1)


async def mistakes(client: RunaiClient[AsyncApiClient]) -> None:
    coroutine = client.organizations.projects.get_projects()
    coroutine.parsed()  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
    await client.organizations.projects.get_project(7)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    print((await coroutine).parsed().projectz)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownArgumentType]
