"""Workload submission and lifecycle: phases move on the simulator's clock."""

from __future__ import annotations

import time
from typing import Any, Dict, List

import pytest
from runai.api_client import ApiClient
from runai.exceptions import BadRequestException, NotFoundException
from runai.response import ApiResponse
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .helpers import MakeClient, Raw, cluster_id

SUBMITTERS = {
    "trainings": ("trainings", "create_training1", "get_training", "Training"),
    "workspaces": ("workspaces", "create_workspace1", "get_workspace", "Workspace"),
    "inferences": ("inferences", "create_inference1", "get_inference", "Inference"),
    "distributed": ("distributed", "create_distributed", "get_distributed", "Distributed"),
}


def _project(client: RunaiClient[ApiClient], name: str = "team") -> Dict[str, Any]:
    body = {"name": name, "clusterId": cluster_id(client), "resources": []}
    project: Dict[str, Any] = client.organizations.projects.create_project(body).data
    return project


def _submit(
    client: RunaiClient[ApiClient], kind: str, name: str, project: Dict[str, Any]
) -> ApiResponse[object]:
    group, create, _, _ = SUBMITTERS[kind]
    body = {
        "name": name,
        "projectId": project["id"],
        "clusterId": project["clusterId"],
        "spec": {"image": "python:3.11"},
    }
    created: ApiResponse[object] = getattr(getattr(client.workloads, group), create)(body)
    return created


def _phase(client: RunaiClient[ApiClient], workload_id: str) -> str:
    return str(client.workloads.workloads.get_workload(workload_id).data["phase"])


@pytest.mark.parametrize("kind", sorted(SUBMITTERS))
def test_submit_returns_202_with_the_workload(client: RunaiClient[ApiClient], kind: str) -> None:
    project = _project(client)
    answer = _submit(client, kind, f"{kind[:5]}-1", project)
    assert answer.status_code == 202
    assert answer.data["workloadId"] and answer.data["desiredPhase"] == "Running"
    group, _, get, type_name = SUBMITTERS[kind]
    typed = getattr(getattr(client.workloads, group), get)(answer.data["workloadId"]).data
    assert typed["name"] == f"{kind[:5]}-1" and typed["projectId"] == project["id"]
    generic = client.workloads.workloads.get_workload(answer.data["workloadId"]).data
    assert generic["type"] == type_name and generic["projectName"] == "team"


def test_phases_move_creating_pending_running_on_the_clock() -> None:
    with ControlPlane(phase_delay=3600) as plane:
        from runai.api_client import ApiClient
        from runai.runai_client import RunaiClient

        from .helpers import config_for

        with RunaiClient(ApiClient(config_for(plane))) as client:
            project = _project(client)
            workload_id = _submit(client, "trainings", "train", project).data["workloadId"]
            assert _phase(client, workload_id) == "Creating"
            plane.advance(3600)
            assert _phase(client, workload_id) == "Pending"
            plane.advance(3600)
            assert _phase(client, workload_id) == "Running"
            typed = client.workloads.trainings.get_training(workload_id).data
            assert typed["actualPhase"] == "Running" and typed["desiredPhase"] == "Running"


def test_phases_move_on_their_own_with_a_fast_clock(client: RunaiClient[ApiClient]) -> None:
    project = _project(client)
    workload_id = _submit(client, "trainings", "lifecycle", project).data["workloadId"]
    seen: List[str] = []
    # A bound on a loop that ends in well under a second, not a timing check: generous, so
    # that a loaded machine cannot make it fail.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        phase = _phase(client, workload_id)
        if not seen or seen[-1] != phase:
            seen.append(phase)
        if phase == "Running":
            break
        time.sleep(0.01)
    assert seen[-1] == "Running"
    assert set(seen) <= {"Creating", "Pending", "Running"}


def test_suspend_resume_and_delete_move_on_the_clock(make_client: MakeClient) -> None:
    """Transitional phases (Resuming, Deleting) last an hour of simulated time here, so each is
    seen however slowly the machine answers; only ``advance`` moves them on."""
    with ControlPlane(phase_delay=3600) as plane:
        client = make_client(plane)
        project = _project(client)
        workload_id = _submit(client, "trainings", "lifecycle", project).data["workloadId"]
        plane.advance(2 * 3600)
        assert _phase(client, workload_id) == "Running"

        trainings = client.workloads.trainings
        assert trainings.suspend_training(workload_id).status_code == 202
        assert trainings.get_training(workload_id).data["desiredPhase"] == "Stopped"
        assert _phase(client, workload_id) == "Stopping"
        plane.advance(3600)
        assert _phase(client, workload_id) == "Stopped"
        trainings.resume_training(workload_id)
        assert _phase(client, workload_id) == "Resuming"
        plane.advance(2 * 3600)
        assert _phase(client, workload_id) == "Running"

        listed = client.workloads.workloads.get_workloads(filter_by=["phase==Running"]).data
        assert [w["id"] for w in listed["workloads"]] == [workload_id]

        assert trainings.delete_training(workload_id).status_code == 202
        assert _phase(client, workload_id) == "Deleting"
        plane.advance(3600)
        with pytest.raises(NotFoundException):
            client.workloads.workloads.get_workload(workload_id)
        assert client.workloads.workloads.get_workloads().data["workloads"] == []


def test_type_specific_get_of_another_type_is_404(client: RunaiClient[ApiClient]) -> None:
    project = _project(client)
    workload_id = _submit(client, "workspaces", "ws", project).data["workloadId"]
    with pytest.raises(NotFoundException):
        client.workloads.trainings.get_training(workload_id)


def test_duplicate_workload_name_in_project_is_refused(client: RunaiClient[ApiClient]) -> None:
    project = _project(client)
    _submit(client, "trainings", "same", project)
    with pytest.raises(BadRequestException) as caught:  # the spec documents 400, not 409
        _submit(client, "trainings", "same", project)
    assert "same" in str(caught.value)
    other = _project(client, "other")
    assert _submit(client, "trainings", "same", other).status_code == 202


def test_unknown_project_is_400_naming_project_id(client: RunaiClient[ApiClient]) -> None:
    project = {"id": "4242", "clusterId": cluster_id(client)}
    with pytest.raises(BadRequestException) as caught:
        _submit(client, "trainings", "lost", project)
    assert "projectId" in str(caught.value)


def test_list_pages_and_count(plane: ControlPlane, client: RunaiClient[ApiClient]) -> None:
    project = _project(client)
    for i in range(5):
        _submit(client, "trainings", f"job-{i}", project)
    workloads = client.workloads.workloads
    page = workloads.get_workloads(limit=2, sort_by="name").data
    assert [w["name"] for w in page["workloads"]] == ["job-0", "job-1"] and page["next"] == 2
    assert workloads.count_workloads().data == {"count": 5}
    parsed = workloads.get_workloads().parsed()
    assert parsed.workloads is not None and len(parsed.workloads) == 5


def test_scripted_phases_fail_a_workload_with_a_message(
    plane: ControlPlane, client: RunaiClient[ApiClient]
) -> None:
    workload_id = _submit(client, "trainings", "doomed", _project(client)).data["workloadId"]
    plane.set_workload_phases(
        workload_id, [("Pending", 60), ("Failed", None)], message="OOMKilled: 2Gi limit"
    )
    generic = client.workloads.workloads.get_workload(workload_id).data
    assert (generic["phase"], generic["phaseMessage"]) == ("Pending", "OOMKilled: 2Gi limit")
    plane.advance(60)
    assert _phase(client, workload_id) == "Failed"
    plane.advance(10**6)
    assert client.workloads.trainings.get_training(workload_id).data["actualPhase"] == "Failed"


def test_scripted_phases_are_checked(plane: ControlPlane, client: RunaiClient[ApiClient]) -> None:
    workload_id = _submit(client, "trainings", "checked", _project(client)).data["workloadId"]
    with pytest.raises(ValueError, match="'Exploded' is not one of"):
        plane.set_workload_phases(workload_id, [("Exploded", None)])
    with pytest.raises(ValueError, match="only the last phase"):
        plane.set_workload_phases(workload_id, [("Pending", None), ("Failed", None)])
    with pytest.raises(LookupError, match="not found"):
        plane.set_workload_phases("nope", [("Failed", None)])
    # a refused script changes nothing: the normal progression goes on
    assert _phase(client, workload_id) in {"Creating", "Pending", "Running"}


def test_control_endpoint_scripts_phases(
    plane: ControlPlane, client: RunaiClient[ApiClient], raw: Raw
) -> None:
    workload_id = _submit(client, "workspaces", "scripted", _project(client)).data["workloadId"]
    url = f"/_sim/workloads/{workload_id}/phases"
    body = {"phases": [["Degraded", None]], "message": "1 of 2 pods failed"}
    assert raw.call("POST", url, body, token=None)[0] == 204
    generic = client.workloads.workloads.get_workload(workload_id).data
    assert (generic["phase"], generic["phaseMessage"]) == ("Degraded", "1 of 2 pods failed")
    assert raw.call("POST", url, {"phases": [["Exploded", None]]}, token=None)[0] == 400
    assert raw.call("POST", url, {"phase": "Failed"}, token=None)[0] == 400
    missing = "/_sim/workloads/nope/phases"
    assert raw.call("POST", missing, {"phases": [["Failed", None]]}, token=None)[0] == 404
