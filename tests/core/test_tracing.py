"""OpenTelemetry: each call one client span with the HTTP attributes, read from the SDK's
in-memory exporter (the application's side of the `otel` extra)."""

from __future__ import annotations

from typing import Iterator, List

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from runai.exceptions import ApiConnectionError, NotFoundException
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
