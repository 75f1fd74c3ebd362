"""How users start the simulator: the pytest fixture, the runai-sim command, many clients."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, List

from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .helpers import MakeClient, Raw

if sys.version_info >= (3, 10):
    from importlib.metadata import entry_points
else:  # pragma: no cover - Python 3.9
    from importlib_metadata import entry_points

from runai.api_client import AsyncApiClient, ThreadedApiClient

from .helpers import config_for


def test_pytest_plugin_fixture(runai_control_plane: ControlPlane, make_client: MakeClient) -> None:
    assert isinstance(runai_control_plane, ControlPlane)
    client = make_client(runai_control_plane)
    assert client.organizations.clusters.get_clusters().status_code == 200


def test_pytest_plugin_factory(runai_control_plane_factory: Callable[..., ControlPlane]) -> None:
    old = runai_control_plane_factory(spec_version="2.19", phase_delay=0)
    assert old.spec_version == "2.19" and old.url.startswith("http://127.0.0.1:")


def test_console_script_is_registered() -> None:
    scripts = entry_points(group="console_scripts")
    assert [ep.value for ep in scripts if ep.name == "runai-sim"] == ["runai_testing.cli:main"]


def start_cli(*options: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "runai_testing.cli", "--phase-delay", "0", *options]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_banner(process: subprocess.Popen[str]) -> List[str]:
    """The lines runai-sim prints before it serves, up to its faults line."""
    assert process.stdout is not None
    lines: List[str] = []
    while not lines or not lines[-1].startswith("# faults:"):
        line = process.stdout.readline()
        assert line, f"runai-sim stopped: {lines} {process.stderr.read() if process.stderr else ''}"
        lines.append(line.rstrip("\n"))
    return lines


def test_cli_prints_url_and_credentials_and_answers() -> None:
    process = start_cli(
        "--port", "0", "--client-id", "cli-id", "--client-secret", "cli-secret",
        "--spec-version", "2.20",
    )  # fmt: skip
    try:
        lines = read_banner(process)
        assert "spec 2.20" in lines[0]
        exports = [line[len("export ") :] for line in lines if line.startswith("export ")]
        settings = dict(line.split("=", 1) for line in exports)
        assert settings["RUNAI_CLIENT_ID"] == "cli-id"
        assert settings["RUNAI_CLIENT_SECRET"] == "cli-secret"
        raw = Raw(settings["RUNAI_BASE_URL"], "cli-id", "cli-secret")
        status, body, _ = raw.call("GET", "/api/v1/clusters")
        assert status == 200 and body[0]["name"] == "cluster-1"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_cli_output_pasted_into_a_shell_reaches_python() -> None:
    process = start_cli("--port", "0", "--client-id", "cli id", "--client-secret", "s3cr3t$&'x")
    try:
        banner = read_banner(process)
        show = "import os; print(os.environ['RUNAI_CLIENT_ID'], os.environ['RUNAI_CLIENT_SECRET'])"
        script = "\n".join([*banner, f'"{sys.executable}" -c "{show}"'])
        shell = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=60)
        assert shell.returncode == 0, shell.stderr
        assert shell.stdout.strip() == "cli id s3cr3t$&'x"
        assert any(line.startswith("# Windows: `set NAME=value`") for line in banner), banner
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_cli_on_a_busy_port_says_so_in_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start_cli("--port", str(port))
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "Traceback" not in stderr
    [line] = stderr.splitlines()
    assert f"port {port} on 127.0.0.1 is already in use" in line
    assert "--port 0 picks a free one" in line


def test_many_threads_at_once(plane: ControlPlane) -> None:
    with RunaiClient(ThreadedApiClient(config_for(plane, pool_maxsize=8))) as client:
        cluster = client.organizations.clusters.get_clusters().result().data[0]["uuid"]
        futures = [
            client.organizations.projects.create_project(
                {"name": f"p{i}", "clusterId": cluster, "resources": []}
            )
            for i in range(40)
        ]
        assert {f.result().status_code for f in futures} == {201}

    def count(_: int) -> int:
        return int(Raw.to(plane).call("GET", "/api/v1/org-unit/projects/count")[1]["count"])

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(count, range(16))) == {40}


async def test_many_async_tasks_at_once(plane: ControlPlane) -> None:
    async with RunaiClient(AsyncApiClient(config_for(plane))) as client:
        answers = await asyncio.gather(
            *(client.organizations.clusters.get_clusters() for _ in range(30))
        )
    assert {a.status_code for a in answers} == {200}
