"""The stateful part of the simulator: what users script most keeps its data between calls."""

from __future__ import annotations

from runai_testing.state import (
    access,
    assets,
    datavolumes,
    orgunits,
    reports,
    roles,
    users,
    workloads,
)
from runai_testing.state.base import World
from runai_testing.state.crud import Routes


def stateful_routes(world: World) -> Routes:
    """Handlers by ``(METHOD, path template)`` for every operation that has state."""
    routes: Routes = {}
    for module in (orgunits, workloads, assets, roles, access, users, datavolumes, reports):
        module.register(world, routes)
    return routes


def seed(world: World, tenant_data: bool) -> None:
    """The predefined roles, which every tenant has; with ``tenant_data`` also the cluster, node
    pool and department of a fresh tenant."""
    roles.seed(world)
    if tenant_data:
        orgunits.seed(world)
