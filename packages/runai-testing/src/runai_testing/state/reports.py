"""Reports: produced asynchronously after their 202, as in Run:ai.

A new report is ``Pending`` for ``phase_delay`` seconds, then ``Processing`` for as long, then
``Ready`` for good, on the world's clock (``ControlPlane.advance`` skips ahead), as a
:class:`~runai_testing.state.phases.Settling` collection. Control planes without reports (2.18)
never route to these handlers.
"""

from __future__ import annotations

from typing import Any, Dict

from runai_testing.state.base import Call, World
from runai_testing.state.crud import CrudSpec, Prepared, Routes
from runai_testing.state.phases import Settling
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


class Reports(Settling):
    def entered(self, obj: Dict[str, Any], phase: str) -> None:
        obj["statusMessage"] = STATUS_MESSAGES[phase]


def register(world: World, routes: Routes) -> None:
    Reports(world, SPEC, ("status",), ("Pending", "Processing", "Ready")).register(routes)
