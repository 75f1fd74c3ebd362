"""The interface every transport implements, and what it returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Awaitable, Mapping, Optional, Protocol, Tuple

from runai.exceptions import ApiConnectionError, ApiTimeoutError


@dataclass(frozen=True)
class HttpRequest:
    """A fully built request, minus authentication (added per attempt)."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: Optional[bytes]
    timeout: Tuple[float, float]


@dataclass(frozen=True)
class HttpResponse:
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes


class SyncTransport(Protocol):
    def send(self, request: HttpRequest, headers: Mapping[str, str]) -> HttpResponse:
        """Send ``request`` with ``headers`` (the request's plus auth) and read the whole answer.

        Raises :class:`runai.exceptions.ApiConnectionError` (``request_sent`` says whether the
        server may have seen the request) or :class:`runai.exceptions.ApiTimeoutError`.
        """

    def close(self) -> None: ...


class AsyncTransport(Protocol):
    def send(self, request: HttpRequest, headers: Mapping[str, str]) -> Awaitable[HttpResponse]: ...

    async def close(self) -> None: ...


def connection_error(
    request: HttpRequest,
    message: str,
    *,
    timeout: bool = False,
    sent: bool = True,
    retryable: bool = True,
) -> ApiConnectionError:
    """The error a transport raises when no answer arrived; the query is left out of the URL."""
    cls = ApiTimeoutError if timeout else ApiConnectionError
    return cls(
        message,
        method=request.method,
        url=request.url.split("?", 1)[0],
        request_sent=sent,
        retryable=retryable,
    )
