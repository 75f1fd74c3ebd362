"""The oracle itself (:mod:`.oracle`): every test that judges the simulator by it passes only if
it refuses what the spec does not document. Fed hand-written answers and bodies, good and bad,
for operations of the 2.24 document."""

from __future__ import annotations

import json
from typing import Any

from .oracle import Answer, oracle

JUDGE = oracle("2.24")
JSON = "application/json"
CHANNEL = "/api/v1/notification-channels/{name}"
STATE = "/api/v1/notification-state"


def _answer(value: Any, status: int = 200, content_type: str = JSON) -> Answer:
    return Answer(status, content_type, json.dumps(value).encode())


def _channel(**changes: Any) -> Any:
    channel = {"name": "ops", "type": "email", "config": {}}
    channel.update(changes)
    return {key: value for key, value in channel.items() if value is not None}


def test_a_documented_answer_has_no_problem() -> None:
    assert JUDGE.problems("GET", CHANNEL, _answer(_channel())) == []
    charset = _answer(_channel(), content_type="application/json; charset=utf-8")
    assert JUDGE.problems("GET", CHANNEL, charset) == []


def test_a_missing_required_property_is_reported_once() -> None:
    """``type`` is required by two allOf members of ``NotificationChannel``: one problem."""
    problems = JUDGE.problems("GET", CHANNEL, _answer(_channel(type=None)))
    assert problems == ["200 body at .: 'type' is a required property"]


def test_a_value_outside_the_enum_is_reported_at_its_property() -> None:
    problems = JUDGE.problems("GET", CHANNEL, _answer(_channel(type="pigeon")))
    assert problems == ["200 body at type: 'pigeon' is not one of ['email', 'slack']"]


def test_a_value_of_the_wrong_type_is_reported_at_its_property() -> None:
    problems = JUDGE.problems("GET", CHANNEL, _answer(_channel(name=1)))
    assert problems == ["200 body at name: 1 is not of type 'string'"]


def test_a_nested_problem_is_reported_with_its_path() -> None:
    answer = _answer({"projects": [{"id": 33}]})
    problems = JUDGE.problems("GET", "/api/v1/org-unit/projects", answer)
    assert "200 body at projects/0: 'clusterId' is a required property" in problems
    assert "200 body at projects/0/id: 33 is not of type 'string'" in problems
    assert len(problems) == len(set(problems))


def test_an_undocumented_status_is_reported_with_the_documented_ones() -> None:
    problems = JUDGE.problems("GET", CHANNEL, _answer({}, status=418))
    assert problems == ["status 418 is not documented (200, 400, 401, 403, 404, 500, 501, 503)"]


def test_an_undocumented_media_type_is_reported() -> None:
    problems = JUDGE.problems("GET", CHANNEL, Answer(200, "text/plain", b"ops"))
    assert problems == ["media type 'text/plain' for 200; documented: application/json"]


def test_a_body_that_is_not_json_is_reported() -> None:
    assert JUDGE.problems("GET", CHANNEL, Answer(200, JSON, b"nope")) == [
        "200 body is not JSON: b'nope'"
    ]
    assert JUDGE.problems("GET", CHANNEL, Answer(200, JSON, b"")) == ["200 body is not JSON: b''"]


def test_a_body_on_a_status_that_documents_none_is_reported() -> None:
    assert JUDGE.statuses("DELETE", CHANNEL)[:2] == ["204", "400"]
    assert JUDGE.problems("DELETE", CHANNEL, Answer(204, "", b"")) == []
    problems = JUDGE.problems("DELETE", CHANNEL, _answer({"a": 1}, status=204))
    assert problems == ["status 204 documents no body, got b'{\"a\": 1}'"]


def test_an_error_answer_is_judged_by_its_own_schema() -> None:
    error = {"code": 404, "message": "no such channel"}
    assert JUDGE.problems("GET", CHANNEL, _answer(error, status=404)) == []
    problems = JUDGE.problems("GET", CHANNEL, _answer({"code": "404"}, status=404))
    assert "404 body at code: '404' is not of type 'integer'" in problems


def test_a_read_only_property_belongs_in_answers_only() -> None:
    """``NotificationState.enabled`` is required and readOnly: required in the answer, refused
    in the request, where leaving it out is fine."""
    assert JUDGE.problems("GET", STATE, _answer({"enabled": True})) == []
    assert JUDGE.problems("GET", STATE, _answer({})) == [
        "200 body at .: 'enabled' is a required property"
    ]
    assert JUDGE.request_problems("PATCH", STATE, {"email": {"enabled": True}}) == []
    assert JUDGE.request_problems("PATCH", STATE, {"enabled": True}) == [
        "request body at enabled: Tried to write read-only property with True"
    ]


def test_a_write_only_property_is_refused_in_an_answer() -> None:
    """``Workload.childrenIds`` is writeOnly: whatever else a listed workload lacks, the oracle
    names that property, and only when it is there."""
    children = [{"id": "0b6c1f2e-7d3a-4c59-9f5e-2a1b3c4d5e6f", "type": "pod"}]
    with_children = _answer({"workloads": [{"childrenIds": children}], "next": 1})
    without = _answer({"workloads": [{}], "next": 1})

    def write_only(answer: Answer) -> Any:
        problems = JUDGE.problems("GET", "/api/v1/workloads", answer)
        return [problem for problem in problems if "write-only" in problem]

    assert write_only(with_children) == [
        f"200 body at workloads/0/childrenIds: Tried to read write-only property with {children}"
    ]
    assert write_only(without) == []


def test_a_request_body_is_judged_like_an_answer() -> None:
    path = "/api/v1/notification-channels"
    assert JUDGE.request_problems("POST", path, _channel()) == []
    assert JUDGE.request_problems("POST", path, _channel(type="pigeon")) == [
        "request body at type: 'pigeon' is not one of ['email', 'slack']"
    ]
    assert JUDGE.request_problems("POST", path, {}) == [
        "request body at .: 'type' is a required property",
        "request body at .: 'config' is a required property",
    ]
    assert JUDGE.request_problems("GET", path, {}) == ["the operation documents no request body"]
