"""The stateful part of the simulator: what users script most keeps its data between calls."""

from __future__ import annotations

from runai_testing.state import assets, orgunits, workloads
from runai_testing.state.base import World
from runai_testing.state.crud import Routes


def stateful_routes(world: World) -> Routes:
    """Handlers by ``(METHOD, path template)`` for every operation that has state."""
    routes: Routes = {}
    for module in (orgunits, workloads, assets):
        module.register(world, routes)
    return routes
