"""The async transport: one aiohttp session per client, created inside the running loop."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, AsyncIterator, Dict, Mapping, Optional, Tuple

from runai.exceptions import ApiConnectionError, OpenApiException
from runai.transport.base import HttpRequest, HttpResponse, connection_error, deadline_error
from runai.transport.env_proxy import chosen_proxy
from runai.transport.safety import warn_about_unsafe_settings
from runai.transport.secrets import redact, secret_values, url_secrets
from runai.transport.tls import ssl_context

if TYPE_CHECKING:
    import aiohttp
    from aiohttp import ClientResponse

    from runai.configuration import Configuration

try:
    import aiohttp
    from yarl import URL
except ImportError:  # pragma: no cover - exercised in a venv without the extra
    aiohttp = None  # type: ignore[assignment]

CONNECTION_LIMIT = 100
"""aiohttp caps concurrent connections (urllib3 only caps idle ones); ``pool_maxsize`` raises it."""


def require_aiohttp() -> None:
    if aiohttp is None:
        raise OpenApiException(
            "AsyncApiClient needs aiohttp; install it with: pip install 'runai-core[async]' "
            "(the runapy distribution includes it)"
        )


class AiohttpTransport:
    """Sends requests with aiohttp; TLS, proxy and SNI options mirror the urllib3 transport."""

    def __init__(self, config: Configuration) -> None:
        require_aiohttp()
        warn_about_unsafe_settings(config)
        self._config = config
        proxy = chosen_proxy(config)
        needs_tls = config.runai_base_url.startswith("https://") or bool(proxy)
        self._ssl: Any = ssl_context(config) if needs_tls else None
        self._session: Optional[aiohttp.ClientSession] = None
        self._timeouts: Dict[Tuple[float, float, Optional[float]], aiohttp.ClientTimeout] = {}
        self._extra: Dict[str, Any] = {"allow_redirects": False}
        self._plain_proxy_headers: Dict[str, str] = {}
        self._proxy_secrets: Tuple[str, ...] = ()
        if proxy:
            # aiohttp sends the proxy URL's credentials as Basic auth; errors must not show them
            self._proxy_secrets = tuple(url_secrets(proxy))
            self._extra["proxy"] = proxy
            if config.proxy_headers:
                self._extra["proxy_headers"] = dict(config.proxy_headers)
                if config.runai_base_url.startswith("http://"):
                    # aiohttp sends proxy_headers only on CONNECT; a plain-HTTP proxy reads
                    # them from the forwarded request itself.
                    self._plain_proxy_headers = dict(config.proxy_headers)
        if config.proxy_server_name:
            self._extra["server_hostname"] = config.proxy_server_name

    def _open_session(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=max(CONNECTION_LIMIT, self._config.pool_maxsize),
            ssl=self._ssl if self._ssl is not None else True,
        )
        session = aiohttp.ClientSession(connector=connector, auto_decompress=True, trust_env=False)
        # aiohttp silently repeats an idempotent request once when a pooled connection breaks;
        # the retry policy alone decides about repeats (no public switch exists for this).
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        self._session = session
        return session

    async def send(self, request: HttpRequest, headers: Mapping[str, str]) -> HttpResponse:
        try:
            async with self._request(request, headers) as response:
                body = await response.read()
                return HttpResponse(response.status, response.reason or "", response.headers, body)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            error = _connection_error(exc, request, self._secrets(headers))
        raise error  # outside the except block: the aiohttp error must not stay reachable

    async def open(self, request: HttpRequest, headers: Mapping[str, str]) -> AiohttpOpenResponse:
        secrets = self._secrets(headers)
        try:
            # aiohttp's total timeout would go on through the body, which the caller reads at
            # their own pace: the deadline covers connect and headers here.
            response = await asyncio.wait_for(
                self._request(request, headers, streamed=True), request.deadline
            )
            return AiohttpOpenResponse(response, request, secrets)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            error = _connection_error(exc, request, secrets)
        raise error

    def _secrets(self, headers: Mapping[str, str]) -> Tuple[str, ...]:
        sent = {**self._config.proxy_headers, **headers}
        return tuple(secret_values(sent, *self._proxy_secrets))

    def _request(
        self, request: HttpRequest, headers: Mapping[str, str], *, streamed: bool = False
    ) -> Any:
        """aiohttp's request context manager (also awaitable for the response)."""
        session = self._session or self._open_session()
        connect, read = request.timeout
        total = None if streamed else request.deadline  # aiohttp's total covers the body too
        key = (connect, read, total)
        timeout = self._timeouts.get(key)
        if timeout is None:
            timeout = aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)
            self._timeouts[key] = timeout
        if self._plain_proxy_headers:
            headers = {**self._plain_proxy_headers, **headers}
        return session.request(
            request.method,
            URL(request.url, encoded=True),  # already encoded once; yarl must not requote
            data=request.body,
            headers=headers,
            timeout=timeout,
            skip_auto_headers=("Content-Type",),
            **self._extra,
        )

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()


class AiohttpOpenResponse:
    """An aiohttp response whose body is read on demand; see ``AsyncOpenResponse``."""

    def __init__(
        self, response: ClientResponse, request: HttpRequest, secrets: Tuple[str, ...]
    ) -> None:
        self.status: int = response.status
        self.reason: str = response.reason or ""
        self.headers: Mapping[str, str] = response.headers
        self._response = response
        self._request = request
        self._secrets = secrets

    async def chunks(self, size: int) -> AsyncIterator[bytes]:
        error: Optional[ApiConnectionError] = None
        try:
            async for chunk in self._response.content.iter_chunked(size):
                yield chunk
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            error = _connection_error(exc, self._request, self._secrets)
        if error is not None:
            raise error

    async def read(self) -> bytes:
        try:
            return await self._response.read()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            error = _connection_error(exc, self._request, self._secrets)
        raise error

    def close(self) -> None:
        response = self._response
        if response.content.at_eof():
            response.release()  # read to the end: the connection goes back to the pool
        else:
            response.close()  # unread bytes: the connection cannot be reused


def _connection_error(
    exc: BaseException, request: HttpRequest, secrets: Tuple[str, ...]
) -> ApiConnectionError:
    """Our error for ``exc``, worded from safe parts only.

    aiohttp's own text is unsafe: the ``repr`` of a ``ClientResponseError`` holds the request's
    headers (``Authorization``), its ``str`` the URL it saw (the proxy's, with its password).
    """
    connect_timeout = getattr(aiohttp, "ConnectionTimeoutError", ())
    if connect_timeout and isinstance(exc, connect_timeout):
        message = f"connect timeout after {request.timeout[0]} s"
        return connection_error(request, message, timeout=True, sent=False)
    if isinstance(exc, asyncio.TimeoutError):
        if request.deadline is not None and not isinstance(exc, aiohttp.ServerTimeoutError):
            return deadline_error(request, request.deadline)  # the total, not one read
        return connection_error(request, f"read timeout after {request.timeout[1]} s", timeout=True)
    if isinstance(exc, aiohttp.ClientSSLError):
        return connection_error(
            request, f"TLS error: {_describe(exc, secrets)}", sent=False, retryable=False
        )
    if isinstance(exc, aiohttp.ClientHttpProxyError):
        # The proxy refused the tunnel (407: its credentials are missing or wrong).
        return connection_error(request, f"proxy refused: {_describe(exc, secrets)}", sent=False)
    if isinstance(exc, (aiohttp.ClientConnectorError, aiohttp.ClientProxyConnectionError)):
        return connection_error(request, f"cannot connect: {_describe(exc, secrets)}", sent=False)
    return connection_error(request, f"connection failed: {_describe(exc, secrets)}")


def _describe(exc: BaseException, secrets: Tuple[str, ...]) -> str:
    """The class name and what failed, without the request aiohttp attaches to its errors."""
    name = type(exc).__name__
    if isinstance(exc, aiohttp.ClientResponseError):
        detail = f"{exc.status} {exc.message}".strip() if exc.status else exc.message
    else:
        detail = str(exc)
    return redact(f"{name}: {detail}" if detail else name, secrets)
