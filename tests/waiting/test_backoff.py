"""How long a waiter pauses: grows while nothing changes, starts over on a change, jittered,
never past the deadline. The pauses are read from the injected clock, never measured."""

from __future__ import annotations

import pytest
from runai.api_client import ApiClient
from runai.exceptions import WaitTimeoutError
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .conftest import SLOW, SimulatedClock, submit_training


def test_pauses_grow_while_the_phase_stays_and_stop_at_the_deadline(
    client: RunaiClient[ApiClient], plane: ControlPlane
) -> None:
    workload_id = submit_training(client)
    plane.set_workload_phases(workload_id, [("Pending", None)])
    clock = SimulatedClock(plane)
    with pytest.raises(WaitTimeoutError):
        client.workloads.workloads.wait_until_running(
            workload_id, timeout=100, poll_interval=10, _clock=clock
        )
    assert clock.pauses == pytest.approx([10, 15, 22.5, 30, 22.5])


def test_a_phase_change_starts_the_pauses_over(
    client: RunaiClient[ApiClient], plane: ControlPlane
) -> None:
    workload_id = submit_training(client)
    plane.set_workload_phases(workload_id, [("Pending", 40), ("Initializing", None)])
    clock = SimulatedClock(plane)
    with pytest.raises(WaitTimeoutError) as caught:
        client.workloads.workloads.wait_until_running(
            workload_id, timeout=80, poll_interval=10, _clock=clock
        )
    assert caught.value.last_phase == "Initializing"
    # 10 + 15 + 22.5 = 47.5 > 40: the fourth poll sees Initializing, and pauses 10 again
    assert clock.pauses == pytest.approx([10, 15, 22.5, 10, 15, 7.5])


@pytest.mark.parametrize(("jitter", "first"), [(0.0, 8.0), (1.0, 12.0)])
def test_pauses_are_jittered_by_a_fifth(
    client: RunaiClient[ApiClient], plane: ControlPlane, jitter: float, first: float
) -> None:
    workload_id = submit_training(client)
    plane.set_workload_phases(workload_id, [("Pending", None)])
    clock = SimulatedClock(plane, jitter=jitter)
    with pytest.raises(WaitTimeoutError):
        client.workloads.workloads.wait_until_running(
            workload_id, timeout=SLOW, poll_interval=10, _clock=clock
        )
    assert clock.pauses[0] == pytest.approx(first)
