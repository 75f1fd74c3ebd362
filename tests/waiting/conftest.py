"""Fixtures of the waiter tests: a simulator whose phases move only when the waiter sleeps."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from runai.waiting import Clock, Progress
from runai_testing import ControlPlane
from support.helpers import KINDS, build_config, run_with_client

SLOW = 3600.0
"""Seconds a workload stays in each transitional phase: the wall clock never gets there."""


class SimulatedClock(Clock):
    """Virtual time: a sleep moves the simulator's clock by as much, and returns at once."""

    def __init__(self, plane: ControlPlane, jitter: float = 0.5) -> None:
        self.plane = plane
        self.time = 0.0
        self.fixed_jitter = jitter
        self.pauses: List[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.time += seconds
        self.plane.advance(seconds)

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def jitter(self) -> float:
        return self.fixed_jitter


@pytest.fixture
def plane() -> Iterator[ControlPlane]:
    with ControlPlane(phase_delay=SLOW) as control_plane:
        yield control_plane


@pytest.fixture
def client(plane: ControlPlane) -> Iterator[RunaiClient[ApiClient]]:
    with RunaiClient(ApiClient(sim_config(plane))) as made:
        yield made


@pytest.fixture
def clock(plane: ControlPlane) -> SimulatedClock:
    return SimulatedClock(plane)


Waiting = Callable[..., Any]


@pytest.fixture(params=KINDS)
def wait(request: pytest.FixtureRequest, plane: ControlPlane) -> Waiting:
    """``wait("workloads.workloads.wait_until_running", id, **kwargs)`` through a fresh client of
    the parametrised kind; the threaded future and the async coroutine are settled here."""
    config = sim_config(plane)

    def call(dotted: str, *args: Any, **kwargs: Any) -> Any:
        def start(api: Any) -> Any:
            target: Any = RunaiClient(api)
            for name in dotted.split("."):
                target = getattr(target, name)
            return target(*args, **kwargs)

        return run_with_client(str(request.param), config, start)

    return call


def sim_config(plane: ControlPlane) -> Configuration:
    config: Configuration = build_config(
        plane, client_id=plane.client_id, client_secret=plane.client_secret
    )
    return config


def cluster_id(client: RunaiClient[ApiClient]) -> str:
    return str(client.organizations.clusters.get_clusters().data[0]["uuid"])


def submit_training(client: RunaiClient[ApiClient], name: str = "train") -> str:
    cluster = cluster_id(client)
    project = client.organizations.projects.create_project(
        {"name": f"{name}-project", "clusterId": cluster, "resources": []}
    ).data
    body = {
        "name": name,
        "projectId": project["id"],
        "clusterId": cluster,
        "spec": {"image": "python:3.11"},
    }
    return str(client.workloads.trainings.create_training1(body).data["workloadId"])


def recorder() -> Tuple[List[Progress], Callable[[Progress], None]]:
    seen: List[Progress] = []
    return seen, seen.append


def phases(seen: List[Progress]) -> List[Dict[str, Any]]:
    return [{"phase": p.phase, "previous": p.previous, "deleted": p.deleted} for p in seen]
