"""A 200 MB download streams with flat memory, on the three clients.

The client runs in a child process that reports its peak RSS (``ru_maxrss``) before and after
each download; the server (this process) writes the body block by block.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
from support.helpers import STATIC_TOKEN, bearer_config
from support.server import FixtureServer, RecordedRequest, ScriptedResponse

BINARY = "/api/v1/cli-exposer/dist/linux/amd64/runai"
SIZE = 200 * 1024 * 1024
BLOCK = 1024 * 1024
GROWTH_LIMIT_MB = 40  # a fifth of the body: a client holding it whole would need 200+

CHILD = r"""
import asyncio, json, os, resource, sys

from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from runai.streaming import stream

url, token, directory = sys.argv[1:4]
config = Configuration(runai_base_url=url, bearer_token=token, timeout=(10.0, 60.0))
SMALL = "/small"


def peak_mb():
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def count(chunks):
    return sum(len(chunk) for chunk in chunks)


sync = RunaiClient(ApiClient(config))
threaded = RunaiClient(ThreadedApiClient(config))
cli = sync.organizations.researcher_command_line_interface
cli_t = threaded.organizations.researcher_command_line_interface


async def async_downloads(warm_up_only):
    async with RunaiClient(AsyncApiClient(config)) as client:
        if warm_up_only:
            async with stream(client.api_client.request, "GET", SMALL) as response:
                await response.write_to(os.path.join(directory, "small"))
            return {}
        cli_a = client.organizations.researcher_command_line_interface
        sizes = {}
        async with stream(cli_a.get_binary, "linux", "amd64") as response:
            sizes["async aiter_bytes"] = (
                sum([len(chunk) async for chunk in response.aiter_bytes()]), peak_mb()
            )
        target = os.path.join(directory, "async.bin")
        async with stream(cli_a.get_binary, "linux", "amd64") as response:
            await response.write_to(target)
        sizes["async write_to"] = (os.path.getsize(target), peak_mb())
        os.remove(target)
        return sizes


# Warm up every path with a small body first: imports, pools and buffers are not growth.
with stream(sync.api_client.request, "GET", SMALL) as response:
    count(response.iter_bytes())
with stream(threaded.api_client.request, "GET", SMALL).result() as response:
    count(response.iter_bytes())
asyncio.run(async_downloads(warm_up_only=True))
before = peak_mb()

report = {}
target = os.path.join(directory, "sync.bin")
with stream(cli.get_binary, "linux", "amd64") as response:
    response.write_to(target)
report["sync write_to"] = (os.path.getsize(target), peak_mb())
os.remove(target)
with stream(cli_t.get_binary, "linux", "amd64").result() as response:
    report["threaded iter_bytes"] = (count(response.iter_bytes()), peak_mb())
report.update(asyncio.run(async_downloads(warm_up_only=False)))
sync.close()
threaded.close()
print(json.dumps({"before": before, "downloads": report}))
"""


def answer(request: RecordedRequest) -> ScriptedResponse:
    if request.path != BINARY:
        return ScriptedResponse(200, body=b"small body", headers={"Content-Type": "text/plain"})
    return ScriptedResponse(
        200,
        headers={"Content-Type": "application/octet-stream", "Content-Length": str(SIZE)},
        stream=blocks,
    )


def blocks() -> Iterator[bytes]:
    block = b"\x5a" * BLOCK
    for _ in range(SIZE // BLOCK):
        yield block


@pytest.mark.slow  # 200 MB through each client, in a child process
def test_a_200_mb_download_keeps_memory_flat(fixture_server: FixtureServer, tmp_path: Path) -> None:
    bearer_config(fixture_server)  # registers the static token
    fixture_server.default_response = answer
    child = subprocess.run(
        [sys.executable, "-c", CHILD, fixture_server.url, STATIC_TOKEN, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    before = result["before"]
    downloads = result["downloads"]
    assert set(downloads) == {
        "sync write_to",
        "threaded iter_bytes",
        "async aiter_bytes",
        "async write_to",
    }
    for name, (size, peak) in downloads.items():
        assert size == SIZE, name
        assert peak - before < GROWTH_LIMIT_MB, f"{name}: peak RSS grew {peak - before:.1f} MB"
    assert len(fixture_server.requests_to(BINARY)) == 4
