"""Fixtures of the waiter tests: a simulator whose phases move only when the waiter sleeps."""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.runai_client import RunaiClient
from runai.waiting import Clock, Progress
from runai_testing import ControlPlane

from tests.simulator.helpers import cluster_id, config_for

SLOW = 3600.0
"""Seconds a workload stays in each transitional phase: the wall clock never gets there."""
CLIENT_KINDS = ("sync", "threaded", "async")


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
    with RunaiClient(ApiClient(config_for(plane))) as made:
        yield made


@pytest.fixture
def clock(plane: ControlPlane) -> SimulatedClock:
    return SimulatedClock(plane)


Waiting = Callable[..., Any]


@pytest.fixture(params=CLIENT_KINDS)
def wait(request: pytest.FixtureRequest, plane: ControlPlane) -> Waiting:
    """``wait("workloads.workloads.wait_until_running", id, **kwargs)`` through a fresh client of
    the parametrised kind; the threaded future and the async coroutine are resolved here."""
    kind = str(request.param)
    config = config_for(plane)

    def method(client: RunaiClient[Any], dotted: str) -> Any:
        target: Any = client
        for name in dotted.split("."):
            target = getattr(target, name)
        return target

    def call(dotted: str, *args: Any, **kwargs: Any) -> Any:
        if kind == "sync":
            with RunaiClient(ApiClient(config)) as sync:
                return method(sync, dotted)(*args, **kwargs)
        if kind == "threaded":
            with RunaiClient(ThreadedApiClient(config)) as threaded:
                return method(threaded, dotted)(*args, **kwargs).result(timeout=120)

        async def run() -> Any:
            async with AsyncApiClient(config) as api:
                return await method(RunaiClient(api), dotted)(*args, **kwargs)

        return asyncio.run(run())

    return call


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
