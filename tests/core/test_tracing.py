"""OpenTelemetry: each call one client span with the HTTP attributes, read from the SDK's
in-memory exporter (the application's side of the `otel` extra)."""

from __future__ import annotations

import asyncio
from typing import Iterator, List

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from runai.event_hooks import RequestEvent
from runai.exceptions import ApiConnectionError, NotFoundException
from support.calls import (
    BINARY,
    PROJECTS,
    download,
    project_names,
    serve_binary,
    serve_project_pages,
)
from support.helpers import KINDS, build_config, free_port, request_once, secrets_of
from support.server import FixtureServer

PATH = "/api/v1/things"
_EXPORTER = InMemorySpanExporter()


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """The global tracer provider can be set once per process: the first test sets it."""
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
        trace.set_tracer_provider(provider)
    _EXPORTER.clear()
    yield _EXPORTER
    _EXPORTER.clear()


def client_spans(exporter: InMemorySpanExporter) -> List[ReadableSpan]:
    return [s for s in exporter.get_finished_spans() if s.kind is SpanKind.CLIENT]


@pytest.mark.parametrize("kind", KINDS)
def test_a_retried_call_is_one_client_span(
    fixture_server: FixtureServer, spans: InMemorySpanExporter, kind: str
) -> None:
    fixture_server.enqueue(status=503, json={"message": "busy"}, path=PATH)
    request_once(kind, build_config(fixture_server), "GET", PATH, query={"limit": 5})
    (span,) = client_spans(spans)
    assert span.name == "GET"
    attributes = dict(span.attributes or {})
    assert attributes == {
        "http.request.method": "GET",
        "url.full": f"{fixture_server.url}{PATH}?limit=5",
        "server.address": "127.0.0.1",
        "server.port": int(fixture_server.url.rsplit(":", 1)[1]),
        "http.response.status_code": 200,
        "http.request.resend_count": 1,
    }
    assert span.status.status_code is not StatusCode.ERROR
    shown = repr(attributes) + span.to_json()
    assert not [s for s in secrets_of(fixture_server) if s in shown]


@pytest.mark.parametrize("kind", KINDS)
def test_an_error_status_sets_error_type(
    fixture_server: FixtureServer, spans: InMemorySpanExporter, kind: str
) -> None:
    fixture_server.enqueue(status=404, json={"message": "no such thing"}, path=PATH)
    with pytest.raises(NotFoundException):
        request_once(kind, build_config(fixture_server), "GET", PATH)
    (span,) = client_spans(spans)
    attributes = dict(span.attributes or {})
    assert attributes["http.response.status_code"] == 404
    assert attributes["error.type"] == "404"
    assert "http.request.resend_count" not in attributes
    assert span.status.status_code is StatusCode.ERROR


def test_a_call_without_an_answer_names_the_exception(spans: InMemorySpanExporter) -> None:
    class Nowhere:
        url = f"http://127.0.0.1:{free_port()}"

    config = build_config(Nowhere(), bearer_token="t", client_id=None, client_secret=None)
    with pytest.raises(ApiConnectionError) as raised:
        request_once("sync", config, "GET", PATH)
    (span,) = client_spans(spans)
    attributes = dict(span.attributes or {})
    error = type(raised.value)
    assert attributes["error.type"] == f"{error.__module__}.{error.__qualname__}"
    assert "http.response.status_code" not in attributes
    assert attributes["http.request.resend_count"] == 3


@pytest.mark.parametrize("kind", KINDS)
def test_a_streamed_call_is_one_span_ended_with_the_headers_under_the_caller_s_span(
    fixture_server: FixtureServer, spans: InMemorySpanExporter, kind: str
) -> None:
    """The span covers the sendings up to the answer's headers (what the HTTP conventions ask
    of a client span); the body is read afterwards, at the caller's pace, outside it."""
    serve_binary(fixture_server, b"\x7fELF" * 1000)
    fixture_server.enqueue(status=503, json={"message": "busy"}, path=BINARY)
    at_headers: List[ReadableSpan] = []
    current: List[int] = []

    def opened() -> None:
        at_headers.extend(client_spans(spans))
        current.append(trace.get_current_span().get_span_context().span_id)

    tracer = trace.get_tracer("the application")
    with tracer.start_as_current_span("download the CLI") as job:
        assert download(kind, build_config(fixture_server), opened) == b"\x7fELF" * 1000
    (span,) = at_headers
    assert client_spans(spans) == [span]  # reading the body made no other span
    assert span.end_time is not None
    assert span.parent is not None and span.parent.span_id == job.get_span_context().span_id
    attributes = dict(span.attributes or {})
    assert attributes["url.full"] == fixture_server.url + BINARY
    assert attributes["http.response.status_code"] == 200
    assert attributes["http.request.resend_count"] == 1
    assert "error.type" not in attributes
    assert current == [job.get_span_context().span_id]  # the ended span is no longer current


@pytest.mark.parametrize("kind", KINDS)
def test_a_streamed_call_answered_with_an_error_status_ends_its_span_as_failed(
    fixture_server: FixtureServer, spans: InMemorySpanExporter, kind: str
) -> None:
    fixture_server.enqueue(status=404, json={"message": "no such binary"}, path=BINARY)
    with pytest.raises(NotFoundException):
        download(kind, build_config(fixture_server))
    (span,) = client_spans(spans)
    attributes = dict(span.attributes or {})
    assert attributes["http.response.status_code"] == 404
    assert attributes["error.type"] == "404"
    assert span.status.status_code is StatusCode.ERROR


@pytest.mark.parametrize("kind", KINDS)
def test_each_page_of_a_paged_list_is_its_own_span_under_the_caller_s_span(
    fixture_server: FixtureServer, spans: InMemorySpanExporter, kind: str
) -> None:
    serve_project_pages(fixture_server, ["a", "b"], ["c", "d"], ["e"])
    tracer = trace.get_tracer("the application")
    with tracer.start_as_current_span("list the projects") as job:
        assert project_names(kind, build_config(fixture_server), limit=2) == list("abcde")
    pages = [s for s in client_spans(spans) if PROJECTS in str((s.attributes or {})["url.full"])]
    urls = [str((s.attributes or {})["url.full"]) for s in pages]
    assert [("offset=2" in url, "offset=4" in url) for url in urls] == [
        (False, False),
        (True, False),
        (False, True),
    ]
    assert all((s.attributes or {})["http.response.status_code"] == 200 for s in pages)
    parent = job.get_span_context().span_id
    assert [s.parent.span_id if s.parent else None for s in pages] == [parent] * 3


class HookFailed(Exception):
    pass


def test_an_async_hook_raising_on_a_retry_ends_the_span_with_its_error(
    fixture_server: FixtureServer, spans: InMemorySpanExporter
) -> None:
    fixture_server.enqueue(status=503, json={"message": "busy"}, path=PATH)

    async def refuse_retries(event: RequestEvent) -> None:
        await asyncio.sleep(0)
        if event.attempt == 1:
            raise HookFailed("no retry today")

    config = build_config(fixture_server, event_hooks={"request": [refuse_retries]})
    with pytest.raises(HookFailed):
        request_once("async", config, "GET", PATH)
    (span,) = client_spans(spans)
    attributes = dict(span.attributes or {})
    assert attributes["http.response.status_code"] == 503  # the last answer, the 503
    assert "http.request.resend_count" not in attributes  # the hook stopped the resend
    assert attributes["error.type"] == f"{__name__}.HookFailed"
    assert span.status.status_code is StatusCode.ERROR
    assert span.end_time is not None
