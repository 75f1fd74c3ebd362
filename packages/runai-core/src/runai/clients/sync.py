"""ApiClient: blocking calls over a urllib3 pool."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, List, Mapping, Optional, TypeVar, Union, cast

import runai.tracing as tracing
from runai.auth.providers import TokenProvider
from runai.auth.token import Token
from runai.clients.base import BaseApiClient, ClosingContext, head_only
from runai.clients.flow import Flow, NeedToken, Send, request_flow
from runai.configuration import Configuration
from runai.exceptions import ApiConnectionError, ClientClosedError
from runai.operation import Operation
from runai.request.options import RequestOptions, TimeoutArg
from runai.response import ApiResponse
from runai.retry.policy import RetryPolicy
from runai.transport.base import HttpRequest, HttpResponse, OpenResponse, SyncTransport
from runai.transport.urllib3_transport import Urllib3Transport

if TYPE_CHECKING:
    from runai.streamed_response import StreamedResponse
    from runai.waiting.options import WaitOptions
    from runai.waiting.waiter import Waiter

T = TypeVar("T")
SendFn = Callable[[HttpRequest, Mapping[str, str]], HttpResponse]


class ApiClient(ClosingContext, BaseApiClient):
    """The standard client: each call blocks until the answer (or the final error) arrives.

    Safe to share between threads; :class:`ThreadedApiClient` adds a worker pool on top.
    """

    def __init__(
        self,
        configuration: Configuration,
        *,
        retry_policy: Optional[RetryPolicy] = None,
        token_provider: Optional[TokenProvider] = None,
        transport: Optional[SyncTransport] = None,
        pool_maxsize: Optional[int] = None,
    ) -> None:
        super().__init__(configuration, retry_policy=retry_policy, token_provider=token_provider)
        self._owns_transport = transport is None
        self._released = False
        self._pool_maxsize = pool_maxsize
        self.transport: SyncTransport = transport or Urllib3Transport(
            configuration, maxsize=pool_maxsize
        )

    def call(
        self,
        op: Operation,
        path: Optional[Mapping[str, Any]],
        query: Optional[Mapping[str, Any]],
        body: Any,
        options: Optional[RequestOptions] = None,
    ) -> ApiResponse[Any]:
        self._check_open()
        request = self.builder.build(op, path, query, body, options)
        if op.paging is None:
            return self._perform(request, op)
        from runai.paging import PagedResponse  # only paged lists pay for it

        flow = request_flow(request, self.retry_policy, self.tokens, self.log)
        page = cast(
            PagedResponse[Any, Any],
            self._api_response(op, request, self._run(flow, call=request), PagedResponse),
        )
        page._bind(
            op.paging, query, lambda following: self.call(op, path, following, body, options)
        )
        return page

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: TimeoutArg = None,
    ) -> ApiResponse[object]:
        """Call ``path`` (relative to the base URL, already encoded) directly."""
        self._check_open()
        return self._perform(self.builder.build_raw(method, path, query, body, headers, timeout))

    def wait_for(self, waiter: Waiter, resource_id: str, options: WaitOptions) -> Any:
        """Poll ``waiter``'s operation until its phase says done; generated ``wait_until_*``
        methods end here."""
        from runai.waiting.engine import wait_blocking

        self._check_open()
        return wait_blocking(self, waiter, resource_id, options)

    def call_streamed(
        self,
        op: Operation,
        path: Optional[Mapping[str, Any]],
        query: Optional[Mapping[str, Any]],
        body: Any,
        options: Optional[RequestOptions] = None,
    ) -> StreamedResponse:
        """Like :meth:`call`, but return once the headers arrived; the body is read from it."""
        self._check_open()
        return self._open_stream(self.builder.build(op, path, query, body, options), op)

    def request_streamed(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: TimeoutArg = None,
    ) -> StreamedResponse:
        """Like :meth:`request`, with the body left on the wire (see :meth:`call_streamed`)."""
        self._check_open()
        return self._open_stream(
            self.builder.build_raw(method, path, query, body, headers, timeout)
        )

    def _derive(
        self,
        configuration: Configuration,
        *,
        max_retries: Optional[int] = None,
        backoff_factor: Optional[float] = None,
    ) -> ApiClient:
        """A client over this one's pool and token with its own settings (``with_options``)."""
        self._check_open()
        policy = self.retry_policy.adjusted(max_retries=max_retries, backoff_factor=backoff_factor)
        return self._adopt(ApiClient(configuration, retry_policy=policy, transport=self.transport))

    def _perform(self, request: HttpRequest, op: Optional[Operation] = None) -> ApiResponse[Any]:
        flow = request_flow(request, self.retry_policy, self.tokens, self.log)
        return self._api_response(op, request, self._run(flow, call=request))

    def _open_stream(
        self, request: HttpRequest, op: Optional[Operation] = None
    ) -> StreamedResponse:
        """Retries and auth as for any call, up to the headers of a 2xx answer, never later."""
        from runai.streamed_response import StreamedResponse

        open_response = self.transport.open
        opened: List[OpenResponse] = []

        def send(request: HttpRequest, headers: Mapping[str, str]) -> HttpResponse:
            response = open_response(request, headers)
            if response.status < 300:
                opened.append(response)
                return head_only(response)
            try:
                body = response.read()  # an error answer: small, and the flow reads it
            finally:
                response.close()
            return HttpResponse(response.status, response.reason, response.headers, body)

        flow = request_flow(request, self.retry_policy, self.tokens, self.log)
        try:
            self._run(flow, send, call=request)
            self._check_streamed(op, request, opened[-1])
        except BaseException:
            for response in opened:
                response.close()
            raise
        return StreamedResponse(opened[-1])

    def _run(
        self, flow: Flow[T], send: Optional[SendFn] = None, call: Optional[HttpRequest] = None
    ) -> T:
        """The sync loop: every flow of this client (calls, streamed calls, logins) runs here.

        ``call``: the request of an API call, traced as one span when the application uses
        OpenTelemetry (a login runs inside its call's span)."""
        if call is not None and tracing.in_use():
            with tracing.CallSpan(call) as span:
                return self._loop(flow, send or self.transport.send, span)
        return self._loop(flow, send or self.transport.send, None)

    def _loop(self, flow: Flow[T], send: SendFn, span: Optional[tracing.CallSpan]) -> T:
        observed = span is not None or self._hooks is not None
        reply: Any = None
        sent: Optional[Send] = None
        while True:
            try:
                event = flow.send(reply)
            except StopIteration as done:
                result: T = done.value
                return result
            if isinstance(event, Send):
                sent = event
                self._check_open()  # a call in flight never reopens a closed pool
                if observed:
                    reply = self._send_observed(send, sent, span)
                else:
                    try:
                        reply = send(sent.request, sent.headers)
                    except ApiConnectionError as exc:
                        reply = exc
            elif isinstance(event, NeedToken):
                reply = self.tokens.get(self._login)
            else:
                self.retry_policy.sleep(event.seconds, wake=self._closing)
                if self._closing.is_set():
                    assert sent is not None
                    raise ClientClosedError(
                        f"{sent.request.method} {sent.request.url.split('?', 1)[0]} was waiting "
                        "to be retried when the client was closed"
                    )
                reply = None

    def _send_observed(
        self, send: SendFn, sent: Send, span: Optional[tracing.CallSpan]
    ) -> Union[HttpResponse, ApiConnectionError]:
        """One sending with the event hooks called and the span told."""
        hooks = self._hooks
        if hooks is not None:
            hooks.before(sent)
        if span is not None:
            span.sending(sent.attempt)
        started = time.perf_counter()
        try:
            response = send(sent.request, sent.headers)
        except ApiConnectionError as exc:
            return exc
        if span is not None:
            span.answered(response.status)
        if hooks is not None:
            hooks.after(sent, response, (time.perf_counter() - started) * 1000)
        return response

    def _login(self) -> Token:
        return self._run(self._login_flow())

    def close(self) -> None:
        """Release pooled connections; further calls raise. A client made by ``with_options``
        leaves the pool it shares open."""
        self._mark_closed()
        if self._origin is None and not self._released:
            self._released = True
            self.transport.close()

    def _after_fork(self) -> None:
        super()._after_fork()
        if self._owns_transport:
            # The parent's pooled sockets stay the parent's: a new pool, never a close().
            self.transport = Urllib3Transport(self.configuration, maxsize=self._pool_maxsize)
            for derived in self._derived:
                if isinstance(derived, ApiClient):
                    derived.transport = self.transport
