"""What the three clients share: configuration, request building, auth, retries, decoding."""

from __future__ import annotations

import json
import logging
import threading
import weakref
from types import TracebackType
from typing import TYPE_CHECKING, Any, Mapping, Optional, Type, TypeVar, Union

from runai.auth.manager import TokenManager
from runai.auth.providers import (
    ClientCredentialsProvider,
    StaticTokenProvider,
    TokenProvider,
    TokenRequest,
)
from runai.auth.token import Token
from runai.clients import lifecycle
from runai.clients.flow import Flow, login_flow
from runai.configuration import Configuration
from runai.decoding import Body, refuse_html
from runai.exceptions import ClientClosedError
from runai.operation import Operation, ResponseSpec
from runai.request.builder import RequestBuilder
from runai.request.headers import user_agent
from runai.request.options import RequestOptions
from runai.response import ApiResponse
from runai.retry.policy import RetryPolicy
from runai.transport.base import AsyncOpenResponse, HttpRequest, HttpResponse, OpenResponse

if TYPE_CHECKING:
    from runai.event_hooks import HookSet

C = TypeVar("C", bound="ClosingContext")
B = TypeVar("B", bound="BaseApiClient")

JSON_TOKEN_HEADERS = {"Accept": "application/json", "Content-Type": "application/json"}


class ClosingContext:
    """``with client:`` closes the client on exit."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self: C) -> C:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


class BaseApiClient:
    """Holds the pieces every client uses; subclasses only add how bytes are sent."""

    def __init__(
        self,
        configuration: Configuration,
        *,
        retry_policy: Optional[RetryPolicy] = None,
        token_provider: Optional[TokenProvider] = None,
    ) -> None:
        self.configuration: Configuration = configuration
        self.retry_policy: RetryPolicy = retry_policy or RetryPolicy.from_configuration(
            configuration
        )
        self.builder: RequestBuilder = RequestBuilder(
            configuration.runai_base_url,
            configuration.timeout,
            configuration.request_deadline,
            default_headers=configuration.default_headers,
            user_agent=user_agent(configuration.user_agent_suffix),
        )
        self.tokens: TokenManager = TokenManager(
            token_provider or _provider_for(configuration),
            configuration.token_refresh_margin,
            configuration.auto_refresh_token,
        )
        self.log: logging.Logger = configuration.logger
        self._hooks: Optional[HookSet] = None
        if configuration.event_hooks:
            from runai.event_hooks import hook_set  # only clients with hooks import them

            self._hooks = hook_set(configuration.event_hooks)
        self.closed: bool = False
        self._closing = threading.Event()
        self._origin: Optional[BaseApiClient] = None
        self._derived: weakref.WeakSet[BaseApiClient] = weakref.WeakSet()
        lifecycle.register(self)

    def call(
        self,
        op: Operation,
        path: Optional[Mapping[str, Any]],
        query: Optional[Mapping[str, Any]],
        body: Any,
        options: Optional[RequestOptions] = None,
    ) -> Any:
        """Perform ``op``; generated API methods end here."""
        raise NotImplementedError

    def _login_flow(self) -> Flow[Token]:
        """The provider's login, its token requests sent through this client's loop."""
        return login_flow(
            self.tokens.provider, self._token_http_request, self.retry_policy, self.log
        )

    def _token_http_request(self, token_request: TokenRequest) -> HttpRequest:
        if self.log.isEnabledFor(logging.DEBUG):
            self.log.debug("requesting a token (grant type %s)", token_request.grant_type)
        return HttpRequest(
            "POST",
            self.configuration.runai_base_url + token_request.path,
            {**JSON_TOKEN_HEADERS, "User-Agent": self.builder.user_agent},
            json.dumps(token_request.body).encode("utf-8"),
            self.configuration.timeout,
            self.configuration.request_deadline,
        )

    def _api_response(
        self,
        op: Optional[Operation],
        request: HttpRequest,
        response: HttpResponse,
        cls: Type[ApiResponse[Any]] = ApiResponse,
    ) -> ApiResponse[Any]:
        """``cls``: the paged responses of :mod:`runai.paging` for list operations that page.

        An HTML page answering an operation of the API raises here, at the call."""
        body = _body_of(request, response, response.body)
        refuse_html(op, body, self.configuration.runai_base_url)
        spec: Optional[ResponseSpec] = None if op is None else op.responses.get(response.status)
        return cls(response.status, response.headers, None, response.body, spec, body=body)

    def _check_streamed(
        self,
        op: Optional[Operation],
        request: HttpRequest,
        response: Union[OpenResponse, AsyncOpenResponse],
    ) -> None:
        """An HTML page answering a streamed call of the API raises before its body is read."""
        body = _body_of(request, response, b"", True)
        refuse_html(op, body, self.configuration.runai_base_url)

    def _check_open(self) -> None:
        if self.closed:
            raise ClientClosedError(
                f"this {type(self).__name__} is closed; create a new client to make more calls"
            )

    def _adopt(self: B, derived: B) -> B:
        """``derived`` (made by ``with_options``) calls through this client's connections and
        token. It belongs to the client that owns them: closing that one closes it too, while
        closing ``derived`` only ends its own calls."""
        origin = self._origin or self
        derived.tokens = origin.tokens
        derived._origin = origin
        origin._derived.add(derived)
        return derived

    def _mark_closed(self) -> None:
        """Refuse new calls and wake every call sleeping before a retry (it then raises); the
        same for the clients derived from this one, whose connections close with it."""
        self.closed = True
        self._closing.set()
        for derived in list(self._derived):
            derived._mark_closed()

    def _on_shutdown(self) -> None:
        self._mark_closed()

    def _after_fork(self) -> None:
        self.tokens.after_fork()
        self._closing = threading.Event()
        if self.closed:
            self._closing.set()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.configuration.runai_base_url}>"


def head_only(response: Union[OpenResponse, AsyncOpenResponse]) -> HttpResponse:
    """What the request flow needs of a 2xx streamed answer: its status and headers."""
    return HttpResponse(response.status, response.reason, response.headers, b"")


def _provider_for(config: Configuration) -> TokenProvider:
    if config.bearer_token is not None:
        return StaticTokenProvider(config.bearer_token)
    assert config.client_id is not None and config.client_secret is not None
    return ClientCredentialsProvider(config.client_id, config.client_secret)


def _body_of(
    request: HttpRequest,
    response: Union[HttpResponse, OpenResponse, AsyncOpenResponse],
    raw: bytes,
    streamed: bool = False,
) -> Body:
    return Body(raw, response.headers, response.status, response.reason, request, streamed)
