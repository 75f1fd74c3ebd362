"""Waiters return, fail and time out as documented, for the three clients, against the simulator.

Time is virtual (``SimulatedClock``): a waiter's sleep advances the simulator's clock, so a
workload moves through its phases exactly as fast as the waiter polls, and no test sleeps.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any, Callable, Dict, Tuple

import pytest
from runai.api_client import ApiClient
from runai.exceptions import (
    ApiValueError,
    NotFoundException,
    OpenApiException,
    WaitFailedError,
    WaitTimeoutError,
)
from runai.runai_client import RunaiClient
from runai_authz.models.access_rule_by_id import AccessRuleById
from runai_datavolumes.models.datavolume import Datavolume
from runai_organizations.models.nodepool import Nodepool
from runai_organizations.models.project import Project
from runai_testing import ControlPlane
from runai_workloads.models.training1 import Training1
from runai_workloads.models.workload_detailed import WorkloadDetailed

from .conftest import SLOW, SimulatedClock, Waiting, cluster_id, phases, recorder, submit_training

LONG = 100 * SLOW


def test_wait_until_running_returns_the_running_workload(
    wait: Waiting, client: RunaiClient[ApiClient], clock: SimulatedClock
) -> None:
    workload_id = submit_training(client)
    seen, on_progress = recorder()
    workload = wait(
        "workloads.workloads.wait_until_running",
        workload_id,
        timeout=LONG,
        poll_interval=SLOW / 3,
        on_progress=on_progress,
        _clock=clock,
    )
    assert isinstance(workload, WorkloadDetailed)
    assert workload.phase == "Running" and workload.id == workload_id
    assert phases(seen) == [
        {"phase": "Creating", "previous": None, "deleted": False},
        {"phase": "Pending", "previous": "Creating", "deleted": False},
        {"phase": "Running", "previous": "Pending", "deleted": False},
    ]
    assert "Pending -> Running" in str(seen[-1]) and workload_id in str(seen[-1])


def test_typed_group_waits_on_its_actual_phase(
    wait: Waiting, client: RunaiClient[ApiClient], clock: SimulatedClock
) -> None:
    workload_id = submit_training(client)
    training = wait(
        "workloads.trainings.wait_until_running",
        workload_id,
        timeout=LONG,
        poll_interval=SLOW,
        _clock=clock,
    )
    assert isinstance(training, Training1)
    assert training.actual_phase == "Running"


def test_failure_phase_raises_with_the_phase_and_the_control_planes_message(
    wait: Waiting, client: RunaiClient[ApiClient], plane: ControlPlane, clock: SimulatedClock
) -> None:
    workload_id = submit_training(client)
    why = "ImagePullBackOff: image python:3.99 not found"
    plane.set_workload_phases(workload_id, [("Pending", SLOW), ("Failed", None)], message=why)
    with pytest.raises(WaitFailedError) as caught:
        wait(
            "workloads.workloads.wait_until_running",
            workload_id,
            timeout=LONG,
            poll_interval=SLOW / 2,
            _clock=clock,
        )
    error = caught.value
    assert isinstance(error, OpenApiException)
    assert (error.phase, error.message, error.resource_id) == ("Failed", why, workload_id)
    assert "Failed" in str(error) and why in str(error) and "Running" in str(error)


def test_running_out_of_time_names_the_last_phase_seen(
    wait: Waiting, client: RunaiClient[ApiClient], plane: ControlPlane, clock: SimulatedClock
) -> None:
    workload_id = submit_training(client)
    plane.set_workload_phases(workload_id, [("Pending", None)], message="waiting for a GPU")
    with pytest.raises(WaitTimeoutError) as caught:
        wait(
            "workloads.workloads.wait_until_running",
            workload_id,
            timeout=SLOW,
            poll_interval=SLOW / 4,
            _clock=clock,
        )
    error = caught.value
    assert isinstance(error, TimeoutError) and isinstance(error, OpenApiException)
    assert error.last_phase == "Pending"
    assert "last phase seen: Pending" in str(error) and "waiting for a GPU" in str(error)
    assert clock.time == pytest.approx(SLOW)  # the last pause stops at the deadline


def test_wait_until_completed_keeps_waiting_through_running(
    wait: Waiting, client: RunaiClient[ApiClient], plane: ControlPlane, clock: SimulatedClock
) -> None:
    workload_id = submit_training(client)
    plane.set_workload_phases(workload_id, [("Running", 3 * SLOW), ("Completed", None)])
    seen, on_progress = recorder()
    workload = wait(
        "workloads.workloads.wait_until_completed",
        workload_id,
        timeout=LONG,
        poll_interval=SLOW,
        on_progress=on_progress,
        _clock=clock,
    )
    assert workload.phase == "Completed"
    assert [p.phase for p in seen] == ["Running", "Completed"]


def test_wait_until_stopped_after_suspend(
    wait: Waiting, client: RunaiClient[ApiClient], clock: SimulatedClock
) -> None:
    workload_id = submit_training(client)
    client.workloads.trainings.suspend_training(workload_id)
    workload = wait(
        "workloads.workloads.wait_until_stopped",
        workload_id,
        timeout=LONG,
        poll_interval=SLOW,
        _clock=clock,
    )
    assert workload.phase == "Stopped"


def test_wait_until_deleted_returns_none_once_the_workload_is_404(
    wait: Waiting, client: RunaiClient[ApiClient], clock: SimulatedClock
) -> None:
    workload_id = submit_training(client)
    client.workloads.trainings.delete_training(workload_id)
    seen, on_progress = recorder()
    result = wait(
        "workloads.workloads.wait_until_deleted",
        workload_id,
        timeout=LONG,
        poll_interval=SLOW / 2,
        on_progress=on_progress,
        _clock=clock,
    )
    assert result is None
    assert phases(seen) == [
        {"phase": "Deleting", "previous": None, "deleted": False},
        {"phase": None, "previous": "Deleting", "deleted": True},
    ]
    with pytest.raises(NotFoundException):
        client.workloads.workloads.get_workload(workload_id)


def _create_project(client: RunaiClient[ApiClient]) -> str:
    body = {"name": "ready", "clusterId": cluster_id(client), "resources": []}
    return str(client.organizations.projects.create_project(body).data["id"])


def _create_node_pool(client: RunaiClient[ApiClient]) -> str:
    body = {"name": "a100", "clusterId": cluster_id(client), "labelKey": "gpu", "labelValue": "a"}
    return str(client.organizations.node_pools.create_nodepool(body).data["id"])


def _create_datavolume(client: RunaiClient[ApiClient]) -> str:
    body = {"name": "shared", "projectId": _create_project(client), "originPvcName": "data"}
    return str(client.datavolumes.datavolumes.create_datavolume(body).data["id"])


def _create_access_rule(client: RunaiClient[ApiClient]) -> str:
    auth = client.authentication_and_authorization
    viewer = next(r["id"] for r in auth.roles.get_roles_v1().data if r["name"] == "Viewer")
    rule = {"subjectType": "user", "subjectId": "jane@example.com", "roleId": viewer}
    scope = {"scopeType": "project", "scopeId": _create_project(client)}
    return str(auth.access_rules.create_access_rule({**rule, **scope}).data["id"])


ReadyCase = Tuple[Callable[[RunaiClient[ApiClient]], str], str, str, type]
"""How to create one, the group, its delete method, the model ``wait_until_ready`` returns."""

GROUPS_WITH_A_READY_PHASE: Dict[str, ReadyCase] = {
    "projects": (_create_project, "organizations.projects", "delete_project", Project),
    "node pools": (_create_node_pool, "organizations.node_pools", "delete_nodepool", Nodepool),
    "datavolumes": (
        _create_datavolume,
        "datavolumes.datavolumes",
        "delete_datavolume",
        Datavolume,
    ),
    "access rules": (
        _create_access_rule,
        "authentication_and_authorization.access_rules",
        "delete_access_rule",
        AccessRuleById,
    ),
}


def _group(client: RunaiClient[ApiClient], dotted: str) -> Any:
    target: Any = client
    for name in dotted.split("."):
        target = getattr(target, name)
    return target


@pytest.mark.parametrize("kind", sorted(GROUPS_WITH_A_READY_PHASE))
def test_ready_after_creating_then_deleted(
    wait: Waiting, client: RunaiClient[ApiClient], clock: SimulatedClock, kind: str
) -> None:
    create, group, delete, model = GROUPS_WITH_A_READY_PHASE[kind]
    ident = create(client)
    seen, on_progress = recorder()
    ready = wait(
        f"{group}.wait_until_ready",
        ident,
        timeout=LONG,
        poll_interval=SLOW / 3,
        on_progress=on_progress,
        _clock=clock,
    )
    assert [(p.previous, p.phase) for p in seen] == [(None, "Creating"), ("Creating", "Ready")]
    assert clock.time >= SLOW  # it waited for the simulator to finish creating it
    assert str(ready.id) == ident
    assert (ready.phase if kind == "node pools" else ready.status.phase) == "Ready"
    assert isinstance(ready, model)
    getattr(_group(client, group), delete)(ident)
    assert wait(f"{group}.wait_until_deleted", ident, timeout=LONG, _clock=clock) is None


def test_ready_times_out_while_still_creating(
    wait: Waiting, client: RunaiClient[ApiClient], clock: SimulatedClock
) -> None:
    pool = _create_node_pool(client)
    with pytest.raises(WaitTimeoutError) as caught:
        wait(
            "organizations.node_pools.wait_until_ready",
            pool,
            timeout=SLOW / 2,
            poll_interval=SLOW / 8,
            _clock=clock,
        )
    assert caught.value.last_phase == "Creating"


def test_asset_wait_until_deleted(
    wait: Waiting, client: RunaiClient[ApiClient], clock: SimulatedClock
) -> None:
    nfs = client.workload_assets.nfs
    body = {"meta": {"name": "shared", "scope": "tenant"}, "spec": {"server": "nfs", "path": "/d"}}
    asset_id = str(nfs.create_nfs_asset(body).data["meta"]["id"])
    with pytest.raises(WaitTimeoutError):  # it still exists: the waiter keeps polling it
        wait(
            "workload_assets.nfs.wait_until_deleted",
            asset_id,
            timeout=SLOW,
            poll_interval=SLOW / 4,
            _clock=clock,
        )
    nfs.delete_nfs_asset_by_id(asset_id)
    assert wait("workload_assets.nfs.wait_until_deleted", asset_id, _clock=clock) is None
    with pytest.raises(NotFoundException):
        nfs.get_nfs_asset_by_id(asset_id)


def test_polls_go_through_the_retry_policy(
    wait: Waiting, client: RunaiClient[ApiClient], plane: ControlPlane, clock: SimulatedClock
) -> None:
    workload_id = submit_training(client)
    plane.faults.fail(503, times=2, method="GET", path="/api/v1/workloads/{workloadId}")
    workload = wait(
        "workloads.workloads.wait_until_running",
        workload_id,
        timeout=LONG,
        poll_interval=SLOW,
        _clock=clock,
    )
    assert workload.phase == "Running"
    assert plane.faults.pending == []  # both 503s were answered, and retried


def test_an_unknown_id_is_not_found_unless_waiting_for_deletion(
    wait: Waiting, clock: SimulatedClock
) -> None:
    unknown = str(uuid.uuid4())
    with pytest.raises(NotFoundException):
        wait("workloads.workloads.wait_until_running", unknown, _clock=clock)
    assert wait("workloads.workloads.wait_until_deleted", unknown, _clock=clock) is None
    assert clock.pauses == []


@pytest.mark.parametrize(
    ("arguments", "named"),
    [({"timeout": -1}, "timeout=-1"), ({"poll_interval": 0}, "poll_interval=0")],
)
def test_bad_arguments_are_refused_before_any_request(
    client: RunaiClient[ApiClient], arguments: Dict[str, Any], named: str
) -> None:
    with pytest.raises(ApiValueError) as caught:
        client.workloads.workloads.wait_until_running("w", **arguments)
    assert named in str(caught.value)


def test_each_phase_change_is_logged(
    client: RunaiClient[ApiClient], clock: SimulatedClock, caplog: pytest.LogCaptureFixture
) -> None:
    workload_id = submit_training(client)
    with caplog.at_level(logging.INFO, logger="runai"):
        client.workloads.workloads.wait_until_running(
            workload_id, timeout=LONG, poll_interval=SLOW, _clock=clock
        )
    logged = [r.getMessage() for r in caplog.records if r.name == "runai"]
    assert any(f"workload {workload_id}: Creating -> Pending" in m for m in logged)
    assert any(f"workload {workload_id}: Pending -> Running" in m for m in logged)
