"""Collections whose new objects are ``Creating`` for a while, then ``Ready``.

A real control plane answers a create before the cluster has applied it: projects, node pools,
data volumes and access rules show ``Creating`` first. Here they become ``Ready`` once
``phase_delay`` has passed on the world's clock (``ControlPlane.advance`` skips ahead), so code
that waits with ``wait_until_ready`` has something to wait for.
"""

from __future__ import annotations

from typing import Any, Dict, Tuple

from runai_testing.state.base import World
from runai_testing.state.crud import Crud, CrudSpec

CREATING = "Creating"
READY = "Ready"


def phase_at(obj: Dict[str, Any], path: Tuple[str, ...]) -> Any:
    value: Any = obj
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def set_phase(obj: Dict[str, Any], path: Tuple[str, ...], phase: str) -> None:
    holder = obj
    for key in path[:-1]:
        holder = holder.setdefault(key, {})
    holder[path[-1]] = phase


class Settling(Crud):
    """A :class:`Crud` whose objects inserted ``Creating`` (at ``phase_path``) turn ``Ready``
    ``phase_delay`` seconds later; every read of the collection sees the phase of the moment."""

    def __init__(self, world: World, spec: CrudSpec, phase_path: Tuple[str, ...]) -> None:
        super().__init__(world, spec)
        self.phase_path = phase_path

    @property
    def objects(self) -> Dict[str, Dict[str, Any]]:
        objects = self.world.collection(self.spec.collection)
        now = self.world.clock.now()
        with self.world.lock:
            for ident, ready_at in list(self.world.ready_at.get(self.spec.collection, {}).items()):
                obj = objects.get(ident)
                if obj is not None and now >= ready_at:
                    set_phase(obj, self.phase_path, READY)
                if obj is None or now >= ready_at:
                    del self.world.ready_at[self.spec.collection][ident]
        return objects

    def insert(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        inserted = super().insert(obj)
        if phase_at(obj, self.phase_path) == CREATING:
            pending = self.world.ready_at.setdefault(self.spec.collection, {})
            pending[str(obj[self.spec.id_field])] = self.world.clock.now() + self.world.phase_delay
        return inserted
