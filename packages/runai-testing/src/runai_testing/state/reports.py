"""Reports: produced asynchronously after their 202, as in Run:ai.

A new report is ``Pending`` for ``phase_delay`` seconds, then ``Processing`` for as long, then
``Ready`` for good, on the world's clock (``ControlPlane.advance`` skips ahead). Control planes
without reports (2.18) never route to these handlers.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple

from runai_testing.state.base import Call, World
from runai_testing.state.crud import Crud, CrudSpec, Prepared, Routes
from runai_testing.state.query import list_view
from runai_testing.synthesis import now_iso

REPORTS = "/api/v1/org-unit/reports"
STATUS_MESSAGES = {
    "Pending": "Report in queue",
    "Processing": "Report in progress",
    "Ready": "Report ready",
}


def _new_report(world: World, call: Call) -> Prepared:
    return {
        "id": world.new_id(REPORTS, "reports"),
        "tenantId": 1,
        "createdBy": "runai-testing",
        "status": "Pending",
        "statusMessage": STATUS_MESSAGES["Pending"],
        "statusUpdatedAt": now_iso(),
    }


SPEC = CrudSpec("report", "reports", REPORTS, "reportId", "id", "reports", (), _new_report)


class Reports(Crud):
    @property
    def started(self) -> Dict[str, Dict[str, Any]]:
        """When each report was requested, on the world's clock: ``{"at": seconds}`` by id."""
        return self.world.collection("report-clocks")

    def created(self, obj: Dict[str, Any]) -> None:
        self.started[str(obj["id"])] = {"at": self.world.clock.now()}

    def current(self, report: Dict[str, Any]) -> Dict[str, Any]:
        """The report with the status it has now."""
        started = self.started.get(str(report["id"]), {}).get("at", self.world.clock.now())
        elapsed = self.world.clock.now() - float(started)
        delay = self.world.phase_delay
        status = "Pending" if elapsed < delay else "Processing" if elapsed < 2 * delay else "Ready"
        return {**report, "status": status, "statusMessage": STATUS_MESSAGES[status]}

    def shown(self, call: Call, obj: Dict[str, Any]) -> Dict[str, Any]:
        return super().shown(call, self.current(obj))

    def view(
        self, params: Mapping[str, Any], page_size: Optional[int]
    ) -> Tuple[List[Dict[str, Any]], Optional[int], int]:
        with self.world.lock:
            reports = [self.current(report) for report in self.objects.values()]
        return list_view(reports, params, page_size, self.spec.search_fields, self.spec.aliases)


def register(world: World, routes: Routes) -> None:
    Reports(world, SPEC).register(routes)
