"""The sync transport: a urllib3 pool with its own retries and redirects switched off."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterator, Mapping, Optional, Tuple

import urllib3
from urllib3 import exceptions as u3

from runai.exceptions import ApiConnectionError
from runai.transport import urllib3_deadline
from runai.transport.base import HttpRequest, HttpResponse, connection_error, deadline_error
from runai.transport.env_proxy import chosen_proxy
from runai.transport.safety import warn_about_unsafe_settings
from runai.transport.secrets import split_userinfo
from runai.transport.tls import ssl_context

if TYPE_CHECKING:
    from runai.configuration import Configuration


class Urllib3Transport:
    """Sends requests through a ``PoolManager``, or a ``ProxyManager`` when ``proxy_url`` or the
    environment names a proxy.

    The retry policy, not urllib3, decides about repeats, so urllib3's ``retries`` and
    ``redirect`` are off.
    """

    def __init__(self, config: Configuration, maxsize: Optional[int] = None) -> None:
        warn_about_unsafe_settings(config)
        pool_kw: Dict[str, Any] = {
            "maxsize": max(maxsize or 0, config.pool_maxsize),
            "block": False,
            "retries": False,
        }
        proxy = chosen_proxy(config)
        if config.runai_base_url.startswith("https://") or proxy:
            pool_kw["ssl_context"] = ssl_context(config)
        if config.proxy_server_name:
            pool_kw["server_hostname"] = config.proxy_server_name
        self._pool: urllib3.PoolManager
        if proxy:
            proxy_url, userinfo = split_userinfo(proxy)
            proxy_headers = dict(config.proxy_headers)
            if userinfo and not any(k.lower() == "proxy-authorization" for k in proxy_headers):
                # urllib3 ignores credentials in the proxy URL; aiohttp sends them: do the same.
                proxy_headers.update(urllib3.make_headers(proxy_basic_auth=userinfo))
            self._pool = urllib3.ProxyManager(proxy_url, proxy_headers=proxy_headers, **pool_kw)
        else:
            self._pool = urllib3.PoolManager(**pool_kw)
        self._pool.pool_classes_by_scheme = urllib3_deadline.POOL_CLASSES
        self._timeouts: Dict[Tuple[float, float, Optional[float]], urllib3.Timeout] = {}

    def send(self, request: HttpRequest, headers: Mapping[str, str]) -> HttpResponse:
        response = self._request(request, headers, preload=True)
        return HttpResponse(response.status, response.reason or "", response.headers, response.data)

    def open(self, request: HttpRequest, headers: Mapping[str, str]) -> Urllib3OpenResponse:
        return Urllib3OpenResponse(self._request(request, headers, preload=False), request)

    def _request(
        self, request: HttpRequest, headers: Mapping[str, str], *, preload: bool
    ) -> urllib3.BaseHTTPResponse:
        connect, read = request.timeout
        key = (connect, read, request.deadline)
        timeout = self._timeouts.get(key)
        if timeout is None:
            if request.deadline is not None:
                connect = min(connect, request.deadline)
            timeout = urllib3.Timeout(connect=connect, read=read)
            self._timeouts[key] = timeout
        deadline = urllib3_deadline.begin(request.deadline)
        try:
            response = self._pool.request(
                request.method,
                request.url,
                body=request.body,
                headers=headers,
                timeout=timeout,
                retries=False,
                redirect=False,
                preload_content=preload,
            )
        except u3.HTTPError as exc:
            raise _connection_error(exc, request, deadline) from exc
        finally:
            urllib3_deadline.end()
        if deadline is not None:
            deadline.stop()  # what is left of a streamed body is read at the caller's pace
        return response

    def close(self) -> None:
        self._pool.clear()


class Urllib3OpenResponse:
    """A urllib3 response read lazily (``preload_content=False``); see ``OpenResponse``."""

    def __init__(self, response: urllib3.BaseHTTPResponse, request: HttpRequest) -> None:
        self.status: int = response.status
        self.reason: str = response.reason or ""
        self.headers: Mapping[str, str] = response.headers
        self._response = response
        self._request = request

    def chunks(self, size: int) -> Iterator[bytes]:
        try:
            # urllib3 puts the connection back into the pool once the last byte is read.
            yield from self._response.stream(size, decode_content=True)
        except u3.HTTPError as exc:
            raise _connection_error(exc, self._request) from exc

    def read(self) -> bytes:
        try:
            return self._response.read(decode_content=True)
        except u3.HTTPError as exc:
            raise _connection_error(exc, self._request) from exc

    def close(self) -> None:
        response = self._response
        if not response.closed:
            # Unread bytes make the connection unusable: close it rather than read them, and
            # still hand it back, so the pool reconnects in its place.
            response.close()
        response.release_conn()


def _connection_error(
    exc: u3.HTTPError, request: HttpRequest, deadline: Optional[urllib3_deadline.Deadline] = None
) -> ApiConnectionError:
    if deadline is not None and deadline.expired:
        return deadline_error(request, deadline.seconds)
    if isinstance(exc, u3.ReadTimeoutError):
        return connection_error(request, f"read timeout after {request.timeout[1]} s", timeout=True)
    if isinstance(exc, u3.SSLError):
        return connection_error(request, f"TLS error: {exc}", sent=False, retryable=False)
    if isinstance(exc, (u3.NewConnectionError, u3.NameResolutionError, u3.ProxyError)):
        # checked before ConnectTimeoutError, which NewConnectionError subclasses
        return connection_error(request, f"cannot connect: {exc}", sent=False)
    if isinstance(exc, u3.ConnectTimeoutError):
        limit = min(request.timeout[0], request.deadline or request.timeout[0])
        message = f"connect timeout after {limit} s"
        return connection_error(request, message, timeout=True, sent=False)
    return connection_error(request, f"connection failed: {exc}")
