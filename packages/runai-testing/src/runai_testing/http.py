"""The wire side: a threaded keep-alive HTTP/1.1 server and its request/response values.

The handler only parses and writes bytes; every decision is the application's, so the same
application serves the in-process ``ControlPlane`` and the ``runai-sim`` command.
"""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Optional, Tuple, Union
from urllib.parse import urlsplit

JSON_TYPE = "application/json"


@dataclass
class Request:
    method: str
    raw_path: str
    query_string: str
    headers: Dict[str, str]
    body: bytes

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())

    def json(self) -> Any:
        """The body as JSON, ``None`` when empty; raises ``ValueError`` when malformed."""
        if not self.body:
            return None
        return json.loads(self.body.decode("utf-8"))


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: Optional[str] = None
    headers: Dict[str, str] = field(default_factory=dict)
    drop: bool = False

    @classmethod
    def json(cls, status: int, payload: Any, headers: Optional[Dict[str, str]] = None) -> Response:
        data = json.dumps(payload, separators=(",", ":")).encode("utf-8")
        return cls(status, data, JSON_TYPE, dict(headers or {}))

    @classmethod
    def error(cls, status: int, message: str, details: Optional[str] = None) -> Response:
        """The spec's ``Error`` body."""
        payload: Dict[str, Any] = {"code": status, "message": message}
        if details is not None:
            payload["details"] = details
        return cls.json(status, payload)

    @classmethod
    def dropped(cls) -> Response:
        """Close the connection without answering."""
        return cls(0, drop=True)


Application = Callable[[Request], Response]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    server: SimulatorHttpServer

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        request = Request(
            self.command,
            url.path,
            url.query,
            {k.lower(): v for k, v in self.headers.items()},
            body,
        )
        response = self.server.app(request)
        if response.drop:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(response.status)
        if response.content_type and response.status not in (204, 304):
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            self.send_header(name, value)
        body_bytes = b"" if response.status in (204, 304) else response.body
        self.send_header("Content-Length", str(len(body_bytes)))
        self.end_headers()
        if body_bytes and self.command != "HEAD":
            self.wfile.write(body_bytes)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests and demos print what they need themselves."""


class SimulatorHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # bursts of connections from threaded and async clients

    def __init__(self, address: Tuple[str, int], app: Application) -> None:
        super().__init__(address, _Handler)
        self.app = app

    def handle_error(self, request: Union[socket.socket, Tuple[bytes, Any]], client: Any) -> None:
        """Clients that hang up mid-request are normal under fault injection."""


class ServerThread:
    """Runs a :class:`SimulatorHttpServer` in a background thread."""

    def __init__(self, app: Application, host: str = "127.0.0.1", port: int = 0) -> None:
        self.server: SimulatorHttpServer = SimulatorHttpServer((host, port), app)
        self._thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},  # how long stop() waits for the loop to notice
            name="runai-sim",
            daemon=True,
        )

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
