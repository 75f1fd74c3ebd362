"""AsyncApiClient: awaitable calls over aiohttp, never blocking the event loop."""

from __future__ import annotations

import asyncio
import functools
import logging
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
    cast,
)

from runai.auth.providers import TokenAnswer, TokenProvider, TokenRequest
from runai.clients.base import BaseApiClient, answer_from_exception, head_only
from runai.clients.flow import SEND, SLEEP, TOKEN, Flow, request_flow
from runai.configuration import Configuration
from runai.exceptions import ApiConnectionError, ApiException, ClientClosedError
from runai.operation import Operation
from runai.request.options import RequestOptions, TimeoutArg
from runai.response import ApiResponse
from runai.retry.policy import RetryPolicy
from runai.transport.aiohttp_transport import AiohttpTransport
from runai.transport.base import AsyncOpenResponse, AsyncTransport, HttpRequest, HttpResponse

if TYPE_CHECKING:
    from runai.streamed_response import AsyncStreamContext, AsyncStreamedResponse
    from runai.waiting.waiter import Waiter, WaitOptions

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
        response = await self._drive(flow, request)
        page = cast(
            AsyncPagedResponse[Any, Any], self._api_response(op, response, AsyncPagedResponse)
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
        return self._stream_context(self.builder.build(op, path, query, body, options))

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
        return self._api_response(op, await self._drive(flow, request))

    def _stream_context(self, request: HttpRequest) -> AsyncStreamContext:
        from runai.streamed_response import AsyncStreamContext

        return AsyncStreamContext(functools.partial(self._open_stream, request))

    async def _open_stream(self, request: HttpRequest) -> AsyncStreamedResponse:
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
            await self._drive(flow, request, send)
        except BaseException:
            for response in opened:
                response.close()
            raise
        return AsyncStreamedResponse(opened[-1])

    async def _drive(
        self, flow: Flow, request: HttpRequest, send: Optional[AsyncSend] = None
    ) -> HttpResponse:
        send = send or self.transport.send
        result: Any = None
        try:
            while True:
                kind, argument = flow.send(result)
                if kind == SEND:
                    self._check_open()  # a call in flight never reopens a closed session
                    try:
                        result = await send(request, argument)
                    except ApiConnectionError as exc:
                        result = exc
                elif kind == TOKEN:
                    result = await self.tokens.get_async(self._send_token_request)
                elif kind == SLEEP:
                    await self._sleep(argument, request)
                    result = None
        except StopIteration as done:
            response: HttpResponse = done.value
            return response

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

    async def _send_token_request(self, token_request: TokenRequest) -> TokenAnswer:
        request = self._token_http_request(token_request)
        if self.log.isEnabledFor(logging.DEBUG):
            self.log.debug("requesting a token (grant type %s)", token_request.grant_type)
        try:
            response = await self._drive(
                request_flow(request, self.retry_policy, None, self.log, login=True), request
            )
        except ApiException as exc:
            return answer_from_exception(exc)
        return self._token_answer(response)

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
