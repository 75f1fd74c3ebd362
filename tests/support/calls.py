"""A streamed download and a paged list, each made the same way with the three client kinds, so
that tests of what surrounds a call (streaming itself, event hooks, spans) share them."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Callable, Dict, Iterator, List, Optional, cast

from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from runai.streamed_response import AsyncStreamedResponse, StreamedResponse
from runai.streaming import stream

from support.server import FixtureServer, ScriptedResponse

BINARY = "/api/v1/cli-exposer/dist/linux/amd64/runai"
OCTETS = {"Content-Type": "application/octet-stream"}
BLOCK = 64 * 1024
PROJECTS = "/api/v1/org-unit/projects"


class Feed:
    """A large body the server writes block by block, noting how much went out and when it
    stopped (the client read it all, or went away)."""

    def __init__(self, total: int, fail_after: int = -1) -> None:
        self.total = total
        self.fail_after = fail_after
        self.sent = 0
        self.stopped = threading.Event()

    def __call__(self) -> Iterator[bytes]:
        block = b"\xab" * BLOCK
        try:
            while self.sent < self.total:
                if self.sent == self.fail_after:
                    raise ConnectionAbortedError("the server stops in the middle of the body")
                yield block
                self.sent += BLOCK
        finally:
            self.stopped.set()

    @property
    def headers(self) -> Dict[str, str]:
        return {**OCTETS, "Content-Length": str(self.total)}


def serve_feed(server: FixtureServer, feed: Feed) -> None:
    server.default_response = lambda req: ScriptedResponse(200, headers=feed.headers, stream=feed)


def serve_binary(server: FixtureServer, body: bytes) -> None:
    """Every API request not scripted otherwise gets ``body`` as an octet stream."""
    server.default_response = ScriptedResponse(200, body=body, headers=OCTETS)


def _nothing() -> None:
    pass


def with_download(
    kind: str,
    config: Any,
    use: Callable[[Any], Any],
    *,
    then_get: bool = False,
    after: Optional[Callable[[], None]] = None,
) -> Any:
    """``use(response)`` on ``stream(get_binary, "linux", "amd64")`` in a ``with`` block of the
    right kind (``use`` is a coroutine function for the async client). After the block, with the
    client still open and the response still referenced: ``after()`` (a check that may wait for
    the server), then, with ``then_get``, one plain call of the same operation."""
    if kind == "async":

        async def go() -> Any:
            async with RunaiClient(AsyncApiClient(config)) as client:
                cli = client.organizations.researcher_command_line_interface
                try:
                    async with stream(cli.get_binary, "linux", "amd64") as response:
                        result = await use(response)
                finally:
                    if after is not None:
                        await asyncio.to_thread(after)  # the loop must run to close sockets
                    if then_get:
                        await cli.get_binary("linux", "amd64")
                return result

        return asyncio.run(go())
    if kind == "threaded":
        with RunaiClient(ThreadedApiClient(config)) as threaded:
            cli_t = threaded.organizations.researcher_command_line_interface
            try:
                with stream(cli_t.get_binary, "linux", "amd64").result(timeout=60) as response:
                    result = use(response)
            finally:
                if after is not None:
                    after()
                if then_get:
                    cli_t.get_binary("linux", "amd64").result(timeout=60)
            return result
    with RunaiClient(ApiClient(config)) as sync:
        cli_s = sync.organizations.researcher_command_line_interface
        try:
            with stream(cli_s.get_binary, "linux", "amd64") as response:
                result = use(response)
        finally:
            if after is not None:
                after()
            if then_get:
                cli_s.get_binary("linux", "amd64")
        return result


def download(
    kind: str,
    config: Configuration,
    opened: Callable[[], None] = _nothing,
    after: Callable[[], None] = _nothing,
) -> bytes:
    """``stream(get_binary, "linux", "amd64")`` with a new client of ``kind``; returns the body.

    ``opened()`` runs once the stream is open (its headers arrived, its body unread); ``after()``
    once the stream is closed or the call failed, with the client still open (a check that
    may wait for the server)."""
    if kind == "async":

        async def read_async(response: AsyncStreamedResponse) -> bytes:
            opened()
            return b"".join([chunk async for chunk in response.aiter_bytes()])

        return cast(bytes, with_download(kind, config, read_async, after=after))

    def read(response: StreamedResponse) -> bytes:
        opened()
        return b"".join(response.iter_bytes())

    return cast(bytes, with_download(kind, config, read, after=after))


def project_names(kind: str, config: Configuration, limit: int) -> List[Optional[str]]:
    """The names of every project of every page of ``get_projects(limit=limit)``, with a new
    client of ``kind`` (the following pages are fetched while iterating)."""
    if kind == "async":

        async def go() -> List[Optional[str]]:
            async with RunaiClient(AsyncApiClient(config)) as client:
                first = await client.organizations.projects.get_projects(limit=limit)
                return [project.name async for project in first]

        return asyncio.run(go())
    if kind == "threaded":
        with RunaiClient(ThreadedApiClient(config)) as threaded:
            pages = threaded.organizations.projects.get_projects(limit=limit).result(timeout=60)
            return [project.name for project in pages]
    with RunaiClient(ApiClient(config)) as client:
        return [project.name for project in client.organizations.projects.get_projects(limit=limit)]


def serve_project_pages(server: FixtureServer, *pages: List[str]) -> None:
    """The next calls of the projects list answer these pages of names, in order; every page
    but the last says where the next one starts."""
    start = 0
    for number, names in enumerate(pages):
        start += len(names)
        page: Any = {"projects": [{"name": name} for name in names]}
        if number < len(pages) - 1:
            page["next"] = start
        server.enqueue(json=page, path=PROJECTS)
