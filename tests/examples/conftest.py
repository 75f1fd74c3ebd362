"""Fixtures of the example tests: a simulator, a client to read its state, and a runner that
executes an example script in a subprocess, as a user would, against that simulator."""

from __future__ import annotations

from typing import Iterator

import pytest
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .runner import RunExample, example_env, run_script


@pytest.fixture
def plane() -> Iterator[ControlPlane]:
    with ControlPlane(phase_delay=0.05) as control_plane:
        yield control_plane


@pytest.fixture
def client(plane: ControlPlane) -> Iterator[RunaiClient[ApiClient]]:
    config = Configuration(
        client_id=plane.client_id, client_secret=plane.client_secret, runai_base_url=plane.url
    )
    with RunaiClient(ApiClient(config)) as runai:
        yield runai


@pytest.fixture
def run_example(plane: ControlPlane) -> RunExample:
    """``run_example(name, *args, expect_rc=0, **env)`` against ``plane``."""

    def run(name: str, *args: str, expect_rc: int = 0, **env: str) -> str:
        return run_script(name, *args, env=example_env(plane, **env), expect_rc=expect_rc)

    return run
