"""Answers whose body is read on demand, for downloads too large to hold in memory.

:func:`runai.streaming.stream` returns them. Each holds one pooled connection: it goes back to the
pool once the body has been read to the end, and is closed (never reused half-read) when the
response is closed early, by ``with``/``async with`` or :meth:`close`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    BinaryIO,
    Callable,
    Generator,
    Iterator,
    Mapping,
    Optional,
    Type,
    Union,
)

if TYPE_CHECKING:
    from runai.transport.base import AsyncOpenResponse, OpenResponse

#: ``iter_bytes``/``aiter_bytes``: small enough for flat memory, large enough for few reads.
CHUNK_SIZE = 64 * 1024
#: ``write_to``: fewer, larger writes (and, async, fewer hops to a worker thread).
FILE_CHUNK_SIZE = 1024 * 1024

PathArg = Union[str, "os.PathLike[str]"]


class StreamedResponse:
    """A 2xx answer of the sync or threaded client whose body is still on the wire.

    Read the body once, with :meth:`iter_bytes` or :meth:`write_to`; use the response in a
    ``with`` block (or call :meth:`close`) so that a body left unread frees its connection.
    Error statuses never get here: they raise the usual :class:`~runai.exceptions.ApiException`.
    """

    __slots__ = ("_response", "_state", "headers", "status_code")

    def __init__(self, response: OpenResponse) -> None:
        self.status_code: int = response.status
        self.headers: Mapping[str, str] = response.headers
        self._response = response
        self._state = _UNREAD

    @property
    def closed(self) -> bool:
        """Whether the connection was given back (body read to the end, or closed early)."""
        return self._state == _CLOSED

    def iter_bytes(self, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        """The body in chunks of at most ``chunk_size`` bytes, read as you iterate.

        A connection that breaks mid-body raises :class:`~runai.exceptions.ApiConnectionError`
        (never retried: part of the body was already handed out).
        """
        _check_chunk_size(chunk_size)
        self._start()
        return self._chunks(chunk_size)

    def _chunks(self, chunk_size: int) -> Iterator[bytes]:
        try:
            yield from self._response.chunks(chunk_size)
        finally:
            self.close()

    def write_to(self, path: PathArg, *, chunk_size: int = FILE_CHUNK_SIZE) -> int:
        """Write the body to the file ``path`` (created or truncated); returns the bytes written.

        When the download fails, the partial file is removed and the error raised.
        """
        _check_chunk_size(chunk_size)
        self._start()
        target = os.fspath(path)
        try:
            file = open(target, "wb")  # noqa: SIM115 - closed below, removed when the download fails
        except BaseException:
            self.close()
            raise
        written = 0
        try:
            with file:
                for chunk in self._chunks(chunk_size):
                    file.write(chunk)
                    written += len(chunk)
        except BaseException:
            self.close()
            _remove(target)
            raise
        return written

    def close(self) -> None:
        """Free the connection: back to the pool if the body was read, closed otherwise."""
        if self._state != _CLOSED:
            self._state = _CLOSED
            self._response.close()

    def _start(self) -> None:
        if self._state != _UNREAD:
            raise RuntimeError(_READ_ONCE)
        self._state = _READING

    def __enter__(self) -> StreamedResponse:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<StreamedResponse status={self.status_code} {self._state}>"


class AsyncStreamedResponse:
    """A 2xx answer of the async client whose body is still on the wire.

    The async counterpart of :class:`StreamedResponse`: ``async for chunk in
    response.aiter_bytes()``, ``await response.write_to(path)``, ``await response.close()``.
    """

    __slots__ = ("_response", "_state", "headers", "status_code")

    def __init__(self, response: AsyncOpenResponse) -> None:
        self.status_code: int = response.status
        self.headers: Mapping[str, str] = response.headers
        self._response = response
        self._state = _UNREAD

    @property
    def closed(self) -> bool:
        """Whether the connection was given back (body read to the end, or closed early)."""
        return self._state == _CLOSED

    def aiter_bytes(self, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """The body in chunks of at most ``chunk_size`` bytes, read as you iterate."""
        _check_chunk_size(chunk_size)
        self._start()
        return self._chunks(chunk_size)

    async def _chunks(self, chunk_size: int) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.chunks(chunk_size):
                yield chunk
        finally:
            self._close()

    async def write_to(self, path: PathArg, *, chunk_size: int = FILE_CHUNK_SIZE) -> int:
        """Write the body to the file ``path``; returns the bytes written.

        File operations run in a worker thread, so the event loop never waits for the disk.
        When the download fails, the partial file is removed and the error raised.
        """
        _check_chunk_size(chunk_size)
        self._start()
        target = os.fspath(path)
        try:
            file: BinaryIO = await asyncio.to_thread(open, target, "wb")
        except BaseException:
            self._close()
            raise
        written = 0
        try:
            try:
                async for chunk in self._chunks(chunk_size):
                    await asyncio.to_thread(file.write, chunk)
                    written += len(chunk)
            finally:
                file.close()
        except BaseException:
            self._close()
            _remove(target)
            raise
        return written

    async def close(self) -> None:
        """Free the connection: back to the pool if the body was read, closed otherwise."""
        self._close()

    def _close(self) -> None:
        if self._state != _CLOSED:
            self._state = _CLOSED
            self._response.close()

    def _start(self) -> None:
        if self._state != _UNREAD:
            raise RuntimeError(_READ_ONCE)
        self._state = _READING

    async def __aenter__(self) -> AsyncStreamedResponse:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self._close()

    def __repr__(self) -> str:
        return f"<AsyncStreamedResponse status={self.status_code} {self._state}>"


class AsyncStreamContext:
    """What a streamed call of the async client returns, before anything is sent.

    ``async with`` it (the connection is freed on exit), or ``await`` it for the open
    :class:`AsyncStreamedResponse` and close that yourself.
    """

    __slots__ = ("_open", "_response")

    def __init__(self, open_response: Callable[[], Awaitable[AsyncStreamedResponse]]) -> None:
        self._open = open_response
        self._response: Optional[AsyncStreamedResponse] = None

    def __await__(self) -> Generator[Any, None, AsyncStreamedResponse]:
        return self._opened().__await__()

    async def _opened(self) -> AsyncStreamedResponse:
        if self._response is not None:
            raise RuntimeError("this streamed call was already sent; call stream() again")
        self._response = await self._open()
        return self._response

    async def __aenter__(self) -> AsyncStreamedResponse:
        return await self._opened()

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if self._response is not None:
            await self._response.close()


_UNREAD = "unread"
_READING = "reading"
_CLOSED = "closed"
_READ_ONCE = (
    "the body of this streamed response was already read or closed; "
    "a streamed body can be read once (make the call again to read it again)"
)


def _check_chunk_size(chunk_size: int) -> None:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive number of bytes, got {chunk_size!r}")


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
