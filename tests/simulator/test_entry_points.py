"""How users start the simulator: the pytest fixture, the runai-sim command, many clients."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from runai.api_client import ThreadedApiClient
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .helpers import Raw, config_for


def test_pytest_plugin_fixture(runai_control_plane, make_client):
    assert isinstance(runai_control_plane, ControlPlane)
    client = make_client(runai_control_plane)
    assert client.organizations.clusters.get_clusters().status_code == 200


def test_cli_prints_url_and_credentials_and_answers():
    command = [
        sys.executable, "-m", "runai_testing.cli", "--port", "0",
        "--client-id", "cli-id", "--client-secret", "cli-secret",
        "--spec-version", "2.20", "--phase-delay", "0",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(4)]
        assert "spec 2.20" in lines[0]
        settings = dict(line.strip().split("=", 1) for line in lines[1:])
        assert settings["RUNAI_CLIENT_ID"] == "cli-id"
        assert settings["RUNAI_CLIENT_SECRET"] == "cli-secret"
        raw = Raw(settings["RUNAI_BASE_URL"], "cli-id", "cli-secret")
        status, body, _ = raw.call("GET", "/api/v1/clusters")
        assert status == 200 and body[0]["name"] == "cluster-1"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_many_threads_at_once(plane):
    with RunaiClient(ThreadedApiClient(config_for(plane, pool_maxsize=8))) as client:
        cluster = client.organizations.clusters.get_clusters().result().data[0]["uuid"]
        futures = [
            client.organizations.projects.create_project(
                {"name": f"p{i}", "clusterId": cluster, "resources": []}
            )
            for i in range(40)
        ]
        assert {f.result().status_code for f in futures} == {201}

    def count(_):
        return Raw.to(plane).call("GET", "/api/v1/org-unit/projects/count")[1]["count"]

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(count, range(16))) == {40}
