"""Pytest plugin (entry point ``pytest11``): control-plane fixtures for users' test suites."""

from __future__ import annotations

from typing import Any, Callable, Iterator, List

import pytest

from runai_testing.control_plane import ControlPlane


@pytest.fixture
def runai_control_plane_factory() -> Iterator[Callable[..., ControlPlane]]:
    """``factory(**options)`` starts a ``ControlPlane(**options)`` (e.g. ``spec_version="2.19"``,
    ``phase_delay=0``); every one started is stopped after the test."""
    started: List[ControlPlane] = []

    def factory(*args: Any, **options: Any) -> ControlPlane:
        plane = ControlPlane(*args, **options).start()
        started.append(plane)
        return plane

    yield factory
    for plane in started:
        plane.stop()


@pytest.fixture
def runai_control_plane(
    runai_control_plane_factory: Callable[..., ControlPlane],
) -> ControlPlane:
    """A started simulator (spec 2.24, fresh state, random credentials) for one test."""
    return runai_control_plane_factory()
