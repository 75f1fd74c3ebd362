"""The one request-building path shared by the sync, threaded and async clients."""

from __future__ import annotations

import math
from typing import Any, Dict, Mapping, Optional, Tuple

from runai.exceptions import ApiValueError
from runai.operation import Operation
from runai.request.checks import check_arguments
from runai.request.encoding import DOT_SEGMENTS, encode_body, encode_query, expand_path
from runai.request.headers import USER_AGENT, call_headers, merged
from runai.request.options import RequestOptions, TimeoutArg
from runai.transport.base import HttpRequest


class RequestBuilder:
    """Turns an :class:`~runai.operation.Operation` and its arguments into an HTTP request."""

    def __init__(
        self,
        base_url: str,
        timeout: Tuple[float, float],
        deadline: Optional[float] = None,
        *,
        default_headers: Optional[Mapping[str, str]] = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        """``default_headers`` (checked by Configuration) go out with every request, above the
        built-in ones and below a call's own ``_headers``."""
        self.base_url = base_url
        self.timeout = timeout
        self.deadline = deadline
        self.default_headers: Dict[str, str] = dict(default_headers or {})
        self.user_agent = user_agent
        self._headers_cache: Dict[Tuple[str, Optional[str]], Dict[str, str]] = {}

    def build(
        self,
        op: Operation,
        path_values: Optional[Mapping[str, Any]],
        query: Optional[Mapping[str, Any]],
        body: Any,
        options: Optional[RequestOptions],
    ) -> HttpRequest:
        check_arguments(op, path_values, query)
        path = expand_path(op.path, op.path_params, path_values) if op.path_params else op.path
        query_string = encode_query(op.query_params, query)
        content: Optional[bytes] = None
        media_type: Optional[str] = None
        if body is None and op.body_required:
            raise ApiValueError(
                f"{op.operation_id}: a request body is required"
                f"{f' ({_short(op.body_model)})' if op.body_model else ''} and was None"
            )
        if body is not None:
            media_type = op.body_media_type or "application/json"
            content = encode_body(body, media_type, op.body_model)
        return self._finish(op.method, path, query_string, content, op.accept, media_type, options)

    def build_raw(
        self,
        method: str,
        path: str,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: TimeoutArg = None,
    ) -> HttpRequest:
        """A request to a literal ``path`` (already encoded), for endpoints no package describes."""
        segments = path.split("?", 1)[0].split("/")
        if any(segment in DOT_SEGMENTS for segment in segments):
            raise ApiValueError(
                f"path {path!r} has a '.' or '..' segment: URL normalisation would send the"
                " request to another resource; write the path it means"
            )
        content = None
        media_type = None
        if body is not None:
            media_type = "application/json"
            content = encode_body(body, media_type, None)
        options = RequestOptions(timeout=timeout, headers=headers)
        return self._finish(
            method.upper(),
            path,
            encode_query((), query),
            content,
            "application/json",
            media_type,
            options,
        )

    def _finish(
        self,
        method: str,
        path: str,
        query_string: str,
        content: Optional[bytes],
        accept: str,
        media_type: Optional[str],
        options: Optional[RequestOptions],
    ) -> HttpRequest:
        url = self.base_url + path
        if query_string:
            url = f"{url}?{query_string}"
        headers = self._base_headers(accept, media_type)
        timeout = self.timeout
        deadline = self.deadline
        if options is not None:
            if options.headers:
                headers = merged(headers, call_headers(options.headers))
            if options.timeout is not None:
                timeout = resolve_timeout(options.timeout, self.timeout)
                if _seconds(options.timeout):
                    deadline = timeout[1]  # runapy 1.x: one number is the total request timeout
        return HttpRequest(method, url, headers, content, timeout, deadline)

    def _base_headers(self, accept: str, media_type: Optional[str]) -> Dict[str, str]:
        key = (accept, media_type)
        headers = self._headers_cache.get(key)
        if headers is None:
            headers = {"Accept": accept, "User-Agent": self.user_agent}
            if media_type is not None:
                headers["Content-Type"] = media_type
            headers = merged(headers, self.default_headers)
            self._headers_cache[key] = headers
        return headers


def resolve_timeout(value: TimeoutArg, default: Tuple[float, float]) -> Tuple[float, float]:
    """A per-call timeout: one number for both phases (``_finish`` makes it the deadline too),
    or ``(connect, read)`` with ``None`` keeping the configured phase. Anything else (a string,
    zero, a negative number) raises: zero would switch aiohttp's timeout off, and a string would
    be read as a sequence."""
    if value is None:
        return default
    if _seconds(value):
        return float(value), float(value)  # type: ignore[arg-type]
    if isinstance(value, (tuple, list)) and len(value) == 2:
        connect, read = value
        if all(v is None or _seconds(v) for v in value):
            return (
                default[0] if connect is None else float(connect),
                default[1] if read is None else float(read),
            )
    raise ApiValueError(
        f"_request_timeout must be seconds > 0 or a (connect, read) pair of them (None keeps"
        f" the configured one), got {value!r}"
    )


def _seconds(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )


def _short(model_ref: str) -> str:
    return model_ref.partition(":")[2]
