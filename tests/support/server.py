"""A real HTTP/1.1 server on 127.0.0.1 that plays the Run:ai control plane in tests.

It speaks over real sockets (keep-alive, optional TLS), issues JWT-shaped tokens from
``POST /api/v1/token``, enforces bearer auth on every other path, records every request exactly as
received, and answers from a queue of scripted responses (status, body, delay, dropped
connection). A small forward proxy (:class:`ForwardProxy`) sits in front of it for proxy tests.

An exception raised while answering (a ``default_response`` or ``on_request`` callable, a
script that cannot be rendered) is answered with a 500 and raised again when the server stops,
so the test that caused it fails instead of seeing an unexplained error.

Usage::

    with FixtureServer() as srv:
        srv.credentials = {"id": "secret"}
        srv.enqueue(status=503, method="GET", path="/api/v1/things", times=2)
        ...  # point a client at srv.url
        assert srv.requests[-1].raw_path == "/api/v1/things?x=1"
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import http.client
import itertools
import json
import socket
import ssl
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Set, Tuple, Union
from urllib.parse import parse_qs, parse_qsl, urlsplit

TOKEN_PATH = "/api/v1/token"
JSON_TYPE = "application/json"
_JWT_KEY = b"fixture-server-signing-key"
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}


# --------------------------------------------------------------------------------------------
# Tokens


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_jwt(claims: Mapping[str, Any], key: bytes = _JWT_KEY) -> str:
    """An HS256 JWT with ``claims`` (signature real, but nobody checks it but us)."""
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64url(json.dumps(dict(claims), separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode("ascii")
    signature = _b64url(hmac.new(key, signing_input, hashlib.sha256).digest())
    return f"{header}.{payload}.{signature}"


def decode_jwt_payload(token: str) -> Dict[str, Any]:
    """The claims of a JWT, without verification."""
    return json.loads(_b64url_decode(token.split(".")[1]))  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------------
# Requests and responses


class Headers:
    """A case-insensitive, read-only view of request headers that keeps repeated fields."""

    def __init__(self, items: List[Tuple[str, str]]) -> None:
        self._items = list(items)

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]:
        lname = name.lower()
        for key, value in self._items:
            if key.lower() == lname:
                return value
        return default

    def get_all(self, name: str) -> List[str]:
        lname = name.lower()
        return [value for key, value in self._items if key.lower() == lname]

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(key for key, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> List[Tuple[str, str]]:
        return list(self._items)

    def lower_dict(self) -> Dict[str, str]:
        """``{lowercase name: value}`` (the last value wins for repeated fields)."""
        return {key.lower(): value for key, value in self._items}

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


@dataclass
class RecordedRequest:
    """One request as the server saw it.

    ``target`` is the request-target exactly as received (absolute-form through a proxy);
    ``raw_path`` its origin-form part (path + ``?`` + query), never decoded; ``path`` and
    ``query`` split it at the first ``?``.
    """

    method: str
    target: str
    raw_path: str
    path: str
    query: str
    headers: Headers
    body: bytes
    client_address: Tuple[str, int] = ("", 0)
    auth_ok: Optional[bool] = None

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def form(self) -> Dict[str, str]:
        return dict(parse_qsl(self.body.decode("utf-8"), keep_blank_values=True))

    def query_params(self) -> Dict[str, List[str]]:
        """The query decoded the way a server framework would: ``{key: [values...]}``."""
        return parse_qs(self.query, keep_blank_values=True)

    @property
    def bearer(self) -> Optional[str]:
        value = self.headers.get("Authorization")
        if value and value.lower().startswith("bearer "):
            return value[7:].strip()
        return None


@dataclass
class ScriptedResponse:
    """What to answer. ``json`` wins over ``body``; ``drop`` closes the socket unanswered.

    ``stream``, when set, makes the body: called once per answer, its chunks are written as they
    come (a large body never sits in memory); give its size as a ``Content-Length`` header.
    """

    status: int = 200
    json: Any = None
    body: Union[bytes, str, None] = None
    headers: Optional[Mapping[str, str]] = None
    delay: float = 0.0
    drop: bool = False
    stream: Optional[Callable[[], Iterator[bytes]]] = None


@dataclass
class _Script:
    response: ScriptedResponse
    method: Optional[str]
    path: Optional[str]
    times: int

    def matches(self, req: RecordedRequest) -> bool:
        if self.method is not None and self.method.upper() != req.method:
            return False
        if self.path is None:
            # An unspecific script never answers the token endpoint: tests script API calls.
            return req.path != TOKEN_PATH
        return self.path in (req.path, req.raw_path)


DefaultResponse = Union[ScriptedResponse, Callable[[RecordedRequest], ScriptedResponse]]


# --------------------------------------------------------------------------------------------
# TLS


@dataclass
class ServerTLS:
    """TLS settings of a :class:`FixtureServer`, backed by a throwaway ``trustme`` CA.

    The server certificate covers ``hostnames`` (``127.0.0.1`` and ``localhost``). With
    ``require_client_cert`` the server demands a client certificate issued by the same CA.
    """

    require_client_cert: bool = False
    ca: Any = None
    hostnames: Tuple[str, ...] = ("127.0.0.1", "localhost")
    _server_cert: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        import trustme

        if self.ca is None:
            self.ca = trustme.CA()
        self._server_cert = self.ca.issue_cert(*self.hostnames)

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._server_cert.configure_cert(ctx)
        if self.require_client_cert:
            ctx.verify_mode = ssl.CERT_REQUIRED
            self.ca.configure_trust(ctx)
        return ctx

    def write_ca(self, directory: Union[str, Path], name: str = "ca.pem") -> str:
        """Write the CA certificate as PEM; returns the path."""
        path = Path(directory) / name
        self.ca.cert_pem.write_to_path(str(path))
        return str(path)

    def write_client_cert(
        self, directory: Union[str, Path], identity: str = "client@example.com"
    ) -> Tuple[str, str]:
        """Issue a client certificate from the CA; returns ``(cert_file, key_file)`` paths."""
        cert = self.ca.issue_cert(identity)
        cert_path = Path(directory) / "client-cert.pem"
        key_path = Path(directory) / "client-key.pem"
        with open(cert_path, "wb") as fh:
            for blob in cert.cert_chain_pems:
                fh.write(blob.bytes())
        cert.private_key_pem.write_to_path(str(key_path))
        return str(cert_path), str(key_path)


# --------------------------------------------------------------------------------------------
# The HTTP plumbing


class _HandlerErrors:
    """Exceptions raised in handler threads, kept until the test can fail with them."""

    def __init__(self, owner: str) -> None:
        self._owner = owner
        self._lock = threading.Lock()
        self._errors: List[Exception] = []

    def add(self, error: Exception) -> None:
        with self._lock:
            self._errors.append(error)

    def raise_first(self) -> None:
        with self._lock:
            errors = list(self._errors)
            self._errors.clear()
        if errors:
            first = errors[0]
            trace = "".join(traceback.format_exception(type(first), first, first.__traceback__))
            raise AssertionError(
                f"the {self._owner} failed {len(errors)} time(s) while answering; "
                f"the first failure:\n{trace}"
            ) from first


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 1024  # a burst of concurrent connects must not overflow the backlog

    def __init__(self, owner: Any, ssl_context: Optional[ssl.SSLContext], port: int = 0) -> None:
        self.owner = owner
        self.ssl_context = ssl_context
        super().__init__(("127.0.0.1", port), _Handler)

    def get_request(self) -> Tuple[socket.socket, Any]:
        sock, addr = super().get_request()
        if self.ssl_context is not None:
            # The handshake happens in the handler thread, so a stalled client can't block accept.
            sock = self.ssl_context.wrap_socket(
                sock, server_side=True, do_handshake_on_connect=False
            )
        return sock, addr

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that hang up, fail a TLS handshake or reset are part of the tests (OSError);
        # anything else is a bug of the handler or of the test's script.
        error = sys.exc_info()[1]
        if isinstance(error, Exception) and not isinstance(error, OSError):
            self.owner._handler_failed(error)
        else:
            self.owner._note_error()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "runai-fixture/1.0"
    sys_version = ""
    timeout = 30  # idle keep-alive connections don't keep a thread forever
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server: _Server

    def setup(self) -> None:
        super().setup()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.settimeout(10)
            self.connection.do_handshake()
            self.connection.settimeout(self.timeout)

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _record(self) -> RecordedRequest:
        words = self.requestline.split()
        target = words[1] if len(words) >= 2 else self.path
        origin = target
        if "://" in target.split("?", 1)[0]:
            parts = urlsplit(target)
            origin = parts.path or "/"
            if parts.query or target.endswith("?"):
                origin += "?" + parts.query
        path, _, query = origin.partition("?")
        return RecordedRequest(
            method=self.command,
            target=target,
            raw_path=origin,
            path=path,
            query=query,
            headers=Headers(list(self.headers.items())),
            body=self._read_body(),
            client_address=self.client_address,
        )

    def _handle(self) -> None:
        req = self._record()
        owner = self.server.owner
        try:
            response = owner._dispatch(req)
        except Exception as error:
            owner._handler_failed(error)
            response = ScriptedResponse(
                500, json={"code": 500, "message": f"fixture server handler failed: {error!r}"}
            )
        self._answer(req, response)

    def _answer(self, req: RecordedRequest, response: ScriptedResponse) -> None:
        owner = self.server.owner
        if response.delay:
            owner._sleep(response.delay)
        if response.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if response.json is not None:
            payload = json.dumps(response.json).encode("utf-8")
            content_type: Optional[str] = JSON_TYPE
        elif response.body is not None:
            payload = (
                response.body.encode("utf-8") if isinstance(response.body, str) else response.body
            )
            content_type = None
        else:
            payload = b""
            content_type = None
        headers = dict(response.headers or {})
        lower = {k.lower() for k in headers}
        self.send_response(response.status)
        if content_type and "content-type" not in lower:
            self.send_header("Content-Type", content_type)
        for key, value in headers.items():
            self.send_header(key, value)
        if "content-length" not in lower:
            self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if req.method != "HEAD" and payload:
            self.wfile.write(payload)
        if req.method != "HEAD" and response.stream is not None:
            # No idle timeout while streaming: a client that holds the connection without
            # reading keeps the server waiting, as a real one would (tests observe that).
            self.connection.settimeout(None)
            chunks = response.stream()
            try:
                for chunk in chunks:
                    self.wfile.write(chunk)
            finally:
                close = getattr(chunks, "close", None)
                if close is not None:
                    close()  # a generator learns at once that the client stopped reading
        self.wfile.flush()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle


# --------------------------------------------------------------------------------------------
# The fixture server


class FixtureServer:
    """A scripted Run:ai-like control plane on ``127.0.0.1:<free port>``.

    Knobs (plain attributes, change them at any time):

    - ``credentials``: ``{id: secret}`` accepted by the token endpoint;
    - ``grant_types``: the grant types the token endpoint knows; others get 400 "unsupported
      grant type" (``{"app_token"}`` plays a 2.18/2.19 control plane);
    - ``token_lifetime`` (s, may be negative; ``exp`` is whole seconds, so the effective lifetime
      is up to 1 s shorter), ``send_expires_in`` (add ``expiresIn``),
      ``expires_in_value`` (send this ``expiresIn`` instead of the lifetime), ``omit_exp``
      (tokens without ``exp``: valid until :meth:`expire_tokens`), ``token_delay`` (s);
    - ``require_auth``: every path but the token endpoint needs a valid bearer token;
      ``static_tokens``: tokens accepted without being issued;
    - ``default_response``: answer for unscripted requests (a :class:`ScriptedResponse` or a
      callable taking the :class:`RecordedRequest`);
    - ``on_request``: called with every :class:`RecordedRequest` (token requests included) in
      the handler thread before it is answered; it may block, to hold answers until the test
      allows them (a ``threading.Event``, a ``threading.Barrier``).

    An exception raised while answering (by these callables or a script that cannot be sent) is
    answered with a 500 and raised when the server stops: see :meth:`raise_handler_errors`.
    """

    def __init__(
        self,
        *,
        tls: Optional[ServerTLS] = None,
        credentials: Optional[Mapping[str, str]] = None,
        require_auth: bool = True,
        port: int = 0,
    ) -> None:
        self.tls = tls
        self._port = port
        self.credentials: Dict[str, str] = dict(
            credentials if credentials is not None else {"id": "secret"}
        )
        self.grant_types: Set[str] = {"client_credentials", "app_token"}
        self.token_lifetime: float = 3600.0
        self.send_expires_in = False
        self.expires_in_value: Optional[float] = None
        self.omit_exp = False
        self.token_delay = 0.0
        self.require_auth = require_auth
        self.static_tokens: Set[str] = set()
        self.default_response: DefaultResponse = ScriptedResponse(200, json={})
        self.on_request: Optional[Callable[[RecordedRequest], None]] = None

        self._lock = threading.Lock()
        self._requests: List[RecordedRequest] = []
        self._scripts: List[_Script] = []
        self._issued: Dict[str, Optional[float]] = {}  # token -> expiry (monotonic-free wall)
        self._issued_order: List[str] = []
        self._token_requests = 0
        self._auth_failures = 0
        self._errors = 0
        self._handler_errors = _HandlerErrors("fixture server")
        self._serial = itertools.count(1)
        self._stopping = threading.Event()
        self._httpd: Optional[_Server] = None
        self._thread: Optional[threading.Thread] = None

    # lifecycle ------------------------------------------------------------------------------

    def start(self) -> FixtureServer:
        ctx = self.tls.server_context() if self.tls is not None else None
        self._httpd = _Server(self, ctx, self._port)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fixture-server-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.stop()
        if exc_type is None:  # an error of the block itself is the one to report
            self.raise_handler_errors()

    def raise_handler_errors(self) -> None:
        """Raise the first exception raised while answering, if any (the others are counted)."""
        self._handler_errors.raise_first()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    # scripting ------------------------------------------------------------------------------

    def enqueue(
        self,
        status: int = 200,
        json: Any = None,
        body: Union[bytes, str, None] = None,
        headers: Optional[Mapping[str, str]] = None,
        delay: float = 0.0,
        drop: bool = False,
        method: Optional[str] = None,
        path: Optional[str] = None,
        times: int = 1,
        stream: Optional[Callable[[], Iterator[bytes]]] = None,
    ) -> None:
        """Answer the next ``times`` matching requests like this (FIFO among matches).

        ``path`` matches the raw path (with or without the query). A script without ``path``
        never answers the token endpoint; name ``TOKEN_PATH`` to script that.
        """
        response = ScriptedResponse(status, json, body, headers, delay, drop, stream)
        with self._lock:
            self._scripts.append(_Script(response, method, path, times))

    def clear(self) -> None:
        """Forget recorded requests, counters and pending scripts (tokens stay valid)."""
        with self._lock:
            self._requests.clear()
            self._scripts.clear()
            self._token_requests = 0
            self._auth_failures = 0

    def expire_tokens(self) -> None:
        """Every token issued so far is rejected from now on."""
        with self._lock:
            for token in self._issued:
                self._issued[token] = 0.0

    def issue_token(self, lifetime: Optional[float] = None, subject: str = "test") -> str:
        """Mint a token this server accepts, without going through the token endpoint."""
        return self._mint(subject, self.token_lifetime if lifetime is None else lifetime)

    # observations ---------------------------------------------------------------------------

    @property
    def requests(self) -> List[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def api_requests(self) -> List[RecordedRequest]:
        """Recorded requests except those to the token endpoint."""
        return [r for r in self.requests if r.path != TOKEN_PATH]

    def requests_to(self, path: str, method: Optional[str] = None) -> List[RecordedRequest]:
        return [
            r
            for r in self.requests
            if r.path == path and (method is None or r.method == method.upper())
        ]

    def token_request_bodies(self) -> List[Any]:
        return [r.json() for r in self.requests_to(TOKEN_PATH, "POST")]

    @property
    def token_requests(self) -> int:
        with self._lock:
            return self._token_requests

    @property
    def auth_failures(self) -> int:
        """How many requests the server rejected for a missing, unknown or expired token."""
        with self._lock:
            return self._auth_failures

    @property
    def issued_tokens(self) -> List[str]:
        with self._lock:
            return list(self._issued_order)

    @property
    def pending_scripts(self) -> int:
        with self._lock:
            return sum(s.times for s in self._scripts)

    # internals ------------------------------------------------------------------------------

    def _note_error(self) -> None:
        with self._lock:
            self._errors += 1

    def _handler_failed(self, error: Exception) -> None:
        self._handler_errors.add(error)

    def _sleep(self, seconds: float) -> None:
        self._stopping.wait(seconds)

    def _mint(self, subject: str, lifetime: float) -> str:
        now = time.time()
        claims: Dict[str, Any] = {"sub": subject, "iat": int(now), "jti": next(self._serial)}
        expiry: Optional[float] = None
        if not self.omit_exp:
            # Server and client agree to the second: the server honours the ``exp`` it wrote.
            claims["exp"] = int(now + lifetime)
            expiry = float(claims["exp"])
        token = make_jwt(claims)
        with self._lock:
            self._issued[token] = expiry
            self._issued_order.append(token)
        return token

    def _token_valid(self, token: Optional[str]) -> bool:
        if token is None:
            return False
        if token in self.static_tokens:
            return True
        with self._lock:
            if token not in self._issued:
                return False
            expiry = self._issued[token]
        return expiry is None or expiry > time.time()

    def _dispatch(self, req: RecordedRequest) -> ScriptedResponse:
        is_token = req.path == TOKEN_PATH and req.method == "POST"
        if not is_token and self.require_auth:
            req.auth_ok = self._token_valid(req.bearer)
        with self._lock:
            self._requests.append(req)
            if is_token:
                self._token_requests += 1
            if req.auth_ok is False:
                self._auth_failures += 1
        if self.on_request is not None:
            self.on_request(req)
        if req.auth_ok is False:
            return ScriptedResponse(
                401, json={"code": 401, "message": "Unauthorized: missing or invalid token"}
            )
        script = self._take_script(req)
        if script is not None:
            return script
        if is_token:
            if self.token_delay:
                self._sleep(self.token_delay)
            return self._token_response(req)
        default = self.default_response
        return default(req) if callable(default) else default

    def _take_script(self, req: RecordedRequest) -> Optional[ScriptedResponse]:
        with self._lock:
            for script in self._scripts:
                if script.matches(req):
                    script.times -= 1
                    if script.times <= 0:
                        self._scripts.remove(script)
                    return script.response
        return None

    def _token_response(self, req: RecordedRequest) -> ScriptedResponse:
        try:
            payload = req.json()
        except ValueError:
            return ScriptedResponse(400, json={"code": 400, "message": "invalid JSON body"})
        if not isinstance(payload, dict):
            return ScriptedResponse(400, json={"code": 400, "message": "invalid token request"})
        grant = payload.get("grantType")
        if grant not in self.grant_types:
            return ScriptedResponse(
                400, json={"code": 400, "message": f"unsupported grant type {grant}"}
            )
        if grant == "client_credentials":
            client_id, secret = payload.get("clientID"), payload.get("clientSecret")
        else:
            client_id, secret = payload.get("appID"), payload.get("appSecret")
        if not client_id or self.credentials.get(client_id) != secret or secret is None:
            return ScriptedResponse(401, json={"code": 401, "message": "invalid credentials"})
        token = self._mint(str(client_id), self.token_lifetime)
        body: Dict[str, Any] = {"accessToken": token}
        if self.expires_in_value is not None:
            body["expiresIn"] = self.expires_in_value
        elif self.send_expires_in:
            body["expiresIn"] = int(self.token_lifetime)
        return ScriptedResponse(200, json=body)


# --------------------------------------------------------------------------------------------
# A forward proxy


class _ProxyHandler(_Handler):
    def _handle(self) -> None:
        req = self._record()
        proxy: ForwardProxy = self.server.owner
        proxy._record(req)
        if "://" not in req.target:
            self._answer(req, ScriptedResponse(400, json={"message": "not a proxy request"}))
            return
        parts = urlsplit(req.target)
        forward_headers = {k: v for k, v in req.headers.items() if k.lower() not in _HOP_BY_HOP}
        for name in proxy.strip_headers:
            forward_headers = {k: v for k, v in forward_headers.items() if k.lower() != name}
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port or 80, timeout=30)
        try:
            conn.request(req.method, req.raw_path, body=req.body or None, headers=forward_headers)
            upstream = conn.getresponse()
            data = upstream.read()
            headers = {
                k: v
                for k, v in upstream.getheaders()
                if k.lower() not in _HOP_BY_HOP and k.lower() != "content-length"
            }
            self._answer(req, ScriptedResponse(upstream.status, body=data, headers=headers))
        except OSError as exc:
            self._answer(req, ScriptedResponse(502, json={"message": f"proxy error: {exc}"}))
        finally:
            conn.close()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle


class _ProxyServer(_Server):
    def __init__(self, owner: Any) -> None:
        self.owner = owner
        self.ssl_context = None
        ThreadingHTTPServer.__init__(self, ("127.0.0.1", 0), _ProxyHandler)


class ForwardProxy:
    """A plain-HTTP forward proxy for ``http://`` targets (absolute-form requests).

    Records every request it receives (``target`` is the absolute URL, ``headers`` include
    ``Proxy-Authorization`` and custom proxy headers), strips hop-by-hop headers and the names in
    ``strip_headers`` (lower case), and forwards to the target.
    """

    def __init__(self, strip_headers: Tuple[str, ...] = ()) -> None:
        self.strip_headers = tuple(h.lower() for h in strip_headers)
        self._lock = threading.Lock()
        self._requests: List[RecordedRequest] = []
        self._handler_errors = _HandlerErrors("forward proxy")
        self._httpd: Optional[_ProxyServer] = None
        self._thread: Optional[threading.Thread] = None

    def _record(self, req: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(req)

    def _note_error(self) -> None:
        return

    def _handler_failed(self, error: Exception) -> None:
        self._handler_errors.add(error)

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    @property
    def requests(self) -> List[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def start(self) -> ForwardProxy:
        self._httpd = _ProxyServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fixture-proxy",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ForwardProxy:
        return self.start()

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.stop()
        if exc_type is None:
            self._handler_errors.raise_first()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "proxy not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"
