"""AsyncApiClient: awaitable calls over aiohttp, never blocking the event loop."""

from __future__ import annotations

import asyncio
import functools
import time
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    Awaitable,
    Callable,
    List,
    Mapping,
    Optional,
    Set,
    Type,
    TypeVar,
    Union,
    cast,
)

import runai.tracing as tracing
from runai.auth.providers import TokenProvider
from runai.auth.token import Token
from runai.clients.base import BaseApiClient, head_only
from runai.clients.flow import Flow, NeedToken, Send, request_flow
from runai.configuration import Configuration
from runai.exceptions import ApiConnectionError, ClientClosedError
from runai.operation import Operation
from runai.request.options import RequestOptions, TimeoutArg
from runai.response import ApiResponse
from runai.retry.policy import RetryPolicy
from runai.transport.aiohttp_transport import AiohttpTransport
from runai.transport.base import AsyncOpenResponse, AsyncTransport, HttpRequest, HttpResponse

if TYPE_CHECKING:
    from runai.streamed_response import AsyncStreamContext, AsyncStreamedResponse
    from runai.waiting.options import WaitOptions
    from runai.waiting.waiter import Waiter

T = TypeVar("T")
AsyncSend = Callable[[HttpRequest, Mapping[str, str]], Awaitable[HttpResponse]]


class AsyncApiClient(BaseApiClient):
    """Every call is a coroutine; tokens are fetched with the same async transport.

    Use it from one event loop, ideally as ``async with``; ``await client.aclose()`` otherwise.
    """

    def __init__(
        self,
        configuration: Configuration,
        *,
        retry_policy: Optional[RetryPolicy] = None,
        token_provider: Optional[TokenProvider] = None,
        transport: Optional[AsyncTransport] = None,
    ) -> None:
        super().__init__(configuration, retry_policy=retry_policy, token_provider=token_provider)
        self._owns_transport = transport is None
        self._released = False
        self._sleepers: Set[asyncio.Future[None]] = set()
        self.transport: AsyncTransport = transport or AiohttpTransport(configuration)

    async def call(
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
            return await self._perform(request, op)
        from runai.paging import AsyncPagedResponse  # only paged lists pay for it

        flow = request_flow(request, self.retry_policy, self.tokens, self.log)
        response = await self._run(flow, call=request)
        page = cast(
            AsyncPagedResponse[Any, Any],
            self._api_response(op, request, response, AsyncPagedResponse),
        )
        page._bind(
            op.paging, query, lambda following: self.call(op, path, following, body, options)
        )
        return page

    async def request(
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
        request = self.builder.build_raw(method, path, query, body, headers, timeout)
        return await self._perform(request)

    async def wait_for(self, waiter: Waiter, resource_id: str, options: WaitOptions) -> Any:
        """Poll ``waiter``'s operation until its phase says done, sleeping without blocking the
        event loop."""
        from runai.waiting.engine import wait_async

        self._check_open()
        return await wait_async(self, waiter, resource_id, options)

    def call_streamed(
        self,
        op: Operation,
        path: Optional[Mapping[str, Any]],
        query: Optional[Mapping[str, Any]],
        body: Any,
        options: Optional[RequestOptions] = None,
    ) -> AsyncStreamContext:
        """Like :meth:`call`, with the body left on the wire: ``async with`` the result.

        The request is built now (bad arguments raise here) and sent on ``async with``/``await``.
        """
        self._check_open()
        return self._stream_context(self.builder.build(op, path, query, body, options), op)

    def request_streamed(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: TimeoutArg = None,
    ) -> AsyncStreamContext:
        """Like :meth:`request`, with the body left on the wire (see :meth:`call_streamed`)."""
        self._check_open()
        return self._stream_context(
            self.builder.build_raw(method, path, query, body, headers, timeout)
        )

    def _derive(
        self,
        configuration: Configuration,
        *,
        max_retries: Optional[int] = None,
        backoff_factor: Optional[float] = None,
    ) -> AsyncApiClient:
        """A client over this one's session and token with its own settings (``with_options``)."""
        self._check_open()
        policy = self.retry_policy.adjusted(max_retries=max_retries, backoff_factor=backoff_factor)
        return self._adopt(
            AsyncApiClient(configuration, retry_policy=policy, transport=self.transport)
        )

    async def _perform(
        self, request: HttpRequest, op: Optional[Operation] = None
    ) -> ApiResponse[Any]:
        flow = request_flow(request, self.retry_policy, self.tokens, self.log)
        return self._api_response(op, request, await self._run(flow, call=request))

    def _stream_context(
        self, request: HttpRequest, op: Optional[Operation] = None
    ) -> AsyncStreamContext:
        from runai.streamed_response import AsyncStreamContext

        return AsyncStreamContext(functools.partial(self._open_stream, request, op))

    async def _open_stream(
        self, request: HttpRequest, op: Optional[Operation] = None
    ) -> AsyncStreamedResponse:
        """Retries and auth as for any call, up to the headers of a 2xx answer, never later."""
        from runai.streamed_response import AsyncStreamedResponse

        self._check_open()
        open_response = self.transport.open
        opened: List[AsyncOpenResponse] = []

        async def send(request: HttpRequest, headers: Mapping[str, str]) -> HttpResponse:
            response = await open_response(request, headers)
            if response.status < 300:
                opened.append(response)
                return head_only(response)
            try:
                body = await response.read()  # an error answer: small, and the flow reads it
            finally:
                response.close()
            return HttpResponse(response.status, response.reason, response.headers, body)

        flow = request_flow(request, self.retry_policy, self.tokens, self.log)
        try:
            await self._run(flow, send, call=request)
            self._check_streamed(op, request, opened[-1])
        except BaseException:
            for response in opened:
                response.close()
            raise
        return AsyncStreamedResponse(opened[-1])

    async def _run(
        self,
        flow: Flow[T],
        send: Optional[AsyncSend] = None,
        call: Optional[HttpRequest] = None,
    ) -> T:
        """The async loop: every flow of this client (calls, streamed calls, logins) runs here.

        ``call``: the request of an API call, traced as one span when the application uses
        OpenTelemetry (a login runs inside its call's span)."""
        if call is not None and tracing.in_use():
            with tracing.CallSpan(call) as span:
                return await self._loop(flow, send or self.transport.send, span)
        return await self._loop(flow, send or self.transport.send, None)

    async def _loop(self, flow: Flow[T], send: AsyncSend, span: Optional[tracing.CallSpan]) -> T:
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
                self._check_open()  # a call in flight never reopens a closed session
                if observed:
                    reply = await self._send_observed(send, sent, span)
                else:
                    try:
                        reply = await send(sent.request, sent.headers)
                    except ApiConnectionError as exc:
                        reply = exc
            elif isinstance(event, NeedToken):
                reply = await self.tokens.get_async(self._login)
            else:
                assert sent is not None
                await self._sleep(event.seconds, sent.request)
                reply = None

    async def _send_observed(
        self, send: AsyncSend, sent: Send, span: Optional[tracing.CallSpan]
    ) -> Union[HttpResponse, ApiConnectionError]:
        """One sending with the event hooks called (and awaited) and the span told."""
        hooks = self._hooks
        if hooks is not None:
            await hooks.before_async(sent)
        if span is not None:
            span.sending(sent.attempt)
        started = time.perf_counter()
        try:
            response = await send(sent.request, sent.headers)
        except ApiConnectionError as exc:
            return exc
        if span is not None:
            span.answered(response.status)
        if hooks is not None:
            await hooks.after_async(sent, response, (time.perf_counter() - started) * 1000)
        return response

    async def _login(self) -> Token:
        return await self._run(self._login_flow())

    async def _sleep(self, delay: float, request: HttpRequest) -> None:
        """The policy's wait before a retry; :meth:`aclose` ends it early."""
        waker: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        sleeping = asyncio.ensure_future(self.retry_policy.sleep_async(delay))
        self._sleepers.add(waker)
        try:
            await asyncio.wait((sleeping, waker), return_when=asyncio.FIRST_COMPLETED)
            if sleeping.done():
                sleeping.result()  # the policy's own error, if its wait raised one
        finally:
            sleeping.cancel()
            waker.cancel()
            self._sleepers.discard(waker)
        if self.closed:
            raise ClientClosedError(
                f"{request.method} {request.url.split('?', 1)[0]} was waiting to be retried "
                "when the client was closed"
            )

    async def aclose(self) -> None:
        """Close the HTTP session; further calls raise. A client made by ``with_options``
        leaves the session it shares open."""
        self._mark_closed()
        for client in (self, *self._derived):
            if isinstance(client, AsyncApiClient):
                for waker in list(client._sleepers):
                    _wake(waker)
        if self._origin is None and not self._released:
            self._released = True
            await self.transport.close()

    def _after_fork(self) -> None:
        super()._after_fork()
        self._sleepers = set()
        if self._owns_transport:
            # The parent's session and sockets stay the parent's: a new one, never a close().
            self.transport = AiohttpTransport(self.configuration)
            for derived in self._derived:
                if isinstance(derived, AsyncApiClient):
                    derived.transport = self.transport

    async def close(self) -> None:
        """Same as :meth:`aclose`."""
        await self.aclose()

    async def __aenter__(self) -> AsyncApiClient:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.aclose()


def _wake(waker: asyncio.Future[None]) -> None:
    if not waker.done():
        waker.set_result(None)
