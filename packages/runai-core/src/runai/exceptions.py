"""Errors raised by the client.

A non-2xx answer raises :class:`ApiException` or the subclass for its status, so existing
``except NotFoundException`` clauses keep working. Messages carry the server's own error text and
never a credential.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional, Type


class OpenApiException(Exception):
    """Base of every error this library raises on purpose."""


class ConfigurationError(OpenApiException, ValueError):
    """An option of :class:`~runai.configuration.Configuration` is missing or invalid."""

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(f"{option}: {message}")


class ApiValueError(OpenApiException, ValueError):
    """An argument of an API method is not acceptable."""


class MissingCategoryError(OpenApiException, AttributeError):
    """A category was requested whose distribution is not installed."""


class ApiConnectionError(OpenApiException):
    """The request could not be completed: DNS, refused connection, reset, TLS failure.

    ``request_sent`` is False when the request certainly never reached the server, which makes
    it safe to repeat for any method.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str = "",
        url: str = "",
        request_sent: bool = True,
        retryable: bool = True,
    ) -> None:
        self.method = method
        self.url = url
        self.request_sent = request_sent
        self.retryable = retryable
        super().__init__(f"{method} {url}: {message}" if method else message)


class ApiTimeoutError(ApiConnectionError):
    """The server did not answer within the configured timeout."""


class ApiException(OpenApiException):
    """The server answered with a status outside 2xx.

    ``body`` is the raw text, ``data`` the parsed JSON error body (usually
    ``{"code": ..., "message": ...}``) or ``None``.
    """

    def __init__(
        self,
        status: int = 0,
        reason: str = "",
        headers: Optional[Mapping[str, str]] = None,
        body: Optional[str] = None,
        *,
        method: str = "",
        url: str = "",
    ) -> None:
        self.status = status
        self.reason = reason
        self.headers: Dict[str, str] = dict(headers or {})
        self.body = body
        self.method = method
        self.url = url
        self.data: Any = None
        if body:
            try:
                self.data = json.loads(body)
            except ValueError:
                self.data = None
        super().__init__(self._message())

    @property
    def status_code(self) -> int:
        return self.status

    @property
    def error_message(self) -> Optional[str]:
        """The ``message`` (or OAuth ``error_description``) field of the error body, if any."""
        if isinstance(self.data, dict):
            for key in ("message", "error_description", "error"):
                value = self.data.get(key)
                if isinstance(value, str) and value:
                    return value
        return None

    def _message(self) -> str:
        head = f"({self.status}) {self.reason}".rstrip()
        where = f" for {self.method} {self.url}" if self.method else ""
        detail = self.error_message
        if detail is None and self.body:
            detail = self.body if len(self.body) <= 500 else self.body[:500] + "..."
        return f"{head}{where}" + (f": {detail}" if detail else "")


class BadRequestException(ApiException):
    """400: the request was malformed or failed validation."""


class UnauthorizedException(ApiException):
    """401: the token is missing, invalid or expired (after one re-authentication)."""


class ForbiddenException(ApiException):
    """403: the credentials lack the role or scope for this operation."""


class NotFoundException(ApiException):
    """404: the resource does not exist (or the control plane lacks this operation)."""


class ConflictException(ApiException):
    """409: the resource already exists."""


class UnprocessableEntityException(ApiException):
    """422: the request was well-formed but semantically invalid."""


class TooManyRequestsException(ApiException):
    """429: rate limited, after the retries the policy allowed."""


class ServiceException(ApiException):
    """5xx: the control plane failed, after the retries the policy allowed."""


_BY_STATUS: Dict[int, Type[ApiException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    422: UnprocessableEntityException,
    429: TooManyRequestsException,
}


def exception_for_status(
    status: int,
    reason: str,
    headers: Mapping[str, str],
    body: Optional[str],
    *,
    method: str = "",
    url: str = "",
) -> ApiException:
    """Build the most specific exception for ``status``."""
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = ServiceException if 500 <= status <= 599 else ApiException
    return cls(status, reason, headers, body, method=method, url=url)
