"""Fixtures of the simulator tests: a running ControlPlane, clients for it, raw HTTP to it."""

from __future__ import annotations

from typing import Any, Iterator, List

import pytest
from runai.api_client import ApiClient
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .helpers import MakeClient, Raw, config_for

FAST_PHASES = 0.05


@pytest.fixture
def plane() -> Iterator[ControlPlane]:
    with ControlPlane(phase_delay=FAST_PHASES) as control_plane:
        yield control_plane


@pytest.fixture
def make_client() -> Iterator[MakeClient]:
    """``make_client(plane, **configuration)`` -> a RunaiClient over a sync ApiClient."""
    made: List[RunaiClient[ApiClient]] = []

    def factory(target: ControlPlane, **overrides: Any) -> RunaiClient[ApiClient]:
        client = RunaiClient(ApiClient(config_for(target, **overrides)))
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()


@pytest.fixture
def client(plane: ControlPlane, make_client: MakeClient) -> RunaiClient[ApiClient]:
    return make_client(plane)


@pytest.fixture
def raw(plane: ControlPlane) -> Iterator[Raw]:
    helper = Raw.to(plane)
    yield helper
    helper.http.clear()
