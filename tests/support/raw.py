"""Loopback servers below HTTP correctness: malformed answers, and a proxy that demands Basic auth.

:class:`RawServer` reads each request's head and body and writes back bytes exactly as scripted
(a bad status line, a broken chunk, too many header lines), then closes the connection;
:class:`DripServer` writes its answer one byte at a time. :class:`AuthProxy` is a forward proxy
for ``http://`` targets that answers 407 unless ``Proxy-Authorization`` carries its user and
password, and refuses every ``CONNECT`` with 407 when the credentials are wrong.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import socket
import socketserver
import threading
import time
from typing import Dict, List, Optional, Tuple, TypeVar
from urllib.parse import urlsplit

_PROXY_407 = (
    b"HTTP/1.1 407 Proxy Authentication Required\r\n"
    b'Proxy-Authenticate: Basic realm="tests"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'
)


def _read_head(sock: socket.socket) -> Tuple[str, Dict[str, str], bytes]:
    """Request line, headers (lower-case names) and body of one request."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers: Dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length") or 0)
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return lines[0], headers, rest


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


B = TypeVar("B", bound="_Base")


class _Base:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: List[Tuple[str, Dict[str, str]]] = []
        self._server: Optional[_Server] = None

    def _serve(self, conn: socket.socket) -> None:
        raise NotImplementedError

    def start(self: B) -> B:
        owner = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                sock: socket.socket = self.request
                sock.settimeout(10)
                with contextlib.suppress(OSError):
                    owner._serve(sock)

        self._server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self: B) -> B:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "not started"
        return int(self._server.server_address[1])

    def _note(self, line: str, headers: Dict[str, str]) -> None:
        with self.lock:
            self.seen.append((line, headers))


class RawServer(_Base):
    """Answers every request with ``answer``, byte for byte, then closes the connection."""

    def __init__(self, answer: bytes) -> None:
        super().__init__()
        self.answer = answer

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self, conn: socket.socket) -> None:
        line, headers, _ = _read_head(conn)
        self._note(line, headers)
        conn.sendall(self.answer)
        conn.close()


class DripServer(RawServer):
    """Answers every request with ``answer`` one byte at a time, ``interval`` seconds apart (the
    first ``at_once`` bytes in one write): a server that never lets a read time out, yet takes
    ``len(answer) * interval`` seconds to answer."""

    def __init__(self, answer: bytes, interval: float, at_once: int = 0) -> None:
        super().__init__(answer)
        self.interval = interval
        self.at_once = at_once

    def _serve(self, conn: socket.socket) -> None:
        line, headers, _ = _read_head(conn)
        self._note(line, headers)
        conn.sendall(self.answer[: self.at_once])
        for index in range(self.at_once, len(self.answer)):
            time.sleep(self.interval)
            conn.sendall(self.answer[index : index + 1])  # raises once the client went away
        conn.close()


class AuthProxy(_Base):
    """A forward proxy demanding ``Proxy-Authorization: Basic user:password``."""

    def __init__(self, user: str, password: str) -> None:
        super().__init__()
        expected = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self.expected = f"Basic {expected}"

    def url(self, userinfo: str = "") -> str:
        return f"http://{userinfo + '@' if userinfo else ''}127.0.0.1:{self.port}"

    def _serve(self, conn: socket.socket) -> None:
        line, headers, body = _read_head(conn)
        self._note(line, headers)
        method, target = ([*line.split(" "), "", ""])[:2]
        if headers.get("proxy-authorization") != self.expected or method == "CONNECT":
            conn.sendall(_PROXY_407)
            conn.close()
            return
        parts = urlsplit(target)
        forward = {k: v for k, v in headers.items() if not k.startswith("proxy-")}
        forward.pop("connection", None)
        upstream = http.client.HTTPConnection(parts.hostname or "", parts.port or 80, timeout=10)
        try:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            upstream.request(method, path, body=body or None, headers=forward)
            answer = upstream.getresponse()
            data = answer.read()
            head = [f"HTTP/1.1 {answer.status} {answer.reason}"]
            for name, value in answer.getheaders():
                if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                    head.append(f"{name}: {value}")
            head += [f"Content-Length: {len(data)}", "Connection: close", "", ""]
            conn.sendall("\r\n".join(head).encode("latin-1") + data)
        finally:
            upstream.close()
            conn.close()
