"""Auto-paging on the wire: following pages repeat the call's arguments with a new offset, and
a server that ignores the offset stops the iteration with an error instead of looping."""

from __future__ import annotations

import pytest
from runai.api_client import ApiClient
from runai.runai_client import RunaiClient
from support.helpers import build_config
from support.server import FixtureServer

PROJECTS = "/api/v1/org-unit/projects"


def test_following_pages_repeat_the_arguments_with_the_next_offset(
    fixture_server: FixtureServer,
) -> None:
    fixture_server.enqueue(json={"projects": [{"name": "a"}, {"name": "b"}], "next": 2})
    fixture_server.enqueue(json={"projects": [{"name": "c"}]})
    with RunaiClient(ApiClient(build_config(fixture_server))) as client:
        first = client.organizations.projects.get_projects(filter_by=["name=@x"], limit=2)
        assert first.data == {"projects": [{"name": "a"}, {"name": "b"}], "next": 2}
        assert [p.name for p in first] == ["a", "b", "c"]
    queries = [r.query_params() for r in fixture_server.requests_to(PROJECTS)]
    assert queries == [
        {"filterBy": ["name=@x"], "limit": ["2"]},
        {"filterBy": ["name=@x"], "limit": ["2"], "offset": ["2"]},
    ]


def test_a_server_ignoring_the_offset_raises_instead_of_looping(
    fixture_server: FixtureServer,
) -> None:
    page = {"nodes": [{"name": "n1"}, {"name": "n2"}]}
    fixture_server.enqueue(json=page, path="/api/v1/nodes", times=2)
    client = RunaiClient(ApiClient(build_config(fixture_server)))
    with client, pytest.raises(RuntimeError, match="ignores 'offset'"):
        list(client.organizations.nodes.get_tenant_nodes(limit=2))
