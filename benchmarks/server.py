"""A minimal HTTP/1.1 keep-alive server on 127.0.0.1 for the benchmarks, run as its own process.

``python -m benchmarks.server`` prints the port it listens on, then serves until killed.
It answers only what the scenarios call, from bodies built once, so the clients (not the server)
are what the numbers measure:

- ``GET /api/v1/org-unit/projects`` and ``GET /api/v1/workloads``: JSON bodies (``bodies``);
- ``POST /api/v1/token``: ``{"accessToken": <JWT>}``; a client id ``life-<seconds>`` chooses the
  token's lifetime (``exp``), any other id gets an hour;
- ``GET /bench/stats``: how many token requests and other requests were answered.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from typing import Dict, List, Optional, Tuple

from benchmarks import bodies

_LIFETIME = re.compile(rb'"(?:clientID|appID|AppId)"\s*:\s*"life-([0-9.]+)"')


def _response(status: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}"
    return head.encode("ascii") + b"\r\n\r\n" + body


class Answers:
    """Pre-encoded answers by path, and the request counters."""

    def __init__(self) -> None:
        self.fixed: Dict[bytes, bytes] = {
            b"/api/v1/org-unit/projects": _response("200 OK", bodies.projects_body()),
            b"/api/v1/workloads": _response("200 OK", bodies.workloads_body()),
        }
        self.not_found = _response("404 Not Found", b'{"code":404,"message":"not found"}')
        self.counts = {"token_requests": 0, "requests": 0}

    def answer(self, method: bytes, target: bytes, body: bytes) -> bytes:
        path = target.split(b"?", 1)[0]
        if path == b"/api/v1/token" and method == b"POST":
            self.counts["token_requests"] += 1
            found = _LIFETIME.search(body)
            lifetime = float(found.group(1)) if found else 3600.0
            token = json.dumps({"accessToken": bodies.jwt(lifetime)}).encode()
            return _response("200 OK", token)
        self.counts["requests"] += 1
        if path == b"/bench/stats":
            return _response("200 OK", json.dumps(self.counts).encode())
        return self.fixed.get(path, self.not_found)


class HttpProtocol(asyncio.Protocol):
    """Parses requests (``Content-Length`` bodies only) and writes the pre-built answers."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.buffer = b""
        self.transport: Optional[asyncio.Transport] = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        out: List[bytes] = []
        while True:
            parsed = _split_request(self.buffer)
            if parsed is None:
                break
            method, target, body, rest = parsed
            self.buffer = rest
            out.append(self.answers.answer(method, target, body))
        if out and self.transport is not None:
            self.transport.write(b"".join(out))


def _split_request(buffer: bytes) -> Optional[Tuple[bytes, bytes, bytes, bytes]]:
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = buffer[:end]
    request_line, _, header_text = head.partition(b"\r\n")
    method, target, _ = request_line.split(b" ", 2)
    length = 0
    for line in header_text.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    start = end + 4
    if len(buffer) < start + length:
        return None
    return method, target, buffer[start : start + length], buffer[start + length :]


async def serve(port: int) -> None:
    answers = Answers()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: HttpProtocol(answers), "127.0.0.1", port, backlog=512)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
