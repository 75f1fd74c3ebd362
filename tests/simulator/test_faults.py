"""Fault injection: statuses N times with Retry-After, delays, dropped connections."""

from __future__ import annotations

import pytest
from runai.api_client import ApiClient
from runai.exceptions import ApiConnectionError, ApiException, ApiTimeoutError, ServiceException
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane
from support.retry import RecordingRetryPolicy

from .helpers import MakeClient, Raw, config_for

PROJECTS = "/api/v1/org-unit/projects"


def test_fail_n_times_then_answer_normally(plane: ControlPlane, raw: Raw) -> None:
    token = raw.login()
    plane.faults.fail(503, times=2, retry_after=1, path=PROJECTS)
    for _ in range(2):
        status, body, headers = raw.call("GET", PROJECTS, token=token)
        assert status == 503
        assert body == {"code": 503, "message": "injected fault: 503"}
        assert headers["Retry-After"] == "1"
    assert raw.call("GET", PROJECTS, token=token)[0] == 200
    assert plane.faults.pending == []


def test_client_retries_through_transient_faults(plane: ControlPlane) -> None:
    policy = RecordingRetryPolicy(backoff_factor=0.01)
    with RunaiClient(ApiClient(config_for(plane), retry_policy=policy)) as client:
        plane.faults.fail(503, times=2, method="GET", path=PROJECTS)
        assert client.organizations.projects.get_projects().status_code == 200
        assert len(policy.waits) == 2
        policy.waits.clear()
        plane.faults.fail(429, times=1, retry_after=30, method="GET", path=PROJECTS)
        assert client.organizations.projects.get_projects().status_code == 200
    assert policy.waits == [30.0]  # waited as Retry-After said
    assert plane.faults.pending == []


def test_fail_until_cleared_and_matching_by_template(
    plane: ControlPlane, client: RunaiClient[ApiClient]
) -> None:
    plane.faults.fail(500, times=None, path="/api/v1/org-unit/projects/{projectId}")
    with pytest.raises(ServiceException):
        client.organizations.projects.get_project("1")
    with pytest.raises(ServiceException):
        client.organizations.projects.get_project("2")
    assert client.organizations.projects.get_projects().status_code == 200  # not matched
    plane.faults.clear()
    with pytest.raises(ApiException) as caught:
        client.organizations.projects.get_project("1")
    assert caught.value.status == 404


def test_method_filter(plane: ControlPlane, raw: Raw) -> None:
    token = raw.login()
    plane.faults.fail(429, method="POST", path=PROJECTS)
    assert raw.call("GET", PROJECTS, token=token)[0] == 200
    assert raw.call("POST", PROJECTS, {}, token=token)[0] == 429


def test_delay(plane: ControlPlane, raw: Raw, make_client: MakeClient) -> None:
    # A delayed answer is late, not lost: a client that waits long enough gets it, one whose
    # read timeout is shorter than the delay times out (the delay is not measured).
    token = raw.login()
    plane.faults.delay(0.3, path=PROJECTS)
    assert raw.call("GET", PROJECTS, token=token)[0] == 200
    assert plane.faults.pending == []
    plane.faults.delay(3.0, path=PROJECTS)
    impatient = make_client(plane, timeout=(1.0, 0.3), retry_enabled=False)
    impatient.organizations.clusters.get_clusters()  # log in first
    with pytest.raises(ApiTimeoutError):
        impatient.organizations.projects.get_projects()
    assert impatient.organizations.projects.get_projects().status_code == 200  # used up


def test_drop_connection(plane: ControlPlane, raw: Raw, make_client: MakeClient) -> None:
    token = raw.login()
    plane.faults.drop_connection(times=1, path=PROJECTS)
    no_retries = make_client(plane, retry_enabled=False)
    no_retries.organizations.clusters.get_clusters()
    with pytest.raises(ApiConnectionError):
        no_retries.organizations.projects.get_projects()
    assert raw.call("GET", PROJECTS, token=token)[0] == 200


def test_client_retries_a_dropped_idempotent_request(
    plane: ControlPlane, client: RunaiClient[ApiClient]
) -> None:
    client.organizations.clusters.get_clusters()
    plane.faults.drop_connection(times=1, path=PROJECTS)
    assert client.organizations.projects.get_projects().status_code == 200


def test_control_endpoint(plane: ControlPlane, raw: Raw) -> None:
    token = raw.login()
    status, _, _ = raw.call(
        "POST", "/_sim/faults", {"kind": "fail", "status": 502, "times": 1, "path": PROJECTS}
    )
    assert status == 201
    assert raw.call("GET", "/_sim/faults", token=None)[1]["faults"][0]["status"] == 502
    assert raw.call("GET", PROJECTS, token=token)[0] == 502
    assert raw.call("GET", PROJECTS, token=token)[0] == 200
    assert raw.call("POST", "/_sim/faults", {"kind": "bogus"}, token=None)[0] == 400
    assert raw.call("POST", "/_sim/expire-tokens", token=None)[0] == 204
    assert raw.call("GET", PROJECTS, token=token)[0] == 401
    assert raw.call("DELETE", "/_sim/faults", token=None)[0] == 204


def test_control_endpoint_moves_the_clock(make_client: MakeClient) -> None:
    with ControlPlane(phase_delay=3600) as plane:
        raw = Raw.to(plane)
        client = make_client(plane)
        cluster = client.organizations.clusters.get_clusters().data[0]["uuid"]
        project = client.organizations.projects.create_project(
            {"name": "p", "clusterId": cluster, "resources": []}
        ).data
        workload = client.workloads.workspaces.create_workspace1(
            {"name": "w", "projectId": project["id"], "clusterId": cluster}
        ).data
        assert raw.call("POST", "/_sim/clock", {"advance": 7200}, token=None)[0] == 204
        phase = client.workloads.workloads.get_workload(workload["workloadId"]).data["phase"]
        assert phase == "Running"
