"""OpenTelemetry: each call a client span, when the application uses OpenTelemetry.

Nothing here imports OpenTelemetry on its own: a client traces its calls only once
``opentelemetry.trace`` has been imported by the application (configuring a tracer provider or
running under ``opentelemetry-instrument`` does so), so a program that does not trace pays one
dictionary look-up per call and no import. Install the API with ``pip install runai-core[otel]``.

The span follows the OpenTelemetry HTTP client conventions: named after the method, with
``http.request.method``, ``url.full`` (without credentials), ``server.address``, ``server.port``,
``http.response.status_code`` of the last answer, ``http.request.resend_count`` when the call
was sent more than once, and ``error.type`` (the status, or the exception's class) when it failed.
Its parent is the span current where the call was made (a ``ThreadedApiClient`` runs each call
in a copy of the caller's context). A streamed call's span ends with the answer's headers; a
paged list has one span per page.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING, Optional, Type
from urllib.parse import urlsplit

from runai._version import __version__
from runai.exceptions import ApiException
from runai.transport.secrets import split_userinfo

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from opentelemetry.trace import Span

    from runai.transport.base import HttpRequest

OTEL_TRACE = "opentelemetry.trace"


def in_use() -> bool:
    """Whether the application imported OpenTelemetry's tracing API."""
    return OTEL_TRACE in sys.modules


class CallSpan:
    """``with CallSpan(request) as span:`` around one call; the client reports each answer."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request
        self._entered: Optional[AbstractContextManager[Span]] = None
        self._span: Optional[Span] = None

    def __enter__(self) -> CallSpan:
        from opentelemetry import trace

        request = self._request
        url = split_userinfo(request.url)[0]
        parts = urlsplit(url)
        attributes = {"http.request.method": request.method, "url.full": url}
        if parts.hostname:
            attributes["server.address"] = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        tracer = trace.get_tracer("runai", __version__)
        self._entered = tracer.start_as_current_span(
            request.method, kind=trace.SpanKind.CLIENT, attributes=attributes
        )
        self._span = self._entered.__enter__()
        self._span.set_attribute("server.port", port)
        return self

    def sending(self, attempt: int) -> None:
        """Sending number ``attempt`` (0 the first) of the call starts."""
        if attempt and self._span is not None:
            self._span.set_attribute("http.request.resend_count", attempt)

    def answered(self, status: int) -> None:
        """An answer arrived with ``status``."""
        if self._span is not None:
            self._span.set_attribute("http.response.status_code", status)

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        span = self._span
        if span is not None and exc is not None:
            if isinstance(exc, ApiException) and exc.status:
                span.set_attribute("error.type", str(exc.status))
            else:
                span.set_attribute("error.type", f"{type(exc).__module__}.{type(exc).__qualname__}")
        if self._entered is not None:
            self._entered.__exit__(exc_type, exc, tb)
