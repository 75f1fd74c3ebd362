"""Workloads: submit, list, get, suspend, resume and delete, with phases that move on a clock.

A workload's phase is computed from a timeline (``[(phase, seconds), ...]``) started at its last
transition, so ``phase_delay`` controls how fast Creating → Pending → Running happens and
``Clock.advance`` can skip ahead without sleeping. :meth:`Workloads.script` replaces a timeline
(a workload that fails, one that stays Pending), for tests of code that waits on phases.
"""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any, Dict, List, Optional, Sequence, Tuple

from runai_testing.http import Response
from runai_testing.state.base import Call, World, duplicate, not_found
from runai_testing.state.crud import Routes, acknowledged, deleted_reply
from runai_testing.state.query import list_view
from runai_testing.synthesis import now_iso
from runai_testing.validation import InvalidRequest

WORKLOADS = "/api/v1/workloads"
# path segment -> the generic view's ``type``
TYPES = {
    "trainings": "Training",
    "workspaces": "Workspace",
    "inferences": "Inference",
    "distributed": "Distributed",
    "distributed-inferences": "DistributedInference",
}
SUSPENDABLE = ("trainings", "workspaces", "distributed")
FOREVER = float("inf")

Timeline = List[Tuple[str, float]]


class Workloads:
    def __init__(self, world: World) -> None:
        self.world = world

    @property
    def records(self) -> Dict[str, Dict[str, Any]]:
        return self.world.collection("workloads")

    # -- phases --------------------------------------------------------------------------

    def _start(self, record: Dict[str, Any], desired: str, timeline: Timeline) -> None:
        record["desiredPhase"] = desired
        record["timeline"] = timeline
        record["since"] = self.world.clock.now()
        record["phaseUpdatedAt"] = now_iso()
        record["phaseMessage"] = None

    def script(
        self,
        ident: str,
        phases: Sequence[Tuple[str, Optional[float]]],
        message: Optional[str] = None,
    ) -> None:
        """From now on, ``ident`` goes through ``phases`` (``(phase, seconds)`` each, the last
        one for good) and reports ``message`` as its ``phaseMessage``.

        Raises ``LookupError`` for an unknown workload, ``ValueError`` for a phase the
        simulated version's ``Phase`` enum lacks or a missing duration.
        """
        known = self._phase_values()
        timeline: Timeline = []
        for position, (phase, seconds) in enumerate(phases):
            if phase not in known:
                raise ValueError(f"phase {phase!r} is not one of {', '.join(known)}")
            last = position == len(phases) - 1
            if seconds is None and not last:
                raise ValueError(f"phase {phase!r}: only the last phase may last for good")
            timeline.append((phase, FOREVER if last else float(seconds or 0)))
        if not timeline:
            raise ValueError("phases: give at least one (phase, seconds) pair")
        with self.world.lock:
            record = self._live(ident)
            if record is None:
                raise LookupError(f"workload {ident} not found")
            self._start(record, record["desiredPhase"], timeline)
            record["phaseMessage"] = message

    def _phase_values(self) -> Tuple[str, ...]:
        schemas = self.world.rules.document.data.get("components", {}).get("schemas", {})
        return tuple(str(v) for v in schemas.get("Phase", {}).get("enum", ()))

    def phase(self, record: Dict[str, Any]) -> Optional[str]:
        """The current phase; ``None`` once a deletion has completed."""
        elapsed = self.world.clock.now() - record["since"]
        for phase, duration in record["timeline"]:
            if elapsed < duration:
                return str(phase)
            elapsed -= duration
        return None

    def _live(self, ident: str, segment: Optional[str] = None) -> Optional[Dict[str, Any]]:
        record = self.records.get(ident)
        if record is None:
            return None
        if self.phase(record) is None:
            del self.records[ident]
            return None
        if segment is not None and record["segment"] != segment:
            return None
        return record

    # -- views ---------------------------------------------------------------------------

    def generic_view(self, record: Dict[str, Any], detailed: bool = False) -> Dict[str, Any]:
        """The workload as ``GET /workloads`` lists it, or (``detailed``) as
        ``GET /workloads/{workloadId}`` answers it."""
        phase = self.phase(record)
        running = 1 if phase == "Running" else 0
        fields: Dict[str, Any] = {
            "id": record["id"],
            "name": record["name"],
            "type": TYPES[record["segment"]],
            "category": "Train" if record["segment"] == "trainings" else "Build",
            "source": "Control-plane",
            "projectId": record["projectId"],
            "projectName": record["projectName"],
            "departmentId": record["departmentId"],
            "departmentName": record["departmentName"],
            "clusterId": record["clusterId"],
            "namespace": f"runai-{record['projectName']}",
            "createdAt": record["createdAt"],
            "updatedAt": record["phaseUpdatedAt"],
            "phase": phase,
            "phaseUpdatedAt": record["phaseUpdatedAt"],
            "k8sPhase": phase,
            "k8sPhaseUpdatedAt": record["phaseUpdatedAt"],
            "runningPods": running,
            "requestedPods": {"number": 1},
            "conditions": [],
            "deletedAt": None,
        }
        if record.get("phaseMessage") is not None:
            fields["phaseMessage"] = record["phaseMessage"]
        if detailed:
            schema = self.world.schema("GET", f"{WORKLOADS}/{{workloadId}}")
            return self.world.build(schema, fields)
        view: Dict[str, Any] = self.world.build_item(
            self.world.schema("GET", WORKLOADS), "workloads", fields
        )
        return view

    def typed_view(self, record: Dict[str, Any]) -> Dict[str, Any]:
        schema = self.world.schema("GET", f"{WORKLOADS}/{record['segment']}/{{workloadId}}")
        return self.world.build(
            schema,
            {k: v for k, v in record["request"].items() if k != "useGivenNameAsPrefix"},
            {
                "name": record["name"],
                "requestedName": record["requestedName"],
                "workloadId": record["id"],
                "projectId": record["projectId"],
                "departmentId": record["departmentId"],
                "clusterId": record["clusterId"],
                "createdBy": "runai-testing",
                "createdAt": record["createdAt"],
                "desiredPhase": record["desiredPhase"],
                "actualPhase": self.phase(record),
            },
        )

    # -- handlers ------------------------------------------------------------------------

    def register(self, routes: Routes) -> None:
        routes[("GET", WORKLOADS)] = self.list
        routes[("GET", f"{WORKLOADS}/count")] = self.count
        routes[("GET", f"{WORKLOADS}/{{workloadId}}")] = self.get_generic
        for segment in TYPES:
            base = f"{WORKLOADS}/{segment}"
            item = f"{base}/{{workloadId}}"
            routes[("POST", base)] = partial(self.create, segment)
            routes[("GET", item)] = partial(self.get_typed, segment)
            routes[("DELETE", item)] = partial(self.delete, segment)
        for segment in SUSPENDABLE:
            item = f"{WORKLOADS}/{segment}/{{workloadId}}"
            routes[("POST", f"{item}/suspend")] = partial(self.suspend, segment)
            routes[("POST", f"{item}/resume")] = partial(self.resume, segment)

    def _views(self) -> List[Dict[str, Any]]:
        with self.world.lock:
            live = [self._live(ident) for ident in list(self.records)]
            return [self.generic_view(r) for r in live if r is not None]

    def list(self, call: Call) -> Response:
        paging = call.op.paging
        if paging is not None:
            everything = {**call.params, "offset": None, "limit": None}
            matching, _, _ = list_view(self._views(), everything)
            return call.reply(paging.answer(matching, call.params, call.page_size))
        page, next_offset, _ = list_view(self._views(), call.params, call.page_size)
        payload: Dict[str, Any] = {"workloads": page}
        if next_offset is not None:
            payload["next"] = next_offset
        return call.reply(payload)

    def count(self, call: Call) -> Response:
        _, _, total = list_view(self._views(), {**call.params, "offset": None, "limit": None})
        return call.reply({"count": total})

    def get_generic(self, call: Call) -> Response:
        ident = str(call.params["workloadId"])
        with self.world.lock:
            record = self._live(ident)
            if record is None:
                return not_found("workload", ident)
            return call.reply(self.generic_view(record, detailed=True))

    def get_typed(self, segment: str, call: Call) -> Response:
        ident = str(call.params["workloadId"])
        with self.world.lock:
            record = self._live(ident, segment)
            if record is None:
                return not_found(TYPES[segment].lower(), ident)
            return call.reply(self.typed_view(record))

    def create(self, segment: str, call: Call) -> Response:
        body = call.body if isinstance(call.body, dict) else {}
        with self.world.lock:
            project = self.world.collection("projects").get(str(body.get("projectId")))
            if project is None:
                raise InvalidRequest(f"projectId: project {body.get('projectId')} does not exist")
            if str(body.get("clusterId")) != str(project.get("clusterId")):
                where = body.get("clusterId")
                raise InvalidRequest(f"clusterId: project {project['name']} is not in {where}")
            name = str(body.get("name"))
            requested = name
            if body.get("useGivenNameAsPrefix"):
                name = f"{name}-{uuid.uuid4().hex[:5]}"
            for other in list(self.records):
                live = self._live(other)
                if live and live["name"] == name and live["projectId"] == project["id"]:
                    refusal = duplicate(call, "workload", name)
                    if refusal is not None:
                        return refusal
            department = self.world.collection("departments").get(str(project.get("parentId")))
            record: Dict[str, Any] = {
                "id": str(uuid.uuid4()),
                "segment": segment,
                "name": name,
                "requestedName": requested,
                "request": body,
                "projectId": project["id"],
                "projectName": project["name"],
                "departmentId": project.get("parentId"),
                "departmentName": department["name"] if department else None,
                "clusterId": project["clusterId"],
                "createdAt": now_iso(),
            }
            delay = self.world.phase_delay
            self._start(record, "Running", [("Creating", delay), ("Pending", delay)])
            record["timeline"].append(("Running", FOREVER))
            self.records[record["id"]] = record
            return call.reply(self.typed_view(record))

    def _transition(self, segment: str, call: Call, desired: str, timeline: Timeline) -> Response:
        ident = str(call.params["workloadId"])
        with self.world.lock:
            record = self._live(ident, segment)
            if record is None:
                return not_found(TYPES[segment].lower(), ident)
            self._start(record, desired, timeline)
        return acknowledged(self.world, call, f"{TYPES[segment].lower()} {ident} is {desired}")

    def suspend(self, segment: str, call: Call) -> Response:
        timeline = [("Stopping", self.world.phase_delay), ("Stopped", FOREVER)]
        return self._transition(segment, call, "Stopped", timeline)

    def resume(self, segment: str, call: Call) -> Response:
        delay = self.world.phase_delay
        timeline = [("Resuming", delay), ("Pending", delay), ("Running", FOREVER)]
        return self._transition(segment, call, "Running", timeline)

    def delete(self, segment: str, call: Call) -> Response:
        answer = self._transition(segment, call, "Deleted", [("Deleting", self.world.phase_delay)])
        if answer.status >= 400:
            return answer
        return deleted_reply(self.world, call, "workload")


def register(world: World, routes: Routes) -> None:
    Workloads(world).register(routes)
