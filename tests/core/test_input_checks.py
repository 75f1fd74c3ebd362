"""Bad input is refused before anything is sent: path values that would leave their resource,
path and query values the spec does not allow, missing or unchecked bodies, NaN, bad timeouts.

Each test talks to the loopback FixtureServer through a generated method of each client kind
and asserts both the error (naming the parameter, the value and what is allowed) and that the
server saw no API request.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import pytest
from runai.exceptions import ApiValueError
from runai.runai_client import RunaiClient
from support.helpers import KINDS, build_config, request_once, run_with_client
from support.server import FixtureServer

PROJECTS = "/api/v1/org-unit/projects"


def refused(server: FixtureServer, kind: str, call: Callable[[Any], Any]) -> str:
    """The message of the ApiValueError ``call(RunaiClient)`` raises; nothing reached the API."""
    config = build_config(server, retry_enabled=False)
    with pytest.raises(ApiValueError) as info:
        run_with_client(kind, config, lambda c: call(RunaiClient(c)))
    assert server.api_requests() == []
    return str(info.value)


def sent(server: FixtureServer, kind: str, call: Callable[[Any], Any]) -> Any:
    config = build_config(server, retry_enabled=False)
    run_with_client(kind, config, lambda c: call(RunaiClient(c)))
    return server.api_requests()[-1]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", [".", ".."])
def test_a_dot_segment_never_leaves_its_resource(
    fixture_server: FixtureServer, kind: str, value: Any
) -> None:
    message = refused(
        fixture_server, kind, lambda r: r.organizations.projects.delete_project(value)
    )
    assert "'projectId'" in message and repr(value) in message
    message = refused(fixture_server, kind, lambda r: r.organizations.projects.get_project(value))
    assert "'projectId'" in message


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_path_value_is_refused(fixture_server: FixtureServer, kind: str) -> None:
    message = refused(fixture_server, kind, lambda r: r.organizations.projects.delete_project(""))
    assert "'projectId'" in message


@pytest.mark.parametrize("kind", KINDS)
def test_dots_inside_a_value_stay_one_encoded_segment(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(status=204, method="DELETE")
    request = sent(fixture_server, kind, lambda r: r.organizations.projects.delete_project("../x"))
    assert request.raw_path == f"{PROJECTS}/..%2Fx"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", [f"{PROJECTS}/..", f"{PROJECTS}/./7", "/api/v1/../v2/x?a=1"])
def test_a_raw_request_with_dot_segments_is_refused(
    fixture_server: FixtureServer, kind: str, path: Any
) -> None:
    config = build_config(fixture_server, retry_enabled=False)
    with pytest.raises(ApiValueError, match="segment"):
        request_once(kind, config, "DELETE", path)
    assert fixture_server.api_requests() == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"limit": "abc"}, "'limit' got 'abc'; expected an integer from 1 to 500"),
        ({"limit": [1, 2]}, "'limit' got [1, 2]; expected an integer from 1 to 500"),
        ({"limit": 0}, "'limit' got 0; expected an integer from 1 to 500"),
        ({"limit": 501}, "'limit' got 501; expected an integer from 1 to 500"),
        ({"limit": True}, "'limit' got True; expected an integer"),
        ({"offset": {"a": 1}}, "'offset' got {'a': 1}; expected an integer"),
        ({"sort_order": "sideways"}, "'sortOrder' got 'sideways'; expected one of 'asc', 'desc'"),
        ({"filter_by": "name==a"}, "'filterBy' got 'name==a'; expected a list, each item"),
        ({"search": {"x"}}, "'search' got {'x'}; expected a string"),
    ],
)
def test_query_values_are_checked_against_the_spec(
    fixture_server: FixtureServer, kind: str, arguments: Any, expected: Any
) -> None:
    message = refused(
        fixture_server, kind, lambda r: r.organizations.projects.get_projects(**arguments)
    )
    assert "get_projects: query parameter" in message
    assert expected in message


@pytest.mark.parametrize("kind", KINDS)
def test_values_the_spec_allows_are_sent(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(json={"projects": []}, method="GET")
    request = sent(
        fixture_server,
        kind,
        lambda r: r.organizations.projects.get_projects(
            limit="20", offset=0, sort_order="desc", filter_by=["name==a"], search="x"
        ),
    )
    assert request.query_params() == {
        "limit": ["20"],
        "offset": ["0"],
        "sortOrder": ["desc"],
        "filterBy": ["name==a"],
        "search": ["x"],
    }


@pytest.mark.parametrize("kind", KINDS)
def test_a_required_query_parameter_must_be_given(fixture_server: FixtureServer, kind: str) -> None:
    message = refused(
        fixture_server,
        kind,
        lambda r: r.organizations.projects.get_projects_telemetry(telemetry_type=None),
    )
    assert "'telemetryType' is required" in message and "GPU_ALLOCATION" in message


@pytest.mark.parametrize("kind", KINDS)
def test_an_array_of_enum_members_is_checked_item_by_item(
    fixture_server: FixtureServer, kind: str
) -> None:
    message = refused(
        fixture_server,
        kind,
        lambda r: r.organizations.projects.get_projects_telemetry(
            "GPU_ALLOCATION", group_by=["ClusterId", "Planet"]
        ),
    )
    assert "'groupBy' got ['ClusterId', 'Planet']" in message and "'NodepoolId'" in message


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", ["seven", -1, 2.5])
def test_path_values_are_checked_against_the_spec(
    fixture_server: FixtureServer, kind: str, value: Any
) -> None:
    message = refused(
        fixture_server,
        kind,
        lambda r: r.authentication_and_authorization.access_rules.get_access_rule(value),
    )
    assert f"path parameter 'accessRuleId' got {value!r}; expected an integer >= 0" in message


@pytest.mark.parametrize("kind", KINDS)
def test_a_required_body_must_be_given(fixture_server: FixtureServer, kind: str) -> None:
    message = refused(fixture_server, kind, lambda r: r.organizations.projects.create_project(None))
    assert "create_project: a request body is required (ProjectCreationRequest)" in message


def _valid_request() -> Any:
    from runai import models

    return models.ProjectCreationRequest(
        name="p", cluster_id="c1", resources=[{"memory": {"units": "GB"}}]
    )


@pytest.mark.parametrize("kind", KINDS)
def test_a_model_edited_after_construction_is_checked_when_sent(
    fixture_server: FixtureServer, kind: str
) -> None:
    request = _valid_request()
    request.resources[0].memory.units = "Parsecs"
    message = refused(
        fixture_server, kind, lambda r: r.organizations.projects.create_project(request)
    )
    assert "Parsecs" in message
    request = _valid_request()
    request.name = None
    message = refused(
        fixture_server, kind, lambda r: r.organizations.projects.create_project(request)
    )
    assert "name" in message


@pytest.mark.parametrize("kind", KINDS)
def test_a_model_of_another_operation_is_refused(fixture_server: FixtureServer, kind: str) -> None:
    from runai import models

    other = models.ResourcesMemory(units="GB")
    message = refused(
        fixture_server, kind, lambda r: r.organizations.projects.create_project(other)
    )
    assert "got a ResourcesMemory, expected a ProjectCreationRequest" in message


@pytest.mark.parametrize("kind", KINDS)
def test_a_valid_model_is_still_sent(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(status=201, json={"name": "p"}, method="POST")
    request = sent(
        fixture_server, kind, lambda r: r.organizations.projects.create_project(_valid_request())
    )
    assert request.json()["resources"] == [{"memory": {"units": "GB"}}]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused_not_sent_as_invalid_json(
    fixture_server: FixtureServer, kind: str, number: Any
) -> None:
    config = build_config(fixture_server, retry_enabled=False)
    with pytest.raises(ApiValueError, match="NaN or Infinity"):
        request_once(kind, config, "POST", "/api/v1/things", body={"value": number})
    body = {"name": "p", "clusterId": "c1", "resources": [{"gpu": {"deserved": number}}]}
    message = refused(fixture_server, kind, lambda r: r.organizations.projects.create_project(body))
    assert "invalid request body" in message


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("timeout", ["30", 0, -1, (1.0, "x"), (0, 5), math.nan, [1, 2, 3], True])
def test_a_bad_request_timeout_is_refused_before_sending(
    fixture_server: FixtureServer, kind: str, timeout: Any
) -> None:
    message = refused(
        fixture_server,
        kind,
        lambda r: r.organizations.projects.get_projects(_request_timeout=timeout),
    )
    assert "_request_timeout must be seconds > 0" in message and repr(timeout) in message
    config = build_config(fixture_server, retry_enabled=False)
    with pytest.raises(ApiValueError, match="_request_timeout"):
        request_once(kind, config, "GET", "/api/v1/things", timeout=timeout)
    assert fixture_server.api_requests() == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("timeout", [5, 2.5, (1, 5), (None, 5.0), [2, 3]])
def test_a_good_request_timeout_is_accepted(
    fixture_server: FixtureServer, kind: str, timeout: Any
) -> None:
    fixture_server.enqueue(json={"projects": []}, method="GET")
    request = sent(
        fixture_server,
        kind,
        lambda r: r.organizations.projects.get_projects(_request_timeout=timeout),
    )
    assert request.path == PROJECTS
