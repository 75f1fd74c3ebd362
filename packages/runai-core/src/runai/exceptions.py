"""Errors raised by the client.

A non-2xx answer raises :class:`ApiException` or the subclass for its status, so existing
``except NotFoundException`` clauses keep working. Messages carry the server's own error text and
never a credential.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Type, Union

PathToItem = Sequence[Union[str, int]]


def render_path(path_to_item: PathToItem) -> str:
    """``["spec", 0, "name"]`` -> ``['spec'][0]['name']``: where in a body a value is."""
    return "".join(f"[{part}]" if isinstance(part, int) else f"['{part}']" for part in path_to_item)


class OpenApiException(Exception):
    """Base of every error this library raises on purpose.

    Pickles as its message and attributes (process pools, multiprocessing, Celery): the
    constructors take other arguments than the message, so the default pickling would call
    them with the message and garble it (or fail).
    """

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_restore, (type(self), self.args, dict(self.__dict__)))


def _restore(
    cls: Type[OpenApiException], args: Tuple[Any, ...], state: Dict[str, Any]
) -> OpenApiException:
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class InsecureConnectionWarning(UserWarning):
    """A setting exposes credentials: ``verify_ssl=False``, or ``http://`` to another host."""


class _ItemError(OpenApiException):
    """An error about one value of a body; ``path_to_item`` says where (runapy 1.x's API)."""

    def __init__(self, msg: str, path_to_item: Optional[PathToItem] = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(f"{msg} at {render_path(path_to_item)}" if path_to_item else msg)


class ApiTypeError(_ItemError, TypeError):
    """A value has the wrong type."""

    def __init__(
        self,
        msg: str,
        path_to_item: Optional[PathToItem] = None,
        valid_classes: Optional[Sequence[type]] = None,
        key_type: Optional[bool] = None,
    ) -> None:
        self.valid_classes = valid_classes
        self.key_type = key_type
        super().__init__(msg, path_to_item)


class ApiKeyError(_ItemError, KeyError):
    """A key is missing or not allowed."""


class ApiAttributeError(_ItemError, AttributeError):
    """An attribute is missing or cannot be set."""


class ConfigurationError(OpenApiException, ValueError):
    """An option of :class:`~runai.configuration.Configuration` is missing or invalid."""

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(f"{option}: {message}")


class ApiValueError(_ItemError, ValueError):
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
    ``{"code": ..., "message": ...}``) or ``None``. As in runapy 1.x, code that raises one
    itself may pass ``http_resp`` (anything with ``status``, ``reason``, ``data`` bytes and
    ``headers``) for the values not given, and ``data`` to set it directly.
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
        http_resp: Any = None,
        data: Any = None,
    ) -> None:
        if http_resp is not None:
            status = status or http_resp.status
            reason = reason or http_resp.reason
            if headers is None:
                headers = getattr(http_resp, "headers", None)
            if body is None and isinstance(http_resp.data, bytes):
                body = http_resp.data.decode("utf-8", "replace")
        self.status = status
        self.reason = reason
        self.headers: Dict[str, str] = dict(headers or {})
        self.body = body
        self.method = method
        self.url = url
        self.data: Any = data
        if data is None and body:
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


class UnexpectedAnswerError(ApiException):
    """A 2xx answer the client cannot use: an HTML page where the API answers JSON (a wrong
    ``runai_base_url``, a captive portal), a JSON body that does not parse, or another content
    type than the operation declares.

    ``problem`` says what is wrong with the answer, ``hint`` what to do. The message names the
    method, URL, status, content type and the start of the body (credentials in it hidden).
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
        http_resp: Any = None,
        data: Any = None,
        problem: str = "an answer the client cannot use",
        hint: str = "",
    ) -> None:
        self.problem = problem
        self.hint = hint
        super().__init__(
            status, reason, headers, body, method=method, url=url, http_resp=http_resp, data=data
        )

    def _message(self) -> str:
        from runai.transport.secrets import hide_tokens

        who = f"{self.method} {self.url}" if self.method else "the control plane"
        content_type = next(
            (value for key, value in self.headers.items() if key.lower() == "content-type"), ""
        )
        text = (
            f"{who} answered ({self.status}) {self.reason}".rstrip()
            + f" with content type {content_type or 'none'}: {self.problem}"
            + (f"; {self.hint}" if self.hint else "")
        )
        if self.body is None:
            return text + "."
        if not self.body:
            return text + ". The body is empty."
        start = hide_tokens(self.body[:BODY_START])
        more = "..." if len(self.body) > BODY_START else ""
        return f"{text}. The body starts: {start!r}{more}"


BODY_START = 200
"""How many characters of an unusable answer's body its error quotes."""


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
    data: Any = None,
) -> ApiException:
    """Build the most specific exception for ``status``; ``data``: the body's JSON, when the
    caller parsed it already."""
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = ServiceException if 500 <= status <= 599 else ApiException
    return cls(status, reason, headers, body, method=method, url=url, data=data)


class WaitFailedError(OpenApiException):
    """A ``wait_until_*`` call saw a phase from which the awaited one will not follow.

    ``phase`` is that phase, ``message`` the control plane's explanation of it (``None`` when
    the answer carries none), ``goal`` what was awaited.
    """

    def __init__(
        self, resource: str, resource_id: str, phase: str, message: Optional[str], goal: str
    ) -> None:
        self.resource = resource
        self.resource_id = resource_id
        self.phase = phase
        self.message = message
        self.goal = goal
        because = message or "the control plane gave no message"
        super().__init__(f"{resource} {resource_id} is {phase} while waiting for {goal}: {because}")


class WaitTimeoutError(OpenApiException, TimeoutError):
    """A ``wait_until_*`` call ran out of time; ``last_phase`` is the phase seen last (``None``
    when no answer carried one)."""

    def __init__(
        self,
        resource: str,
        resource_id: str,
        last_phase: Optional[str],
        timeout: float,
        goal: str,
        message: Optional[str] = None,
    ) -> None:
        self.resource = resource
        self.resource_id = resource_id
        self.last_phase = last_phase
        self.timeout = timeout
        self.goal = goal
        self.message = message
        seen = last_phase or "none"
        detail = f" ({message})" if message else ""
        super().__init__(
            f"{resource} {resource_id} did not reach {goal} within {timeout:g} s; "
            f"last phase seen: {seen}{detail}. Pass a longer timeout= to wait more."
        )


class ClientClosedError(OpenApiException, RuntimeError):
    """The client was closed: it takes no new call, and a call waiting to run or to retry ends.

    A ``RuntimeError`` too, as closed clients raised before.
    """
