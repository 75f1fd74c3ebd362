"""Reports: accepted with 202, then Pending, Processing and Ready on the simulator's clock."""

from __future__ import annotations

from typing import List

import pytest
from runai.api_client import ApiClient
from runai.exceptions import NotFoundException
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .helpers import config_for

DELAY = 3600.0
BODY = {"name": "gpu", "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}


def _statuses(client: RunaiClient[ApiClient], filter_by: List[str]) -> List[str]:
    listed = client.organizations.reports.list_reports(filter_by=filter_by).data["reports"]
    return [str(report["status"]) for report in listed]


def test_a_report_is_produced_on_the_clock_and_listed_with_its_status() -> None:
    with (
        ControlPlane(phase_delay=DELAY) as plane,
        RunaiClient(ApiClient(config_for(plane))) as client,
    ):
        reports = client.organizations.reports
        accepted = reports.create_report(BODY)
        assert accepted.status_code == 202 and accepted.data["status"] == "Pending"
        report_id = str(accepted.data["id"])
        seen = [reports.get_report_by_id(report_id).data["status"]]
        for _ in range(3):
            plane.advance(DELAY)
            seen.append(reports.get_report_by_id(report_id).data["status"])
        assert seen == ["Pending", "Processing", "Ready", "Ready"]
        assert reports.get_report_by_id(report_id).data["statusMessage"] == "Report ready"
        assert _statuses(client, ["status==Ready"]) == ["Ready"]
        assert _statuses(client, ["status==Pending"]) == []
        reports.delete_report_by_id(report_id)
        with pytest.raises(NotFoundException):
            reports.get_report_by_id(report_id)


def test_reports_page_with_their_state(client: RunaiClient[ApiClient]) -> None:
    reports = client.organizations.reports
    made = [str(reports.create_report({**BODY, "name": f"r{n}"}).data["id"]) for n in range(7)]
    listed = reports.list_reports(limit=3)
    assert [len(page.data["reports"]) for page in listed.iter_pages()] == [3, 3, 1]
    assert sorted(str(report.id) for report in listed) == sorted(made)
