"""The polling loop of every waiter: one state machine, driven by a blocking or an async loop."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Tuple

from runai.exceptions import NotFoundException, WaitFailedError, WaitTimeoutError
from runai.waiting.backoff import Backoff
from runai.waiting.options import WaitOptions
from runai.waiting.progress import Progress
from runai.waiting.waiter import Waiter

if TYPE_CHECKING:
    from runai.clients.aio import AsyncApiClient
    from runai.clients.sync import ApiClient
    from runai.response import ApiResponse


def _lookup(data: Any, path: Tuple[str, ...]) -> Optional[str]:
    """The non-empty string at ``path`` (wire names) in a decoded body; ``None`` otherwise."""
    if not path:
        return None
    for key in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data if isinstance(data, str) and data else None


class WaitRun:
    """One wait: reads answers, reports phase changes, decides to stop, fail or poll again."""

    def __init__(
        self, waiter: Waiter, resource_id: str, options: WaitOptions, log: logging.Logger
    ) -> None:
        self.waiter = waiter
        self.resource_id = resource_id
        self.options = options
        self.log = log
        self.clock = options.time
        self.started = self.clock.now()
        self.backoff = Backoff(options.poll_interval, self.clock)
        self.phase: Optional[str] = None
        self.message: Optional[str] = None
        self.path: Dict[str, str] = {waiter.id_param: resource_id}

    def observe(self, response: ApiResponse[Any]) -> bool:
        """True when ``response`` shows a success phase; raises on a failure phase."""
        waiter = self.waiter
        data = response.data
        phase = _lookup(data, waiter.phase_path)
        self.message = _lookup(data, waiter.message_path)
        if phase != self.phase:
            self._report(phase)
        if phase in waiter.failure:
            raise WaitFailedError(
                waiter.resource, self.resource_id, phase, self.message, waiter.goal
            )
        return phase is not None and phase in waiter.success

    def gone(self, missing: NotFoundException) -> bool:
        """A 404: the end of a deletion wait; for any other wait the error itself."""
        if not self.waiter.until_deleted:
            raise missing
        self._report(None, deleted=True)
        return True

    def pause(self) -> float:
        """Seconds to sleep before the next poll; raises once the time is up."""
        remaining = self.started + self.options.timeout - self.clock.now()
        if remaining <= 0:
            raise WaitTimeoutError(
                self.waiter.resource,
                self.resource_id,
                self.phase,
                self.options.timeout,
                self.waiter.goal,
                self.message,
            )
        return min(self.backoff.next(), remaining)

    def _report(self, phase: Optional[str], deleted: bool = False) -> None:
        progress = Progress(
            resource=self.waiter.resource,
            resource_id=self.resource_id,
            phase=phase,
            previous=self.phase,
            message=None if deleted else self.message,
            elapsed=self.clock.now() - self.started,
            deleted=deleted,
        )
        self.phase = phase
        self.backoff.reset()
        self.log.info("%s", progress)
        if self.options.on_progress is not None:
            self.options.on_progress(progress)


def wait_blocking(client: ApiClient, waiter: Waiter, resource_id: str, options: WaitOptions) -> Any:
    """Poll until done; the final model, or ``None`` for a deletion."""
    run = WaitRun(waiter, resource_id, options, client.log)
    while True:
        try:
            response = client.call(waiter.operation, run.path, None, None)
        except NotFoundException as missing:
            if run.gone(missing):
                return None
        else:
            if run.observe(response):
                return response.parsed()
        run.clock.sleep(run.pause())


async def wait_async(
    client: AsyncApiClient, waiter: Waiter, resource_id: str, options: WaitOptions
) -> Any:
    """:func:`wait_blocking` for the async client: never blocks the event loop."""
    run = WaitRun(waiter, resource_id, options, client.log)
    while True:
        try:
            response = await client.call(waiter.operation, run.path, None, None)
        except NotFoundException as missing:
            if run.gone(missing):
                return None
        else:
            if run.observe(response):
                return response.parsed()
        await run.clock.asleep(run.pause())
