"""2xx answers the client cannot use get an UnexpectedAnswerError that says what arrived, from
where, and what to do: a JSON body that does not parse, a body under another content type than
the operation declares, an HTML page where the Run:ai API answers JSON (a wrong base URL, a
captive portal), at the call or at the token endpoint."""

from __future__ import annotations

import asyncio
import pickle
from typing import Any, Callable

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.exceptions import ApiException, UnexpectedAnswerError
from runai.operation import Operation, ResponseSpec
from runai.response import ApiResponse
from runai.runai_client import RunaiClient
from runai.streaming import stream
from runai_example_category.models import Widget
from support.helpers import (
    CLIENT_SECRET,
    KINDS,
    STATIC_TOKEN,
    bearer_config,
    build_config,
    call_once,
    request_once,
    run_with_client,
)
from support.server import TOKEN_PATH, FixtureServer

GET_WIDGET = Operation(
    operation_id="get_widget",
    method="GET",
    path="/api/v1/widgets/{widgetId}",
    path_params=("widgetId",),
    responses={200: ResponseSpec(model="runai_example_category.models:Widget")},
)
WIDGET_URL_PATH = "/api/v1/widgets/w-1"
BROKEN_JSON = b'{"id": "w-1", "name": "w1", "displayName": '
LOGIN_PAGE = (
    "<!DOCTYPE html><html><head><title>Sign in to the guest Wi-Fi</title></head>"
    "<body><form action='/login'>" + "<input type='hidden'>" * 40 + "</form></body></html>"
)


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def get_widget(kind: str, server: FixtureServer, query: Any = None) -> ApiResponse[Widget]:
    response: ApiResponse[Widget] = call_once(
        kind, bearer_config(server), GET_WIDGET, {"widgetId": "w-1"}, query
    )
    return response


def error_of(read: Callable[[], object]) -> UnexpectedAnswerError:
    with pytest.raises(UnexpectedAnswerError) as info:
        read()
    return info.value


# ------------------------------------------------------------------------- JSON that is not JSON


def test_invalid_json_raises_the_same_error_from_data_and_parsed_in_either_order(
    fixture_server: FixtureServer, kind: str
) -> None:
    headers = {"Content-Type": "application/json"}
    fixture_server.enqueue(body=BROKEN_JSON, headers=headers, times=2)
    data_first = get_widget(kind, fixture_server)
    parsed_first = get_widget(kind, fixture_server)

    errors = [
        error_of(lambda: data_first.data),
        error_of(data_first.parsed),
        error_of(parsed_first.parsed),
        error_of(lambda: parsed_first.data),
    ]
    assert len({str(error) for error in errors}) == 1
    message = str(errors[0])
    assert f"GET {fixture_server.url}{WIDGET_URL_PATH} answered (200) OK" in message
    assert "content type application/json" in message
    assert "not valid JSON" in message
    assert repr(BROKEN_JSON.decode()) in message
    assert isinstance(errors[0], ApiException)
    assert (errors[0].status, errors[0].method) == (200, "GET")


def test_the_error_quotes_a_bounded_start_of_the_body_and_no_credential(
    fixture_server: FixtureServer, kind: str
) -> None:
    """A proxy's error page may echo the request's headers: their credentials stay hidden."""
    echo = f"<pre>Authorization: Bearer {STATIC_TOKEN}\nX-Trace: 1</pre>"
    body = (echo + "x" * 5000 + "THE-END").encode()
    fixture_server.enqueue(body=body, headers={"Content-Type": "application/json"})
    response = get_widget(kind, fixture_server, {"secretish": "query-value"})

    message = str(error_of(lambda: response.data))
    assert "Authorization: Bearer ***" in message
    assert STATIC_TOKEN not in message
    assert "THE-END" not in message and message.endswith("xxx'...")
    assert len(message) < 800
    assert "query-value" not in message  # the URL is shown without its query


def test_a_raw_request_answered_with_invalid_json_raises_on_data(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(body=b"{oops", headers={"Content-Type": "application/json"})
    response = request_once(kind, bearer_config(fixture_server), "GET", "/api/v1/things")
    message = str(error_of(lambda: response.data))
    assert f"GET {fixture_server.url}/api/v1/things answered (200) OK" in message
    assert "'{oops'" in message
    assert response.raw == b"{oops"


def test_the_error_pickles_to_an_equal_message(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(body=BROKEN_JSON, headers={"Content-Type": "application/json"})
    error = error_of(get_widget(kind, fixture_server).parsed)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is UnexpectedAnswerError
    assert str(copy) == str(error)
    assert (copy.problem, copy.hint, copy.url) == (error.problem, error.hint, error.url)


def test_a_page_of_invalid_json_stops_the_iteration_with_the_error(
    fixture_server: FixtureServer,
) -> None:
    fixture_server.enqueue(json={"projects": [{"name": "a"}], "next": 1})
    fixture_server.enqueue(body=b'{"projects": [', headers={"Content-Type": "application/json"})
    with RunaiClient(ApiClient(build_config(fixture_server))) as client:
        first = client.organizations.projects.get_projects(limit=1)
        seen = []
        with pytest.raises(UnexpectedAnswerError, match="not valid JSON") as info:
            for project in first:
                seen.append(project.name)
    assert seen == ["a"]
    assert "/api/v1/org-unit/projects answered (200) OK" in str(info.value)


# ------------------------------------------------------------------ another content type than JSON


def test_json_labelled_text_plain_keeps_data_as_text_and_parsed_names_both_types(
    fixture_server: FixtureServer, kind: str
) -> None:
    body = b'{"id": "w-1", "name": "w1"}'
    fixture_server.enqueue(body=body, headers={"Content-Type": "text/plain; charset=utf-8"})
    response = get_widget(kind, fixture_server)
    assert response.data == body.decode()  # runapy 1.x: a text body is a str
    message = str(error_of(response.parsed))
    assert "content type text/plain; charset=utf-8" in message
    assert "declares application/json" in message
    assert repr(body.decode()) in message


def test_without_a_content_type_a_json_body_still_parses(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(body=b'{"id": "w-1", "name": "w1"}')  # no Content-Type at all
    response = get_widget(kind, fixture_server)
    assert response.data == {"id": "w-1", "name": "w1"}
    assert response.parsed() == Widget(id="w-1", name="w1")


def test_without_a_content_type_a_body_that_is_not_json_names_what_was_expected(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(body=b"name=w1")
    response = get_widget(kind, fixture_server)
    assert response.data == b"name=w1"
    message = str(error_of(response.parsed))
    assert "content type none" in message
    assert "declares application/json" in message
    assert "'name=w1'" in message


def test_an_unknown_charset_reads_as_utf8(fixture_server: FixtureServer, kind: str) -> None:
    fixture_server.enqueue(body="héllo".encode(), headers={"Content-Type": "text/plain; charset=x"})
    response = request_once(kind, bearer_config(fixture_server), "GET", "/api/v1/report")
    assert response.data == "héllo"


# ---------------------------------------------------------------------------------- an HTML page


def test_an_html_page_for_an_api_operation_fails_the_call_naming_the_base_url(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(body=LOGIN_PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    with pytest.raises(UnexpectedAnswerError) as info:
        run_with_client(
            kind,
            bearer_config(fixture_server),
            lambda c: RunaiClient(c).organizations.projects.get_project("7"),
        )
    message = str(info.value)
    assert "an HTML page, not the Run:ai API" in message
    assert f"check runai_base_url ({fixture_server.url})" in message
    assert f"GET {fixture_server.url}/api/v1/org-unit/projects/7 answered (200) OK" in message
    assert "<title>Sign in to the guest Wi-Fi</title>" in message


def test_an_operation_that_answers_html_still_gets_its_page(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(body=LOGIN_PAGE, headers={"Content-Type": "text/html"})

    def manual(client: Any) -> Any:
        cli = RunaiClient(client).organizations.researcher_command_line_interface
        return cli.get_manual_document("runai")

    response = run_with_client(kind, bearer_config(fixture_server), manual)
    assert response.parsed() == LOGIN_PAGE


def test_a_raw_request_answered_with_html_keeps_its_text(
    fixture_server: FixtureServer, kind: str
) -> None:
    """``client.request`` knows no operation: the page is its data, as in runapy 1.x."""
    fixture_server.enqueue(body=LOGIN_PAGE, headers={"Content-Type": "text/html"})
    response = request_once(kind, bearer_config(fixture_server), "GET", "/")
    assert response.data == LOGIN_PAGE


def _stream_project(kind: str, server: FixtureServer) -> None:
    config = bearer_config(server)
    if kind == "sync":
        with ApiClient(config) as client:
            stream(RunaiClient(client).organizations.projects.get_project, "7").close()
    elif kind == "threaded":
        with ThreadedApiClient(config) as threaded:
            future = stream(RunaiClient(threaded).organizations.projects.get_project, "7")
            future.result(timeout=60).close()
    else:

        async def go() -> None:
            aclient = AsyncApiClient(config)
            async with (
                aclient,
                stream(RunaiClient(aclient).organizations.projects.get_project, "7"),
            ):
                pass

        asyncio.run(go())


def test_a_streamed_call_answered_with_html_fails_before_the_body_is_read(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(body=LOGIN_PAGE, headers={"Content-Type": "text/html"})
    with pytest.raises(UnexpectedAnswerError) as info:
        _stream_project(kind, fixture_server)
    message = str(info.value)
    assert "an HTML page, not the Run:ai API" in message
    assert f"check runai_base_url ({fixture_server.url})" in message
    assert "body starts" not in message


def test_an_html_login_page_at_the_token_endpoint_says_so(
    fixture_server: FixtureServer, kind: str
) -> None:
    echo = f"<!-- {CLIENT_SECRET} -->{LOGIN_PAGE}"  # a page echoing what it was sent
    fixture_server.enqueue(
        body=echo, headers={"Content-Type": "text/html"}, method="POST", path=TOKEN_PATH
    )
    with pytest.raises(UnexpectedAnswerError) as info:
        request_once(kind, build_config(fixture_server), "GET", "/api/v1/things")
    message = str(info.value)
    assert f"POST {fixture_server.url}{TOKEN_PATH} answered (200) OK" in message
    assert "an HTML page, not the Run:ai API" in message
    assert f"Check runai_base_url ({fixture_server.url})" in message
    assert "<title>Sign in to the guest Wi-Fi</title>" in message
    assert CLIENT_SECRET not in message
    assert fixture_server.api_requests() == []
