"""Waiters as data, derived from the spec's phase enums (as botocore declares waiters).

A group gets waiters for each resource it can fetch by id (``GET .../{id}``, JSON answer):

- ``wait_until_<target>`` for every target of the lifecycle of the phase enum found in the
  answer (``Phase`` at ``phase`` or ``actualPhase``, ``ProjectPhase`` at ``status.phase``,
  ``ReportStatus`` at ``status``...);
- ``wait_until_deleted`` when that lifecycle has a ``Deleting`` phase, or when the resource's
  DELETE answers 202 (the deletion finishes later, so it has to be polled).

A group with several such resources (Credentials) names them: ``wait_until_password_deleted``.
The spec does not say which phases are final (SPEC-NOTES §7): :data:`LIFECYCLES` does. A
target's success phases must be values of the enum, so a renamed phase fails generation instead
of making a waiter that never ends; failure phases an older spec lacks (ProjectPhase ``Deleted``
before 2.20) are left out. Phases it does not name keep the waiter polling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from .naming import underscore
from .operations import Operation, Param
from .spec import ref_name
from .view import WaiterView

MESSAGE_FIELDS = ("phaseMessage", "statusMessage", "message")
"""Sibling fields of a phase that carry the control plane's explanation, in order of preference."""
PHASE_DEPTH = 2
"""How deep in an answer a phase may sit: ``phase`` or ``status.phase``."""


@dataclass(frozen=True)
class Target:
    """A phase a caller can wait for: done in ``success``, hopeless in ``failure``."""

    name: str
    success: FrozenSet[str]
    failure: FrozenSet[str]


@dataclass(frozen=True)
class Lifecycle:
    """What the values of one phase enum mean; ``deletion_failure`` ends a deletion wait."""

    targets: Tuple[Target, ...] = ()
    deletion_failure: FrozenSet[str] = frozenset()


_WORKLOAD_GONE = frozenset({"Deleting", "Terminating"})
_READY = Target("ready", frozenset({"Ready"}), frozenset({"Deleting", "Deleted"}))

LIFECYCLES: Dict[str, Lifecycle] = {
    "Phase": Lifecycle(
        (
            # A training may finish between two polls: Completed means it did run.
            Target(
                "running",
                frozenset({"Running", "Completed"}),
                frozenset({"Failed", "Stopped", "Degraded"}) | _WORKLOAD_GONE,
            ),
            Target(
                "completed",
                frozenset({"Completed"}),
                frozenset({"Failed", "Stopped"}) | _WORKLOAD_GONE,
            ),
            Target(
                "stopped",
                frozenset({"Stopped"}),
                frozenset({"Failed", "Completed"}) | _WORKLOAD_GONE,
            ),
        )
    ),
    "ProjectPhase": Lifecycle((_READY,)),
    "NodepoolPhase": Lifecycle((_READY,)),
    "DatavolumePhase": Lifecycle((Target("ready", frozenset({"Ready"}), frozenset({"Deleting"})),)),
    "AccessRulePhase": Lifecycle((Target("ready", frozenset({"Ready"}), frozenset({"Deleting"})),)),
    # A report is produced asynchronously after its 202: Pending, Processing, then Ready.
    "ReportStatus": Lifecycle((Target("ready", frozenset({"Ready"}), frozenset({"Failed"})),)),
    "AssetSyncStatusEnum": Lifecycle(deletion_failure=frozenset({"Deletion failed"})),
}
"""Phase enums by schema name. ``AssetSyncStatusEnum`` is not a phase (assets have none) but
tells a deletion that failed."""


@dataclass(frozen=True)
class PhaseField:
    enum: str
    values: Tuple[str, ...]
    path: Tuple[str, ...]
    message_path: Tuple[str, ...]


@dataclass(frozen=True)
class WaiterSpec:
    """One generated ``wait_until_*`` method."""

    method: str
    resource: str
    operation: Operation
    id_param: Param
    phase_path: Tuple[str, ...]
    message_path: Tuple[str, ...]
    success: Tuple[str, ...]
    failure: Tuple[str, ...]
    waiting: Tuple[str, ...]
    until_deleted: bool

    @property
    def constant(self) -> str:
        return "_" + self.method.upper()


def derive_waiters(ops: List[Operation], schemas: Dict[str, Dict[str, Any]]) -> List[WaiterSpec]:
    """The waiters of one group (``ops`` in spec order); names never clash with ``ops``."""
    fetches = [(op, _resource_segment(op)) for op in ops if _fetches_one(op)]
    fetches = [(op, segment) for op, segment in fetches if segment is not None]
    found = []
    for op, segment in fetches:
        phase = _phase_field(op, schemas)
        lifecycle = LIFECYCLES.get(phase.enum, Lifecycle()) if phase else Lifecycle()
        deletion = _async_delete(op) or (phase is not None and "Deleting" in phase.values)
        if lifecycle.targets or deletion:
            found.append((op, str(segment), phase, lifecycle, deletion))
    taken = {op.name for op in ops}
    waiters: List[WaiterSpec] = []
    for op, segment, phase, lifecycle, deletion in found:
        resource = _singular(segment).replace("-", " ")
        infix = "" if len(found) == 1 else underscore(_singular(segment)) + "_"
        values = phase.values if phase else ()
        targets = list(lifecycle.targets)
        if deletion:
            targets.append(Target("deleted", frozenset(), lifecycle.deletion_failure))
        for target in targets:
            if target.success and not target.success & set(values):
                raise SystemExit(
                    f"{op.raw.operation_id}: none of {sorted(target.success)} is a value of "
                    f"{phase.enum if phase else 'its phase'}; update waiters.LIFECYCLES"
                )
            method = f"wait_until_{infix}{target.name}"
            if method in taken:
                raise SystemExit(f"{op.raw.operation_id}: waiter {method} clashes with a method")
            taken.add(method)
            waiters.append(
                WaiterSpec(
                    method=method,
                    resource=resource,
                    operation=op,
                    id_param=next(p for p in op.params if p.location == "path"),
                    phase_path=phase.path if phase else (),
                    message_path=phase.message_path if phase else (),
                    success=tuple(v for v in values if v in target.success),
                    failure=tuple(v for v in values if v in target.failure),
                    waiting=tuple(v for v in values if v not in target.success | target.failure),
                    until_deleted=target.name == "deleted",
                )
            )
    return waiters


def _fetches_one(op: Operation) -> bool:
    """``GET .../{id}`` with a JSON model answer and no other required parameter."""
    if op.raw.method != "get" or not re.search(r"/\{[^}/]+\}$", op.raw.path):
        return False
    required = [p for p in op.params if p.required]
    if len(required) != 1 or required[0].location != "path":
        return False
    return any(r.status == 200 and r.model for r in op.responses)


def _resource_segment(op: Operation) -> Optional[str]:
    """``/api/v1/node-pools/{nodepoolId}`` -> ``node-pools``."""
    parts = op.raw.path.rstrip("/").split("/")
    segment = parts[-2] if len(parts) >= 2 else ""
    return segment if segment and "{" not in segment else None


def _singular(segment: str) -> str:
    """``node-pools`` -> ``node-pool``; short names (``nfs``) are not plurals."""
    plural = len(segment) > 3 and segment.endswith("s") and not segment.endswith("ss")
    return segment[:-1] if plural else segment


def _async_delete(op: Operation) -> bool:
    delete = op.raw.path_item.get("delete")
    return delete is not None and "202" in (delete.get("responses") or {})


def _phase_field(op: Operation, schemas: Dict[str, Dict[str, Any]]) -> Optional[PhaseField]:
    model = next(r.model for r in op.responses if r.status == 200 and r.model)
    return _search(schemas, schemas.get(str(model), {}), (), frozenset())


def _properties(
    schemas: Dict[str, Dict[str, Any]], schema: Dict[str, Any], seen: FrozenSet[str]
) -> List[Tuple[str, Dict[str, Any], FrozenSet[str]]]:
    """Properties of an object schema, through ``$ref`` and ``allOf``, in spec order."""
    if "$ref" in schema:
        name = ref_name(schema)
        if name in seen:
            return []
        return _properties(schemas, schemas.get(name, {}), seen | {name})
    found = [(key, value, seen) for key, value in (schema.get("properties") or {}).items()]
    for member in schema.get("allOf") or []:
        found += _properties(schemas, member, seen)
    return found


def _search(
    schemas: Dict[str, Dict[str, Any]],
    schema: Dict[str, Any],
    path: Tuple[str, ...],
    seen: FrozenSet[str],
) -> Optional[PhaseField]:
    """The first property (breadth first) whose schema is a known phase enum."""
    props = _properties(schemas, schema, seen)
    names = [key for key, _, _ in props]
    for key, value, _ in props:
        enum = ref_name(value) if "$ref" in value else None
        if enum in LIFECYCLES:
            values = tuple(str(v) for v in schemas[enum].get("enum") or ())
            message = next((m for m in MESSAGE_FIELDS if m in names), None)
            message_path = (*path, message) if message else ()
            return PhaseField(enum, values, (*path, key), message_path)
    if len(path) + 1 >= PHASE_DEPTH:
        return None
    for key, value, inner_seen in props:
        found = _search(schemas, value, (*path, key), inner_seen)
        if found is not None:
            return found
    return None


def waiter_view(w: WaiterSpec, class_names: Dict[str, str]) -> WaiterView:
    """What ``templates/waiters.j2`` reads for one waiter."""
    model = next(r.model for r in w.operation.responses if r.status == 200 and r.model)
    return WaiterView(
        method=w.method,
        constant=w.constant,
        resource=w.resource,
        op_constant=w.operation.constant,
        id_wire=w.id_param.wire,
        id_name=w.id_param.name,
        id_type=w.id_param.type.code,
        phase_path=w.phase_path,
        message_path=w.message_path,
        success=w.success,
        failure=w.failure,
        waiting=w.waiting,
        until_deleted=w.until_deleted,
        returns="None" if w.until_deleted else class_names[str(model)],
        doc=_docstring(w),
    )


def _docstring(w: WaiterSpec) -> str:
    call = f"``{w.operation.raw.method.upper()} {w.operation.raw.path}``"
    where = f" (``{'.'.join(w.phase_path)}``)" if w.phase_path else ""
    if w.until_deleted:
        lines = [
            f"Wait until the {w.resource} is gone (404); return ``None``.",
            "",
            f"Polls {call}{where}, backing off from ``poll_interval`` with jitter.",
        ]
    else:
        lines = [
            f"Wait until the {w.resource} is {' or '.join(w.success)}; return it.",
            "",
            f"Polls {call}{where}, backing off from ``poll_interval`` with jitter.",
        ]
    if w.failure:
        lines.append(f"Raises ``WaitFailedError`` on {', '.join(w.failure)}.")
    lines += [
        "Raises ``WaitTimeoutError`` (a ``TimeoutError``) after ``timeout`` seconds.",
        "Each phase change is logged and passed to ``on_progress``.",
    ]
    text = "\n        ".join(line for line in lines).replace("\n        \n", "\n\n")
    return f'"""{text}\n        """'
