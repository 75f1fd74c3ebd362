"""Routing: literal segments beat placeholders; path values are percent-decoded exactly once."""

from __future__ import annotations

from typing import Dict, Tuple

import pytest
from runai.api_client import ApiClient
from runai.exceptions import NotFoundException
from runai.runai_client import RunaiClient
from runai_testing.router import Router

from .helpers import Raw


def _router() -> Router[str]:
    router: Router[str] = Router()
    router.add("GET", "/api/v1/workloads/{workloadId}", "by-id")
    router.add("GET", "/api/v1/workloads/count", "count")
    router.add("GET", "/api/v1/workloads/{workloadId}/pods", "pods")
    router.add("DELETE", "/api/v1/workloads/{id}", "delete")
    return router


def _matched(router: Router[str], path: str) -> Dict[str, Tuple[str, Dict[str, str]]]:
    matched = router.match(path)
    assert matched is not None, f"no template matches {path}"
    return matched


def test_literal_beats_placeholder() -> None:
    assert _matched(_router(), "/api/v1/workloads/count")["GET"] == ("count", {})


def test_placeholder_names_come_from_each_template() -> None:
    matched = _matched(_router(), "/api/v1/workloads/abc")
    assert matched["GET"] == ("by-id", {"workloadId": "abc"})
    assert matched["DELETE"] == ("delete", {"id": "abc"})


def test_percent_decoding_happens_once_and_keeps_slashes_inside_values() -> None:
    router = _router()
    assert _matched(router, "/api/v1/workloads/a%2Fb")["GET"][1] == {"workloadId": "a/b"}
    assert _matched(router, "/api/v1/workloads/100%2525")["GET"][1] == {"workloadId": "100%25"}
    assert _matched(router, "/api/v1/workloads/a%2Fb/pods")["GET"][0] == "pods"


def test_no_match() -> None:
    assert _router().match("/api/v1/workloads") is None
    assert _router().match("/api/v1/other/x") is None


def test_client_encoded_values_arrive_intact(client: RunaiClient[ApiClient], raw: Raw) -> None:
    # a value with reserved characters is encoded once by the client, decoded once here
    status, body, _ = raw.call("GET", "/api/v1/org-unit/projects/a%2Fb%3Fc")
    assert status == 404 and "a/b?c" in body["message"]
    with pytest.raises(NotFoundException) as info:
        client.organizations.projects.get_project("a/b?c")
    assert "a/b?c" in (info.value.error_message or "")
