"""Reports are produced asynchronously after their 202: ``wait_until_ready`` follows one from
Pending through Processing to Ready, for the three clients, on the simulator's virtual clock."""

from __future__ import annotations

from runai.api_client import ApiClient
from runai.runai_client import RunaiClient
from runai_organizations.models.report import Report

from .conftest import SLOW, SimulatedClock, Waiting, phases, recorder

GPU_REPORT = {
    "name": "2024 GPU report",
    "start": "2024-01-01T00:00:00Z",
    "end": "2024-12-31T23:59:59Z",
}


def test_wait_until_ready_follows_a_report_from_pending_to_ready(
    wait: Waiting, client: RunaiClient[ApiClient], clock: SimulatedClock
) -> None:
    accepted = client.organizations.reports.create_report(GPU_REPORT)
    assert accepted.status_code == 202 and accepted.data["status"] == "Pending"
    report_id = str(accepted.data["id"])
    seen, on_progress = recorder()
    report = wait(
        "organizations.reports.wait_until_ready",
        report_id,
        timeout=100 * SLOW,
        poll_interval=SLOW / 3,
        on_progress=on_progress,
        _clock=clock,
    )
    assert isinstance(report, Report)
    assert str(report.id) == report_id and report.status == "Ready"
    assert report.name == GPU_REPORT["name"]
    assert phases(seen) == [
        {"phase": "Pending", "previous": None, "deleted": False},
        {"phase": "Processing", "previous": "Pending", "deleted": False},
        {"phase": "Ready", "previous": "Processing", "deleted": False},
    ]
