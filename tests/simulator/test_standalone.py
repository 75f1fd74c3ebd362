"""runai-testing installed alone, in an empty venv: no client package comes with it, and the
``runai-sim`` command serves the API from the spec it ships."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
import runai_testing
from support.venvs import create_venv, local, pip_install

from .helpers import Raw

CREDENTIALS = {"id": "standalone-id", "secret": "standalone-secret"}


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    exe = create_venv(tmp_path_factory.mktemp("runai-testing-alone"))
    pip_install(exe, local(["testing"]))
    return exe


def _installed(python: Path) -> Dict[str, str]:
    listing = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split("==", 1) for line in listing.stdout.split() if "==" in line)


@pytest.mark.slow  # a venv with runai-testing alone (the `python` fixture)
def test_no_client_package_is_installed_with_it(python: Path) -> None:
    installed = _installed(python)
    assert "runai-testing" in installed
    assert [name for name in installed if name.startswith("runai-") or name == "runapy"] == [
        "runai-testing"
    ]
    probe = subprocess.run([str(python), "-c", "import runai"], capture_output=True, text=True)
    assert probe.returncode != 0 and "No module named 'runai'" in probe.stderr


@pytest.fixture(scope="module")
def sim_url(python: Path) -> Iterator[str]:
    command = [
        str(python.parent / ("runai-sim.exe" if sys.platform == "win32" else "runai-sim")),
        "--port", "0", "--phase-delay", "0",
        "--client-id", CREDENTIALS["id"], "--client-secret", CREDENTIALS["secret"],
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(4)]
        exports = [line.strip().split(" ", 1)[1] for line in lines[1:]]  # export NAME=value
        settings = dict(line.split("=", 1) for line in exports)
        assert settings["RUNAI_CLIENT_ID"] == CREDENTIALS["id"], lines
        yield settings["RUNAI_BASE_URL"]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.slow
def test_runai_sim_from_the_venv_logs_in_and_answers(sim_url: str) -> None:
    raw = Raw(sim_url, CREDENTIALS["id"], CREDENTIALS["secret"])
    token = raw.login()
    status, clusters, _ = raw.call("GET", "/api/v1/clusters", token=token)
    assert status == 200 and clusters[0]["name"] == "cluster-1"
    project = {"name": "alone", "clusterId": clusters[0]["uuid"], "resources": []}
    status, created, _ = raw.call("POST", "/api/v1/org-unit/projects", project, token=token)
    assert status == 201 and created["name"] == "alone"
    status, listed, _ = raw.call("GET", "/api/v1/org-unit/projects", token=token)
    assert [p["name"] for p in listed["projects"]] == ["alone"]


@pytest.mark.slow
def test_runai_sim_from_the_venv_validates_bodies_by_the_spec(sim_url: str) -> None:
    raw = Raw(sim_url, CREDENTIALS["id"], CREDENTIALS["secret"])
    status, answer, _ = raw.call("POST", "/api/v1/notification-channels", {})
    assert status == 400
    assert "type" in answer["message"] and "config" in answer["message"]


def test_no_module_of_runai_testing_imports_the_client() -> None:
    package = Path(runai_testing.__file__).parent
    importers = []
    for source in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names: List[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            if any(_is_client(name) for name in names):
                importers.append(f"{source.relative_to(package)}:{node.lineno}")
    assert importers == []


def _is_client(module: str) -> bool:
    """``runai``, ``runai.*`` and the generated ``runai_<category>``/``runai_models``."""
    top = module.split(".")[0]
    return top == "runai" or (top.startswith("runai_") and top != "runai_testing")
