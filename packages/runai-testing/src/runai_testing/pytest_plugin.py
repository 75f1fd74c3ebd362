"""Pytest plugin (entry point ``pytest11``): the ``runai_control_plane`` fixture."""

from __future__ import annotations

from typing import Iterator

import pytest

from runai_testing.control_plane import ControlPlane


@pytest.fixture
def runai_control_plane() -> Iterator[ControlPlane]:
    """A started simulator (spec 2.24, fresh state) for one test; stopped afterwards."""
    with ControlPlane() as control_plane:
        yield control_plane
