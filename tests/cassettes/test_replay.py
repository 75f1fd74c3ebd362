"""The sync, threaded and async clients replay recorded conversations with the simulator.

Without a server, each scenario must produce exactly the recorded requests (method, URI with
query, body, Content-Type and Accept) and use every recorded answer, so a change to what goes
on the wire fails here. ``hatch run record-cassettes`` records them again.
"""

from __future__ import annotations

import contextlib
from typing import Awaitable, Callable, Dict, Iterator

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .recording import (
    CASSETTES,
    CLIENT_ID,
    RECORDER,
    RECORDING,
    RECORDING_SECRET,
    REPLAY_SECRET,
    REPLAY_URL,
)
from .scenarios import SCENARIOS, Client, Scenario, done


async def play(scenario: Scenario, client: RunaiClient[Client]) -> None:
    """Plays ``scenario``, then closes the client (awaiting the async client's close)."""
    async with client:
        await scenario(client, done)


CLIENTS: Dict[str, Callable[[Scenario, Configuration], Awaitable[None]]] = {
    "sync": lambda scenario, config: play(scenario, RunaiClient(ApiClient(config))),
    "threaded": lambda scenario, config: play(scenario, RunaiClient(ThreadedApiClient(config))),
    "async": lambda scenario, config: play(scenario, RunaiClient(AsyncApiClient(config))),
}


@contextlib.contextmanager
def target() -> Iterator[Configuration]:
    """A fresh simulator while recording; the recorded host otherwise."""
    if not RECORDING:
        yield configuration(REPLAY_SECRET, REPLAY_URL)
        return
    with ControlPlane(CLIENT_ID, RECORDING_SECRET, phase_delay=0.05) as plane:
        yield configuration(RECORDING_SECRET, plane.url)


def configuration(secret: str, url: str) -> Configuration:
    return Configuration(
        client_id=CLIENT_ID, client_secret=secret, runai_base_url=url, retry_backoff_factor=0.01
    )


def cassette_name(scenario: Scenario, kind: str) -> str:
    return f"{scenario.__name__}-{kind}.yaml"


@pytest.mark.parametrize("kind", list(CLIENTS))
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
async def test_client_replays_scenario(scenario: Scenario, kind: str) -> None:
    name = cassette_name(scenario, kind)
    if RECORDING:
        (CASSETTES / name).unlink(missing_ok=True)
    with target() as config, RECORDER.use_cassette(name) as cassette:
        await CLIENTS[kind](scenario, config)
    if not RECORDING:
        assert cassette.all_played, f"{name}: recorded requests were not made"
    assert cassette.requests[0].path == "/api/v1/token"


def test_every_cassette_belongs_to_a_scenario() -> None:
    expected = {cassette_name(s, kind) for s in SCENARIOS for kind in CLIENTS}
    assert {p.name for p in CASSETTES.glob("*.yaml")} == expected
