"""Request building as the server sees it: paths, queries and bodies, and response decoding."""

from __future__ import annotations

import datetime as dt
import enum
import time
from typing import Any, Dict, List, Tuple
from urllib.parse import unquote

import pytest
from runai.operation import Operation, QueryParam, ResponseSpec
from runai.request.options import RequestOptions
from runai_example_category.models import Widget, WidgetCreationRequest
from support.helpers import KINDS, bearer_config, call_once, request_once
from support.server import FixtureServer, RecordedRequest

GET_THING = Operation(
    operation_id="get_thing",
    method="GET",
    path="/api/v1/things/{thingId}",
    path_params=("thingId",),
)
LIST_THINGS = Operation(
    operation_id="list_things",
    method="GET",
    path="/api/v1/things",
    query_params=(
        QueryParam("filterBy"),
        QueryParam("roles", explode=True),
        QueryParam("verbose"),
        QueryParam("deleted"),
        QueryParam("limit"),
        QueryParam("start"),
        QueryParam("end"),
        QueryParam("search"),
        QueryParam("file_type"),
        QueryParam("phase"),
    ),
)
CREATE_WIDGET = Operation(
    operation_id="create_widget",
    method="POST",
    path="/api/v1/widgets",
    body_media_type="application/json",
    body_model="runai_example_category.models:WidgetCreationRequest",
    responses={202: ResponseSpec(model="runai_example_category.models:Widget")},
)


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# ---------------------------------------------------------------------------------------- path


@pytest.mark.parametrize(
    "value, encoded",
    [
        ("my_corp_idp", "my_corp_idp"),  # runapy turned `_` into `-`
        ("runai_workspace_submit.md", "runai_workspace_submit.md"),
        ("a/b", "a%2Fb"),
        ("two words", "two%20words"),
        ("a#b", "a%23b"),
        ("what?x=1", "what%3Fx%3D1"),
        ("100%", "100%25"),
        ("%2F", "%252F"),  # already looks encoded: still encoded exactly once
        ("a+b", "a%2Bb"),
        ("über-ü", "%C3%BCber-%C3%BC"),
        (42, "42"),
    ],
)
def test_path_values_are_percent_encoded_once(
    fixture_server: FixtureServer, kind: str, value: str, encoded: str
) -> None:
    call_once(kind, bearer_config(fixture_server), GET_THING, {"thingId": value})
    (req,) = fixture_server.api_requests()
    assert req.raw_path == f"/api/v1/things/{encoded}"
    assert unquote(req.path.rsplit("/", 1)[1]) == str(value)  # what the server routes on


def test_email_like_value_arrives_intact(fixture_server: FixtureServer, kind: str) -> None:
    call_once(kind, bearer_config(fixture_server), GET_THING, {"thingId": "john_doe@x.io"})
    (req,) = fixture_server.api_requests()
    assert unquote(req.path) == "/api/v1/things/john_doe@x.io"


def test_literal_segments_and_odd_placeholders_are_kept(
    fixture_server: FixtureServer, kind: str
) -> None:
    op = Operation(
        operation_id="shared_scopes",
        method="GET",
        path="/api/v1/datavolumes/{datavolumeId}/sharedScopes/{department-id}/{AssetId}",
        path_params=("datavolumeId", "department-id", "AssetId"),
    )
    values = {"datavolumeId": "dv_1", "department-id": "d_2", "AssetId": "x y"}
    call_once(kind, bearer_config(fixture_server), op, values)
    (req,) = fixture_server.api_requests()
    assert req.raw_path == "/api/v1/datavolumes/dv_1/sharedScopes/d_2/x%20y"


def test_missing_path_value_fails_before_sending(fixture_server: FixtureServer, kind: str) -> None:
    with pytest.raises((ValueError, KeyError, TypeError)) as info:
        call_once(kind, bearer_config(fixture_server), GET_THING, {})
    assert "thingId" in str(info.value)
    assert fixture_server.api_requests() == []


# --------------------------------------------------------------------------------------- query


def _query(srv: FixtureServer) -> Tuple[RecordedRequest, Dict[str, List[str]]]:
    (req,) = srv.api_requests()
    return req, req.query_params()


def test_array_is_comma_joined_in_one_key(fixture_server: FixtureServer, kind: str) -> None:
    values = ["action==create", "user=@bob", "name=^a&b"]
    call_once(kind, bearer_config(fixture_server), LIST_THINGS, None, {"filterBy": values})
    req, params = _query(fixture_server)
    assert params == {"filterBy": [",".join(values)]}
    assert req.query.count("filterBy=") == 1


def test_exploded_array_repeats_the_key(fixture_server: FixtureServer, kind: str) -> None:
    call_once(kind, bearer_config(fixture_server), LIST_THINGS, None, {"roles": ["a b", "c,d"]})
    req, params = _query(fixture_server)
    assert params == {"roles": ["a b", "c,d"]}
    assert req.query.count("roles=") == 2


def test_scalars_booleans_and_none(fixture_server: FixtureServer, kind: str) -> None:
    query = {"verbose": True, "deleted": False, "limit": 50, "search": None, "filterBy": None}
    call_once(kind, bearer_config(fixture_server), LIST_THINGS, None, query)
    _, params = _query(fixture_server)
    assert params == {"verbose": ["true"], "deleted": ["false"], "limit": ["50"]}


def test_reserved_characters_in_query_values_round_trip(
    fixture_server: FixtureServer, kind: str
) -> None:
    tricky = "a b&c=d#e+f%20/?ü"
    call_once(kind, bearer_config(fixture_server), LIST_THINGS, None, {"search": tricky})
    _, params = _query(fixture_server)
    assert params == {"search": [tricky]}


def test_wire_names_are_sent_verbatim(fixture_server: FixtureServer, kind: str) -> None:
    call_once(kind, bearer_config(fixture_server), LIST_THINGS, None, {"file_type": "csv"})
    _, params = _query(fixture_server)
    assert params == {"file_type": ["csv"]}  # runapy sent `fileType`


def test_enum_values_are_sent_by_value(fixture_server: FixtureServer, kind: str) -> None:
    class Phase(str, enum.Enum):
        RUNNING = "Running"

    call_once(kind, bearer_config(fixture_server), LIST_THINGS, None, {"phase": Phase.RUNNING})
    _, params = _query(fixture_server)
    assert params == {"phase": ["Running"]}


def _parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_datetimes_are_iso8601_with_timezone(fixture_server: FixtureServer, kind: str) -> None:
    utc = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    plus2 = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    query = {"start": utc, "end": plus2}
    call_once(kind, bearer_config(fixture_server), LIST_THINGS, None, query)
    _, params = _query(fixture_server)
    start, end = _parse_iso(params["start"][0]), _parse_iso(params["end"][0])
    assert start.tzinfo is not None and start == utc
    assert end.tzinfo is not None and end == plus2


def test_naive_datetime_is_taken_as_utc(
    fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under a non-UTC local zone, a naive value must still go out as UTC, not local time.
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        naive = dt.datetime(2024, 1, 2, 3, 4, 5)
        call_once("sync", bearer_config(fixture_server), LIST_THINGS, None, {"start": naive})
    finally:
        monkeypatch.undo()
        time.tzset()
    _, params = _query(fixture_server)
    sent = _parse_iso(params["start"][0])
    assert sent.tzinfo is not None
    assert sent == naive.replace(tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------------------------------- body


def test_model_body_by_alias_without_unset_fields(fixture_server: FixtureServer, kind: str) -> None:
    body = WidgetCreationRequest(name="w1", display_name="Widget One")
    call_once(kind, bearer_config(fixture_server), CREATE_WIDGET, None, None, body)
    (req,) = fixture_server.api_requests()
    assert req.method == "POST"
    assert req.headers["Content-Type"].startswith("application/json")
    assert req.json() == {"name": "w1", "displayName": "Widget One"}


@pytest.mark.parametrize(
    "body",
    [
        {"name": "w1", "displayName": "Widget One", "gpuCount": 2},
        {"name": "w1", "display_name": "Widget One", "gpu_count": 2},
    ],
)
def test_dict_body_is_validated_and_sent_by_alias(
    fixture_server: FixtureServer, body: Dict[str, Any]
) -> None:
    call_once("sync", bearer_config(fixture_server), CREATE_WIDGET, None, None, body)
    (req,) = fixture_server.api_requests()
    assert req.json() == {"name": "w1", "displayName": "Widget One", "gpuCount": 2}


def test_invalid_dict_body_fails_before_sending(fixture_server: FixtureServer) -> None:
    with pytest.raises(ValueError):
        call_once(
            "sync", bearer_config(fixture_server), CREATE_WIDGET, None, None, {"gpuCount": "x"}
        )
    assert fixture_server.api_requests() == []


def test_form_body(fixture_server: FixtureServer, kind: str) -> None:
    op = Operation(
        operation_id="grant_token_v2",
        method="POST",
        path="/api/v2/token",
        body_media_type="application/x-www-form-urlencoded",
    )
    body = {"grant_type": "client_credentials", "client_id": "a b&c", "scope": None}
    call_once(kind, bearer_config(fixture_server), op, None, None, body)
    (req,) = fixture_server.api_requests()
    assert req.headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert req.form() == {"grant_type": "client_credentials", "client_id": "a b&c"}


def test_accept_json_by_default_and_custom_headers(
    fixture_server: FixtureServer, kind: str
) -> None:
    options = RequestOptions(headers={"X-Request-Tag": "t-1"})
    call_once(kind, bearer_config(fixture_server), GET_THING, {"thingId": "1"}, None, None, options)
    (req,) = fixture_server.api_requests()
    assert req.headers["Accept"] == "application/json"
    assert req.headers["X-Request-Tag"] == "t-1"
    assert "Content-Type" not in req.headers  # no body, no content type


# ------------------------------------------------------------------------------------ response


def test_json_response_and_typed_accessor(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(
        status=202,
        json={"id": "w-1", "name": "w1", "displayName": "W", "extra": 1},
        headers={"X-Request-Id": "r-9"},
    )
    resp = call_once(kind, bearer_config(fixture_server), CREATE_WIDGET, None, None, {"name": "w1"})
    assert resp.status_code == 202
    assert resp.data == {"id": "w-1", "name": "w1", "displayName": "W", "extra": 1}
    assert resp.headers["x-request-id"] == "r-9" and resp.headers["X-Request-Id"] == "r-9"
    widget = resp.parsed()
    assert isinstance(widget, Widget) and widget.display_name == "W"


@pytest.mark.parametrize(
    "content_type, payload, expected",
    [
        ("text/csv", b"name,gpu\na,1\n", "name,gpu\na,1\n"),
        ("text/plain; charset=utf-8", "héllo".encode(), "héllo"),
        ("application/octet-stream", b"\x00\x01\xfe\xff", b"\x00\x01\xfe\xff"),
        ("application/json; charset=utf-8", b'{"a": [1, 2]}', {"a": [1, 2]}),
    ],
)
def test_response_body_by_content_type(
    fixture_server: FixtureServer, kind: str, content_type: str, payload: bytes, expected: object
) -> None:
    fixture_server.enqueue(body=payload, headers={"Content-Type": content_type})
    resp = request_once(kind, bearer_config(fixture_server), "GET", "/api/v1/report")
    assert resp.data == expected
    assert type(resp.data) is type(expected)
    assert resp.raw == payload


@pytest.mark.parametrize("status", [200, 204])
def test_empty_body_is_none(fixture_server: FixtureServer, kind: str, status: int) -> None:
    fixture_server.enqueue(status=status, body=b"", headers={"Content-Type": "application/json"})
    resp = request_once(kind, bearer_config(fixture_server), "DELETE", "/api/v1/things/1")
    assert resp.status_code == status
    assert resp.data is None


def test_csv_operation_asks_for_csv(fixture_server: FixtureServer) -> None:
    op = Operation(
        operation_id="get_report_file",
        method="GET",
        path="/api/v1/reports/{reportId}/file",
        path_params=("reportId",),
        accept="text/csv",
        responses={200: ResponseSpec(content_type="text/csv")},
    )
    fixture_server.enqueue(body="a,b\n", headers={"Content-Type": "text/csv"})
    resp = call_once("sync", bearer_config(fixture_server), op, {"reportId": "r1"})
    assert fixture_server.api_requests()[0].headers["Accept"] == "text/csv"
    assert resp.data == "a,b\n"


REPORT = Operation(
    operation_id="get_report",
    method="GET",
    path="/api/v1/report",
    accept="text/csv",
    responses={
        200: ResponseSpec(content_type="text/csv"),
        201: ResponseSpec(content_type="application/octet-stream"),
        202: ResponseSpec(content_type="application/json"),
        204: ResponseSpec(None),
    },
)


@pytest.mark.parametrize(
    "status, content_type, payload, expected",
    [
        (200, "text/csv; charset=latin-1", "né,1\n".encode("latin-1"), "né,1\n"),
        (201, "application/octet-stream", b"\x1f\x8b\x00", b"\x1f\x8b\x00"),
        (204, "application/json", b"", None),
    ],
)
def test_parsed_gives_what_the_status_declares(
    fixture_server: FixtureServer,
    kind: str,
    status: int,
    content_type: str,
    payload: bytes,
    expected: object,
) -> None:
    """A text status parses to ``str``, a binary one to ``bytes``, one without content to
    ``None`` (what the generated methods' types promise)."""
    fixture_server.enqueue(status=status, body=payload, headers={"Content-Type": content_type})
    resp = call_once(kind, bearer_config(fixture_server), REPORT)
    assert resp.parsed() == expected
    assert type(resp.parsed()) is type(expected)


def test_parsed_refuses_json_without_a_schema(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(status=202, json={"ok": True})
    resp = call_once(kind, bearer_config(fixture_server), REPORT)
    assert resp.data == {"ok": True}
    with pytest.raises(TypeError, match=r"no declared model; use \.data"):
        resp.parsed()


def test_parsed_refuses_a_raw_request(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(body=b"a,b\n", headers={"Content-Type": "text/csv"})
    resp = request_once(kind, bearer_config(fixture_server), "GET", "/api/v1/report")
    assert resp.data == "a,b\n"
    with pytest.raises(TypeError, match=r"no declared model; use \.data"):
        resp.parsed()
