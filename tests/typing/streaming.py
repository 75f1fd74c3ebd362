"""What type checkers see of ``stream(method, *args)`` on each client kind."""

from __future__ import annotations

from typing import AsyncIterator, Iterator, Mapping

from runai.api_client import ApiClient, ApiFuture, AsyncApiClient, ThreadedApiClient
from runai.runai_client import RunaiClient
from runai.streamed_response import AsyncStreamContext, AsyncStreamedResponse, StreamedResponse
from runai.streaming import stream
from typing_extensions import assert_type


def sync_client(client: RunaiClient[ApiClient]) -> None:
    cli = client.organizations.researcher_command_line_interface
    with stream(cli.get_binary, "linux", "amd64", _request_timeout=30) as response:
        assert_type(response, StreamedResponse)
        assert_type(response.status_code, int)
        assert_type(response.headers, Mapping[str, str])
        assert_type(response.iter_bytes(1 << 16), Iterator[bytes])
        assert_type(response.write_to("runai"), int)
    assert_type(stream(cli.get_installer_linux), StreamedResponse)
    reports = client.organizations.reports
    assert_type(stream(reports.download_report_by_id, "r-1"), StreamedResponse)
    raw = stream(client.api_client.request, "GET", "/api/v1/audit/log/file")
    assert_type(raw, StreamedResponse)


def threaded_client(client: RunaiClient[ThreadedApiClient]) -> None:
    cli = client.organizations.researcher_command_line_interface
    future = stream(cli.get_binary, "darwin", "arm64")
    assert_type(future, ApiFuture[StreamedResponse])
    with future.result() as response:
        assert_type(response, StreamedResponse)
    raw = stream(client.api_client.request, "GET", "/api/v1/audit/log/file")
    assert_type(raw, ApiFuture[StreamedResponse])


async def async_client(client: RunaiClient[AsyncApiClient]) -> None:
    cli = client.organizations.researcher_command_line_interface
    pending = stream(cli.get_binary, "linux", "amd64")
    assert_type(pending, AsyncStreamContext)
    async with pending as response:
        assert_type(response, AsyncStreamedResponse)
        assert_type(response.aiter_bytes(), AsyncIterator[bytes])
        assert_type(await response.write_to("runai"), int)
    opened = await stream(client.api_client.request, "GET", "/api/v1/audit/log/file")
    assert_type(opened, AsyncStreamedResponse)
    await opened.close()


def mistakes(client: RunaiClient[ApiClient], aclient: RunaiClient[AsyncApiClient]) -> None:
    cli = client.organizations.researcher_command_line_interface
    stream(cli.get_binary, "beos", "amd64")  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    stream(cli.get_binary, "linux")  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    stream(cli.get_binary, "linux", "amd64", timeout=3)  # type: ignore[call-arg, arg-type]  # pyright: ignore[reportCallIssue]
    stream(cli.get_binary, "linux", "amd64").aiter_bytes()  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
    acli = aclient.organizations.researcher_command_line_interface
    with stream(acli.get_binary, "linux", "amd64"):  # type: ignore[attr-defined]  # pyright: ignore[reportGeneralTypeIssues]
        pass
