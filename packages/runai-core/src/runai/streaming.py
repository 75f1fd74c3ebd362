"""``stream(method, *args)``: any call, with its body left on the wire instead of read whole.

Every generated method, and each client's ``request``, can be streamed without a parameter of its
own: :func:`stream` takes the bound method and its arguments, and calls the same method on a copy
of its group whose client streams. Type checkers see the method's own parameters (``ParamSpec``)
and, from its return type, which client kind it belongs to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Coroutine, Mapping, Optional, TypeVar, overload

from runai.api_group import ApiGroup

if TYPE_CHECKING:
    from typing_extensions import ParamSpec

    from runai.clients.threaded import ApiFuture
    from runai.operation import Operation
    from runai.request.options import RequestOptions
    from runai.response import ApiResponse
    from runai.streamed_response import AsyncStreamContext, StreamedResponse

    P = ParamSpec("P")

T = TypeVar("T")


@overload
def stream(
    method: Callable[P, Coroutine[Any, Any, ApiResponse[T]]], /, *args: P.args, **kwargs: P.kwargs
) -> AsyncStreamContext: ...


@overload
def stream(
    method: Callable[P, ApiFuture[ApiResponse[T]]], /, *args: P.args, **kwargs: P.kwargs
) -> ApiFuture[StreamedResponse]: ...


@overload
def stream(
    method: Callable[P, ApiResponse[T]], /, *args: P.args, **kwargs: P.kwargs
) -> StreamedResponse: ...


def stream(method: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Call ``method(*args, **kwargs)`` and return as soon as the answer's headers arrived.

    ``method`` is a generated API method (``client.organizations.researcher_command_line_interface
    .get_binary``) or a client's ``request``. Auth and retries apply as for the plain call, up to
    the headers of a 2xx answer; an error status raises the usual ``ApiException``. The result:

    - ``ApiClient``: a :class:`~runai.streamed_response.StreamedResponse`; use it in ``with``;
    - ``ThreadedApiClient``: an ``ApiFuture`` of one, resolved once the headers arrived;
    - ``AsyncApiClient``: an :class:`~runai.streamed_response.AsyncStreamContext`, for
      ``async with`` (the request is sent on entry).

    The deadline of an attempt (``request_deadline``, or a number as ``_request_timeout``) ends
    with the headers: the body is read at the caller's pace, each read bounded by the read
    timeout only.
    """
    owner = getattr(method, "__self__", None)
    function = getattr(method, "__func__", None)
    if isinstance(owner, ApiGroup) and function is not None:
        group: ApiGroup[Any] = type(owner)(_StreamingCalls(owner.api_client))
        return function(group, *args, **kwargs)
    if function is not None and function.__name__ == "request":
        request_streamed = getattr(owner, "request_streamed", None)
        if request_streamed is not None:
            return request_streamed(*args, **kwargs)
    raise TypeError(
        "stream() takes a method of an API group, e.g. "
        "stream(client.organizations.researcher_command_line_interface.get_binary, 'linux', "
        f"'amd64'), or a client's request method; got {method!r}"
    )


class _StreamingCalls:
    """Stands in for a group's client so that the generated method's call is streamed."""

    __slots__ = ("_client",)

    def __init__(self, client: Any) -> None:
        self._client = client

    def call(
        self,
        op: Operation,
        path: Optional[Mapping[str, Any]],
        query: Optional[Mapping[str, Any]],
        body: Any,
        options: Optional[RequestOptions] = None,
    ) -> Any:
        return self._client.call_streamed(op, path, query, body, options)
