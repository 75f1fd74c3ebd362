"""ThreadedApiClient: calls return futures, run by a pool of worker threads."""

from __future__ import annotations

import concurrent.futures
import contextvars
import copy
import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Set, TypeVar

from runai.auth.providers import TokenProvider
from runai.clients import lifecycle
from runai.clients.base import ClosingContext
from runai.clients.sync import ApiClient
from runai.configuration import Configuration
from runai.operation import Operation
from runai.request.options import RequestOptions, TimeoutArg
from runai.response import ApiResponse
from runai.retry.policy import RetryPolicy

if TYPE_CHECKING:
    from runai.streamed_response import StreamedResponse
    from runai.waiting.options import WaitOptions
    from runai.waiting.waiter import Waiter

T = TypeVar("T")
R = TypeVar("R")


class ApiFuture(concurrent.futures.Future[T]):
    """A ``concurrent.futures.Future`` that also answers ``.get()`` like runapy's results did.

    A generated method's future is ``ApiFuture[ApiResponse[Model]]``: ``.result()`` and
    ``.get()`` give the response.
    """

    def get(self, timeout: Optional[float] = None) -> T:
        """Same as ``result(timeout)``."""
        return self.result(timeout)


class ThreadedApiClient(ClosingContext):
    """Runs each call on a worker thread and returns an :class:`ApiFuture` at once.

    All workers share one :class:`ApiClient` (one connection pool, one token), so the client is
    safe to use from many threads. ``max_workers`` defaults to ``pool_size``; the connection
    pool is sized to fit the workers.
    """

    def __init__(
        self,
        configuration: Configuration,
        *,
        max_workers: Optional[int] = None,
        retry_policy: Optional[RetryPolicy] = None,
        token_provider: Optional[TokenProvider] = None,
    ) -> None:
        workers = max_workers or configuration.pool_size
        self.configuration: Configuration = configuration
        self._workers = workers
        self._client = ApiClient(
            configuration,
            retry_policy=retry_policy,
            token_provider=token_provider,
            pool_maxsize=workers,
        )
        self._executor = self._new_executor()
        self._pending: Set[concurrent.futures.Future[Any]] = set()
        self._pending_lock = threading.Lock()
        self._origin: Optional[ThreadedApiClient] = None
        self._derived: weakref.WeakSet[ThreadedApiClient] = weakref.WeakSet()
        lifecycle.register(self)

    def _new_executor(self) -> concurrent.futures.ThreadPoolExecutor:
        return concurrent.futures.ThreadPoolExecutor(
            max_workers=self._workers, thread_name_prefix="runai"
        )

    @property
    def closed(self) -> bool:
        return self._client.closed

    def call(
        self,
        op: Operation,
        path: Optional[Mapping[str, Any]],
        query: Optional[Mapping[str, Any]],
        body: Any,
        options: Optional[RequestOptions] = None,
    ) -> ApiFuture[ApiResponse[Any]]:
        return self._submit(self._client.call, op, path, query, body, options)

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: TimeoutArg = None,
    ) -> ApiFuture[ApiResponse[object]]:
        return self._submit(
            lambda: self._client.request(
                method, path, query=query, body=body, headers=headers, timeout=timeout
            )
        )

    def wait_for(self, waiter: Waiter, resource_id: str, options: WaitOptions) -> ApiFuture[Any]:
        """The whole wait runs on one worker thread, which sleeps between polls; the future
        holds the final model (or ``None`` after a deletion)."""
        return self._submit(self._client.wait_for, waiter, resource_id, options)

    def call_streamed(
        self,
        op: Operation,
        path: Optional[Mapping[str, Any]],
        query: Optional[Mapping[str, Any]],
        body: Any,
        options: Optional[RequestOptions] = None,
    ) -> ApiFuture[StreamedResponse]:
        """Like :meth:`call`; the future resolves once the headers arrived, the body unread."""
        return self._submit(self._client.call_streamed, op, path, query, body, options)

    def request_streamed(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: TimeoutArg = None,
    ) -> ApiFuture[StreamedResponse]:
        return self._submit(
            lambda: self._client.request_streamed(
                method, path, query=query, body=body, headers=headers, timeout=timeout
            )
        )

    def _derive(
        self,
        configuration: Configuration,
        *,
        max_retries: Optional[int] = None,
        backoff_factor: Optional[float] = None,
    ) -> ThreadedApiClient:
        """A client over this one's worker threads, pool and token with its own settings
        (``with_options``); closing it leaves those open."""
        inner = self._client._derive(
            configuration, max_retries=max_retries, backoff_factor=backoff_factor
        )
        origin = self._origin or self
        derived = copy.copy(origin)
        derived.configuration = configuration
        derived._client = inner
        derived._pending = set()
        derived._pending_lock = threading.Lock()
        derived._origin = origin
        derived._derived = weakref.WeakSet()
        origin._derived.add(derived)
        lifecycle.register(derived)
        return derived

    def _submit(self, fn: Callable[..., R], *args: Any) -> ApiFuture[R]:
        """Run ``fn`` on a worker in a copy of the caller's context (as ``asyncio.to_thread``
        does), so the caller's current OpenTelemetry span is the parent of the call's span."""
        future: ApiFuture[R] = ApiFuture()
        with self._pending_lock:
            self._client._check_open()
            self._pending.add(future)
        future.add_done_callback(self._forget)
        self._executor.submit(contextvars.copy_context().run, _run, future, fn, args)
        return future

    def _forget(self, future: concurrent.futures.Future[Any]) -> None:
        with self._pending_lock:
            self._pending.discard(future)

    def close(self) -> None:
        """Cancel the calls that have not started, end the ones waiting to retry, wait for the
        ones on the wire, then release threads and connections."""
        with self._pending_lock:
            if self._client.closed:
                return
            self._client._mark_closed()
            queued = list(self._pending)
        for future in queued:
            future.cancel()  # only succeeds for calls no worker has started
        if self._origin is None:
            self._executor.shutdown(wait=True)
        else:
            concurrent.futures.wait(queued)  # the workers are the original's: keep them
        self._client.close()

    def _on_shutdown(self) -> None:
        with self._pending_lock:
            self._client._mark_closed()
            queued = list(self._pending)
        for future in queued:
            future.cancel()

    def _after_fork(self) -> None:
        # The parent's worker threads do not exist here: futures submitted to its executor would
        # never run. The inner ApiClient resets its own pool and token lock.
        self._pending_lock = threading.Lock()
        self._pending = set()
        if self._origin is None:
            self._executor = self._new_executor()
            for derived in self._derived:
                derived._executor = self._executor

    def __repr__(self) -> str:
        return f"<ThreadedApiClient {self.configuration.runai_base_url}>"


def _run(future: ApiFuture[R], fn: Callable[..., R], args: Any) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        result = fn(*args)
    except BaseException as exc:
        future.set_exception(exc)
    else:
        future.set_result(result)
