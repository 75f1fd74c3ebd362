"""Streamed downloads: ``stream(method, *args)`` on the three clients, against a loopback server."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any, Callable, List, Tuple

import pytest
from runai.api_client import ApiClient, AsyncApiClient
from runai.exceptions import ApiConnectionError, NotFoundException
from runai.runai_client import RunaiClient
from runai.streamed_response import AsyncStreamedResponse, StreamedResponse
from runai.streaming import stream
from support.calls import BINARY, BLOCK, Feed, serve_binary, serve_feed, with_download
from support.helpers import KINDS, bearer_config, build_config
from support.server import FixtureServer

BODY = random.Random(11).randbytes(3 * 1024 * 1024 + 17)


def serve_body(server: FixtureServer, body: bytes = BODY) -> None:
    serve_binary(server, body)


def ports(server: FixtureServer) -> List[int]:
    """The client-side port of each API request: equal ports mean a reused connection."""
    return [r.client_address[1] for r in server.api_requests()]


def collect(kind: str, chunk_size: int) -> Callable[[Any], Any]:
    """Reads every chunk; returns them and whether the response counts as closed afterwards."""
    if kind == "async":

        async def read_async(response: AsyncStreamedResponse) -> Tuple[List[bytes], bool]:
            chunks = [chunk async for chunk in response.aiter_bytes(chunk_size)]
            return chunks, response.closed

        return read_async

    def read(response: StreamedResponse) -> Tuple[List[bytes], bool]:
        chunks = list(response.iter_bytes(chunk_size))
        return chunks, response.closed

    return read


def write(kind: str, path: Path) -> Callable[[Any], Any]:
    if kind == "async":

        async def write_async(response: AsyncStreamedResponse) -> int:
            return await response.write_to(path)

        return write_async
    return lambda response: response.write_to(path)


def read_one_chunk(kind: str) -> Callable[[Any], Any]:
    """Reads one chunk and leaves the rest of the body unread."""
    if kind == "async":

        async def first_async(response: AsyncStreamedResponse) -> bytes:
            async for chunk in response.aiter_bytes():
                return chunk
            raise AssertionError("no body")

        return first_async
    return lambda response: next(response.iter_bytes())


@pytest.mark.parametrize("kind", KINDS)
def test_chunks_are_the_body_and_the_connection_is_reused(
    fixture_server: FixtureServer, kind: str
) -> None:
    serve_body(fixture_server)
    config = bearer_config(fixture_server)
    chunks, closed = with_download(kind, config, collect(kind, 10_000), then_get=True)
    assert b"".join(chunks) == BODY
    assert len(chunks) > 300 and max(len(c) for c in chunks) <= 10_000
    assert closed  # read to the end: the connection went back by itself
    first = fixture_server.api_requests()[0]
    assert first.path == BINARY and first.headers["Accept"] == "application/octet-stream"
    assert ports(fixture_server)[0] == ports(fixture_server)[1]  # the plain call reused it


@pytest.mark.parametrize("kind", KINDS)
def test_write_to_writes_the_body_to_a_file(
    fixture_server: FixtureServer, kind: str, tmp_path: Path
) -> None:
    serve_body(fixture_server)
    target = tmp_path / "runai"
    target.write_bytes(b"an older, longer file" * 1_000_000)
    written = with_download(kind, bearer_config(fixture_server), write(kind, target))
    assert written == len(BODY)
    assert target.read_bytes() == BODY


def test_data_of_a_plain_call_is_unchanged(fixture_server: FixtureServer) -> None:
    serve_body(fixture_server)
    with RunaiClient(ApiClient(bearer_config(fixture_server))) as client:
        response = client.organizations.researcher_command_line_interface.get_binary(
            "linux", "amd64"
        )
    assert response.data == BODY and response.parsed() == BODY


@pytest.mark.parametrize("kind", KINDS)
def test_closing_early_stops_the_download_and_the_client_goes_on(
    fixture_server: FixtureServer, kind: str
) -> None:
    feed = Feed(total=256 * 1024 * 1024)
    fixture_server.enqueue(200, headers=feed.headers, stream=feed, path=BINARY)
    serve_body(fixture_server, b"next")
    stopped: List[bool] = []
    config = bearer_config(fixture_server)
    first = with_download(
        kind,
        config,
        read_one_chunk(kind),
        after=lambda: stopped.append(feed.stopped.wait(60)),
        then_get=True,
    )
    assert first == b"\xab" * len(first)
    assert stopped == [True], "the server is still sending: the connection was not closed"
    assert feed.sent < feed.total
    # The plain call after it succeeded, on a fresh connection: a half-read one is never reused.
    assert len(fixture_server.api_requests()) == 2
    assert len(set(ports(fixture_server))) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_an_error_in_the_with_block_closes_the_connection(
    fixture_server: FixtureServer, kind: str
) -> None:
    feed = Feed(total=256 * 1024 * 1024)
    serve_feed(fixture_server, feed)
    read = read_one_chunk(kind)

    if kind == "async":

        async def use_async(response: AsyncStreamedResponse) -> None:
            await read(response)
            raise KeyError("the caller's own error")

        use: Callable[[Any], Any] = use_async
    else:

        def use(response: StreamedResponse) -> None:
            read(response)
            raise KeyError("the caller's own error")

    stopped: List[bool] = []
    with pytest.raises(KeyError, match="the caller's own error"):
        with_download(
            kind,
            bearer_config(fixture_server),
            use,
            after=lambda: stopped.append(feed.stopped.wait(60)),
        )
    assert stopped == [True], "the server is still sending: the connection leaked"
    assert feed.sent < feed.total


@pytest.mark.parametrize("kind", KINDS)
def test_an_error_status_raises_and_frees_the_connection(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(404, json={"code": 404, "message": "no CLI for beos"}, path=BINARY)
    serve_body(fixture_server, b"ok")
    with pytest.raises(NotFoundException, match="no CLI for beos"):
        with_download(kind, bearer_config(fixture_server), collect(kind, 1024), then_get=True)
    # The error body was read and the connection handed back: the next call reused it.
    assert len(fixture_server.api_requests()) == 2
    assert len(set(ports(fixture_server))) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_reauthentication_and_retries_happen_before_the_body(
    fixture_server: FixtureServer, kind: str
) -> None:
    fixture_server.enqueue(401, json={"code": 401, "message": "token revoked"}, path=BINARY)
    fixture_server.enqueue(503, json={"code": 503, "message": "busy"}, path=BINARY)
    serve_body(fixture_server)
    chunks, _ = with_download(kind, build_config(fixture_server), collect(kind, 1 << 20))
    assert b"".join(chunks) == BODY
    assert len(fixture_server.api_requests()) == 3  # 401, 503, then the download
    assert fixture_server.token_requests == 2  # logged in again after the 401


@pytest.mark.parametrize("kind", KINDS)
def test_a_body_cut_short_raises_and_is_not_retried(
    fixture_server: FixtureServer, kind: str
) -> None:
    feed = Feed(total=8 * 1024 * 1024, fail_after=2 * 1024 * 1024)
    serve_feed(fixture_server, feed)
    with pytest.raises(ApiConnectionError):
        with_download(kind, bearer_config(fixture_server), collect(kind, BLOCK))
    assert len(fixture_server.api_requests()) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_write_to_removes_the_partial_file_when_the_body_is_cut_short(
    fixture_server: FixtureServer, kind: str, tmp_path: Path
) -> None:
    serve_feed(fixture_server, Feed(total=8 * 1024 * 1024, fail_after=2 * 1024 * 1024))
    target = tmp_path / "runai"
    with pytest.raises(ApiConnectionError):
        with_download(kind, bearer_config(fixture_server), write(kind, target))
    assert not target.exists()


def test_raw_request_streams_too(fixture_server: FixtureServer) -> None:
    serve_body(fixture_server)
    config = bearer_config(fixture_server)
    with ApiClient(config) as client, stream(client.request, "GET", BINARY) as response:
        assert b"".join(response.iter_bytes()) == BODY

    async def go() -> bytes:
        async with AsyncApiClient(config) as aclient:
            response = await stream(aclient.request, "GET", BINARY, timeout=30)
            try:
                return b"".join([chunk async for chunk in response.aiter_bytes()])
            finally:
                await response.close()

    assert asyncio.run(go()) == BODY
    assert [r.raw_path for r in fixture_server.api_requests()] == [BINARY, BINARY]


def test_a_streamed_body_is_read_once(fixture_server: FixtureServer) -> None:
    serve_body(fixture_server, b"small")
    with RunaiClient(ApiClient(bearer_config(fixture_server))) as client:
        cli = client.organizations.researcher_command_line_interface
        with stream(cli.get_binary, "linux", "amd64") as response:
            assert b"".join(response.iter_bytes()) == b"small"
            with pytest.raises(RuntimeError, match="can be read once"):
                response.iter_bytes()
        response = stream(cli.get_binary, "linux", "amd64")
        with response, pytest.raises(ValueError, match="chunk_size must be a positive number"):
            response.iter_bytes(0)


def test_stream_names_what_it_accepts() -> None:
    with pytest.raises(TypeError, match=r"stream\(\) takes a method of an API group"):
        stream(len, "abc")  # type: ignore[call-overload]


def test_arguments_are_checked_when_called_and_the_request_is_sent_on_entry(
    fixture_server: FixtureServer,
) -> None:
    serve_body(fixture_server, b"x")

    async def go() -> None:
        async with RunaiClient(AsyncApiClient(bearer_config(fixture_server))) as client:
            cli = client.organizations.researcher_command_line_interface
            pending = stream(cli.get_binary, "linux", "amd64")
            assert fixture_server.api_requests() == []
            async with pending as response:
                assert response.status_code == 200
            with pytest.raises(TypeError):
                stream(cli.get_binary, "linux")  # type: ignore[call-overload]

    asyncio.run(go())
    assert len(fixture_server.api_requests()) == 1
