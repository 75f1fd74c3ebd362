"""Event hooks: functions a client calls for every attempt it sends and every answer it gets.

``Configuration(event_hooks={"request": [...], "response": [...]})``. A hook receives a
:class:`RequestEvent` before each sending (the first, every retry, the repeat after a 401, and
the token requests of a login) or a :class:`ResponseEvent` once an answer's headers arrived.
Credentials are redacted from what a hook sees. On :class:`~runai.api_client.AsyncApiClient` a
hook may be a coroutine function: it is awaited. An exception raised by a hook propagates to
the caller as is (as in httpx): the call stops there and is not retried.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    Awaitable,
    Callable,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypedDict,
)

from runai.exceptions import ConfigurationError
from runai.transport.secrets import redacted_headers, split_userinfo

if TYPE_CHECKING:
    from runai.clients.flow import Send
    from runai.transport.base import HttpResponse


@dataclass(frozen=True)
class RequestEvent:
    """One sending of a request: ``attempt`` is 0 the first time, then 1, 2... (retries)."""

    method: str
    url: str
    headers: Mapping[str, str]
    attempt: int


@dataclass(frozen=True)
class ResponseEvent:
    """The answer to one sending: its status and headers, ``elapsed_ms`` from the sending to the
    whole answer (to its headers, for a streamed call)."""

    method: str
    url: str
    attempt: int
    status: int
    reason: str
    headers: Mapping[str, str]
    elapsed_ms: float


RequestHook = Callable[[RequestEvent], Optional[Awaitable[None]]]
"""A plain function, or (async client only) a coroutine function."""
ResponseHook = Callable[[ResponseEvent], Optional[Awaitable[None]]]


class EventHooks(TypedDict, total=False):
    """What ``Configuration(event_hooks=...)`` takes: hooks by event, called in order."""

    request: Sequence[RequestHook]
    response: Sequence[ResponseHook]


class HookSet:
    """The hooks of one configuration, called by the clients' loops around each sending."""

    __slots__ = ("request", "response")

    def __init__(
        self, request: Tuple[RequestHook, ...], response: Tuple[ResponseHook, ...]
    ) -> None:
        self.request = request
        self.response = response

    def before(self, send: Send) -> None:
        if self.request:
            event = _request_event(send)
            for hook in self.request:
                _no_awaitable(hook(event), hook)

    def after(self, send: Send, response: HttpResponse, elapsed_ms: float) -> None:
        if self.response:
            event = _response_event(send, response, elapsed_ms)
            for hook in self.response:
                _no_awaitable(hook(event), hook)

    async def before_async(self, send: Send) -> None:
        if self.request:
            event = _request_event(send)
            for hook in self.request:
                result = hook(event)
                if result is not None:
                    await result

    async def after_async(self, send: Send, response: HttpResponse, elapsed_ms: float) -> None:
        if self.response:
            event = _response_event(send, response, elapsed_ms)
            for hook in self.response:
                result = hook(event)
                if result is not None:
                    await result


def _request_event(send: Send) -> RequestEvent:
    request = send.request
    return RequestEvent(
        request.method,
        split_userinfo(request.url)[0],
        redacted_headers(send.headers),
        send.attempt,
    )


def _response_event(send: Send, response: HttpResponse, elapsed_ms: float) -> ResponseEvent:
    return ResponseEvent(
        send.request.method,
        split_userinfo(send.request.url)[0],
        send.attempt,
        response.status,
        response.reason,
        redacted_headers(response.headers),
        elapsed_ms,
    )


def _no_awaitable(result: object, hook: object) -> None:
    """A sync client cannot await: a hook that returned an awaitable is a mistake to name."""
    if result is not None and hasattr(result, "__await__"):
        close = getattr(result, "close", None)
        if callable(close):
            close()  # no "coroutine was never awaited" warning on top of the error
        raise ConfigurationError(
            "event_hooks",
            f"{hook!r} is a coroutine function; only AsyncApiClient awaits hooks: use a plain "
            "function with ApiClient and ThreadedApiClient",
        )


def hook_set(hooks: Optional[EventHooks]) -> Optional[HookSet]:
    """``None`` when there is no hook at all, so a client without hooks pays nothing."""
    if not hooks:
        return None
    request = tuple(hooks.get("request", ()))
    response = tuple(hooks.get("response", ()))
    if not request and not response:
        return None
    return HookSet(request, response)


def check_event_hooks(value: object) -> EventHooks:
    """``Configuration``'s check: a mapping of "request"/"response" to lists of callables."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigurationError(
            "event_hooks",
            "must be a dict like {'request': [fn], 'response': [fn]}, "
            f"not {type(value).__name__}",
        )
    given: Mapping[Any, Any] = value
    for name in given:
        if name not in ("request", "response"):
            raise ConfigurationError(
                "event_hooks", f"has the key {name!r}; the events are 'request' and 'response'"
            )
    checked: EventHooks = {}
    if "request" in given:
        checked["request"] = _functions(given["request"], "request")
    if "response" in given:
        checked["response"] = _functions(given["response"], "response")
    return checked


def _functions(hooks: object, name: str) -> Tuple[Any, ...]:
    if not isinstance(hooks, (list, tuple)):
        raise ConfigurationError(
            "event_hooks", f"[{name!r}] must be a list of functions, not {type(hooks).__name__}"
        )
    listed: Sequence[object] = hooks
    for hook in listed:
        if not callable(hook):
            raise ConfigurationError(
                "event_hooks", f"[{name!r}] holds {hook!r}, which is not callable"
            )
    return tuple(listed)
