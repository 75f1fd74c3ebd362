"""Collections whose new objects go through phases on the world's clock before they settle.

A real control plane answers a create before the cluster has applied it: projects, node pools,
data volumes and access rules show ``Creating`` first, and a report is ``Pending``, then
``Processing``, before it is ``Ready``. Here each phase lasts ``phase_delay`` seconds of the
world's clock (``ControlPlane.advance`` skips ahead), so code that waits with
``wait_until_ready`` has something to wait for.
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
    """A :class:`Crud` whose objects inserted in ``phases[0]`` (at ``phase_path``) move to the
    next phase every ``phase_delay`` seconds and stay in the last; every read of the collection
    sees the phase of the moment."""

    def __init__(
        self,
        world: World,
        spec: CrudSpec,
        phase_path: Tuple[str, ...],
        phases: Tuple[str, ...] = (CREATING, READY),
    ) -> None:
        super().__init__(world, spec)
        self.phase_path = phase_path
        self.phases = phases

    def entered(self, obj: Dict[str, Any], phase: str) -> None:
        """What else changes when ``obj`` enters ``phase`` (nothing, unless overridden)."""

    @property
    def objects(self) -> Dict[str, Dict[str, Any]]:
        objects = self.world.collection(self.spec.collection)
        now = self.world.clock.now()
        delay = self.world.phase_delay
        last = len(self.phases) - 1
        with self.world.lock:
            settling = self.world.settling_since.get(self.spec.collection, {})
            for ident, since in list(settling.items()):
                step = sum(1 for k in range(1, last + 1) if now >= since + k * delay)
                obj = objects.get(ident)
                if obj is not None and phase_at(obj, self.phase_path) != self.phases[step]:
                    set_phase(obj, self.phase_path, self.phases[step])
                    self.entered(obj, self.phases[step])
                if obj is None or step == last:
                    del settling[ident]
        return objects

    def insert(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        inserted = super().insert(obj)
        if phase_at(obj, self.phase_path) == self.phases[0]:
            settling = self.world.settling_since.setdefault(self.spec.collection, {})
            settling[str(obj[self.spec.id_field])] = self.world.clock.now()
        return inserted
