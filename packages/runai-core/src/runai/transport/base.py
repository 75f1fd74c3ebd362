"""The interface every transport implements, and what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import AsyncIterator, Awaitable, Iterator, Mapping, Optional, Protocol, Tuple

from runai.exceptions import ApiConnectionError, ApiTimeoutError


@dataclass(frozen=True)
class HttpRequest:
    """A fully built request, minus authentication (added per attempt).

    ``timeout`` bounds connecting and each read of the socket; ``deadline`` (seconds, ``None``
    for none) the whole attempt: connect, headers and, for :meth:`SyncTransport.send`, the
    entire body (a streamed body is read at the caller's pace, so only the read timeout
    applies to it).

    Headers and body stay out of the repr: the body of a token request holds the client secret,
    and ``_headers`` may carry credentials.
    """

    method: str
    url: str
    headers: Mapping[str, str] = field(repr=False)
    body: Optional[bytes] = field(repr=False)
    timeout: Tuple[float, float]
    deadline: Optional[float] = None


@dataclass(frozen=True)
class HttpResponse:
    """An answer read whole; the body (a token endpoint's holds the token) is not in the repr."""

    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes = field(repr=False)


class OpenResponse(Protocol):
    """An answer whose headers arrived and whose body is still on the wire (sync transports).

    The connection stays checked out of the pool until the body is read to the end (it then goes
    back to the pool) or :meth:`close` drops it.
    """

    status: int
    reason: str
    headers: Mapping[str, str]

    def chunks(self, size: int) -> Iterator[bytes]:
        """The body in pieces of at most ``size`` bytes; a broken connection raises
        :class:`runai.exceptions.ApiConnectionError`."""
        ...

    def read(self) -> bytes:
        """The rest of the body, whole (error answers are small)."""
        ...

    def close(self) -> None:
        """Give the connection back: to the pool when the body was read, closed otherwise."""


class AsyncOpenResponse(Protocol):
    """:class:`OpenResponse` for the async transport."""

    status: int
    reason: str
    headers: Mapping[str, str]

    def chunks(self, size: int) -> AsyncIterator[bytes]: ...

    async def read(self) -> bytes: ...

    def close(self) -> None: ...


class SyncTransport(Protocol):
    def send(self, request: HttpRequest, headers: Mapping[str, str]) -> HttpResponse:
        """Send ``request`` with ``headers`` (the request's plus auth) and read the whole answer.

        Raises :class:`runai.exceptions.ApiConnectionError` (``request_sent`` says whether the
        server may have seen the request) or :class:`runai.exceptions.ApiTimeoutError`.
        """

    def open(self, request: HttpRequest, headers: Mapping[str, str]) -> OpenResponse:
        """Like :meth:`send`, but return as soon as the headers arrived (streamed downloads)."""
        ...

    def close(self) -> None: ...


class AsyncTransport(Protocol):
    def send(self, request: HttpRequest, headers: Mapping[str, str]) -> Awaitable[HttpResponse]: ...

    def open(
        self, request: HttpRequest, headers: Mapping[str, str]
    ) -> Awaitable[AsyncOpenResponse]: ...

    async def close(self) -> None: ...


def deadline_error(request: HttpRequest, seconds: float) -> ApiConnectionError:
    """The attempt outlived its deadline: a timeout, repeated only where a read timeout is."""
    return connection_error(
        request,
        f"no complete answer within the deadline of {seconds:g} s (connect, headers and body);"
        " raise Configuration(request_deadline=...), or pass _request_timeout=<seconds> for"
        " this call",
        timeout=True,
    )


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
