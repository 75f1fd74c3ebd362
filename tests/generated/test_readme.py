"""The seed README's examples, as written, against the recording server."""

from __future__ import annotations

import asyncio

from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from support.helpers import CLIENT_ID, CLIENT_SECRET
from support.server import FixtureServer


def _config(server: FixtureServer) -> Configuration:
    return Configuration(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, runai_base_url=server.url
    )


def test_get_projects(fixture_server: FixtureServer) -> None:
    fixture_server.enqueue(json={"projects": [{"name": "team-a"}], "next": 0})
    client = RunaiClient(ApiClient(_config(fixture_server)))
    projects = client.organizations.projects.get_projects()
    assert projects.data["projects"][0]["name"] == "team-a"
    assert fixture_server.api_requests()[-1].raw_path == "/api/v1/org-unit/projects"


def test_options_list_groups_and_methods(fixture_server: FixtureServer) -> None:
    client = RunaiClient(ApiClient(_config(fixture_server)))
    groups = client.organizations.options()
    assert {"projects", "departments", "clusters", "nodes"} <= set(groups)
    methods = client.organizations.projects.options()
    assert {"get_projects", "create_project", "delete_project"} <= set(methods)
    everything = client.organizations.projects.options(include_deprecated=True)
    assert set(methods) < set(everything)


def test_threaded_and_async_clients(fixture_server: FixtureServer) -> None:
    config = _config(fixture_server)
    with RunaiClient(ThreadedApiClient(config)) as client:
        projects = client.organizations.projects.get_projects()
        assert projects.result(timeout=30).status_code == 200

    async def main() -> int:
        async with RunaiClient(AsyncApiClient(config)) as client:
            projects = await client.organizations.projects.get_projects()
            return int(projects.status_code)

    assert asyncio.run(main()) == 200
