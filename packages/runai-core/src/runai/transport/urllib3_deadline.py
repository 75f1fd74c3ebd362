"""A total deadline per attempt for urllib3, whose own timeouts bound each socket operation only.

A server that sends a byte just before every read timeout keeps a plain urllib3 call alive for
ever. The pools here make connections whose responses read the socket through
:class:`_DeadlineReader`: before every read, the socket's timeout becomes what is left of the
attempt's deadline when that is shorter than the read timeout, and a read once nothing is left
fails as a timeout, which urllib3 raises as ``ReadTimeoutError`` (headers and body alike).
urllib3 has no way to hand a value down to the connection it picks, so the deadline of the
attempt a thread is running waits in a thread-local.
"""

from __future__ import annotations

import io
import socket
import threading
from http.client import HTTPResponse
from time import monotonic
from typing import TYPE_CHECKING, Dict, Optional, Type, TypeVar, Union, cast

from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer
    from urllib3._base_connection import BaseHTTPConnection, BaseHTTPSConnection


class Deadline:
    """When one attempt must be complete; ``expired`` once a read was cut off by it."""

    __slots__ = ("ends", "expired", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends: Optional[float] = monotonic() + seconds
        self.expired = False

    def stop(self) -> None:
        """From now on reads wait for the read timeout only (a streamed body, read at the
        caller's pace)."""
        self.ends = None


_running = threading.local()
C = TypeVar("C", bound="Union[BaseHTTPConnection, BaseHTTPSConnection]")


def begin(seconds: Optional[float]) -> Optional[Deadline]:
    """Start the deadline of the attempt this thread is about to make (``None``: no deadline)."""
    deadline = None if seconds is None else Deadline(seconds)
    _running.deadline = deadline
    return deadline


def end() -> None:
    """The attempt's request returned: responses made later on this thread are not its own."""
    _running.deadline = None


class _DeadlineReader(io.RawIOBase):
    """The socket's reads, each bounded by what is left of the deadline.

    ``HTTPResponse.__init__`` takes it in place of the socket: all it does with one is ask for
    its file (:meth:`makefile`).
    """

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        super().__init__()
        # the socket's own file: it keeps the socket open until the response is read, even
        # when the connection closes first ("Connection: close"), as http.client's file does
        self._raw = sock.makefile("rb", buffering=0)
        self._sock = sock
        self._deadline = deadline
        self._read_timeout = sock.gettimeout()  # urllib3 set it to the read timeout
        self._shortened = False

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(self)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> Optional[int]:
        ends = self._deadline.ends
        if ends is not None:
            left = ends - monotonic()
            if self._read_timeout is None or left < self._read_timeout:
                return self._read_before(left, buffer)
        if self._shortened:
            self._sock.settimeout(self._read_timeout)
            self._shortened = False
        return self._raw.readinto(buffer)

    def _read_before(self, left: float, buffer: WriteableBuffer) -> Optional[int]:
        """A read the deadline, nearer than the read timeout, cuts off."""
        if left <= 0:
            self._deadline.expired = True
            raise socket.timeout(f"deadline of {self._deadline.seconds:g} s passed")
        self._sock.settimeout(left)
        self._shortened = True
        try:
            return self._raw.readinto(buffer)
        except socket.timeout:
            self._deadline.expired = True
            raise

    def fileno(self) -> int:
        return self._raw.fileno()

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class _DeadlineResponse(HTTPResponse):
    """http.client's response, reading under the deadline of the attempt that asked for it."""

    def __init__(
        self,
        sock: socket.socket,
        debuglevel: int = 0,
        method: Optional[str] = None,
        url: Optional[str] = None,
    ) -> None:
        deadline: Optional[Deadline] = getattr(_running, "deadline", None)
        if deadline is not None:
            sock = cast(socket.socket, _DeadlineReader(sock, deadline))
        super().__init__(sock, debuglevel, method, url)


class _HTTPConnectionPool(HTTPConnectionPool):
    def _new_conn(self) -> BaseHTTPConnection:
        return _reading_under_deadline(super()._new_conn())


class _HTTPSConnectionPool(HTTPSConnectionPool):
    def _new_conn(self) -> BaseHTTPSConnection:
        return _reading_under_deadline(super()._new_conn())


def _reading_under_deadline(connection: C) -> C:
    """``connection``, its answers read through :class:`_DeadlineResponse`.

    Set on the connection rather than by a ``ConnectionCls`` of our own, so that whatever
    connection class the pool is given (a library that records and replays HTTP, such as vcrpy,
    swaps the pools' ``ConnectionCls``) keeps working.
    """
    setattr(connection, "response_class", _DeadlineResponse)  # noqa: B010 (not in the protocol)
    return connection


POOL_CLASSES: Dict[str, Type[HTTPConnectionPool]] = {
    "http": _HTTPConnectionPool,
    "https": _HTTPSConnectionPool,
}
"""``PoolManager.pool_classes_by_scheme`` for pools whose answers respect the deadline."""
