"""The promise of Python 3.9 support, kept at run time and not only in the syntax.

The workspace runs on a newer Python, so this builds a throwaway Python 3.9 venv, installs the
local distributions into it (core with ``async``, the models, the nine categories and the
simulator) and runs ``py39_check.py`` there: every public import path, every group module,
every model and its JSON schema, and a department/project/training round trip on the
simulator through each of the three clients.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.venvs import (
    BUILD_BACKEND,
    CATEGORIES,
    THIRD_PARTY,
    create_venv,
    local,
    pip_check,
    pip_install,
)

TOOLS = str(Path(__file__).resolve().parents[2] / "tools")
if TOOLS not in sys.path:
    sys.path.insert(0, TOOLS)

from python39 import VERSION, NoPython39, find_python39  # noqa: E402

pytestmark = pytest.mark.slow  # a Python 3.9 venv with every distribution installed: minutes

CHECK = Path(__file__).with_name("py39_check.py")
SUMMARY = re.compile(
    r"^SUMMARY python=(?P<python>\S+) categories=(?P<categories>\d+) groups=(?P<groups>\d+) "
    r"models=(?P<models>\d+) scenarios=(?P<scenarios>\d+) failures=(?P<failures>\d+)$",
    re.MULTILINE,
)
REQUIRED = (
    f"python{VERSION} is required to prove the promised Python {VERSION} support "
    f"(README: 'Python {VERSION} or newer')"
)


def python39() -> str:
    """The real executable of the ``python3.9`` on PATH; the test fails when there is none."""
    try:
        return find_python39()
    except NoPython39 as exc:
        pytest.fail(f"{REQUIRED}, but {exc}")


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    exe = create_venv(tmp_path_factory.mktemp("py39-venv"), python39())
    # One resolver pass for everything from the index, the build backend included; then the
    # local distributions, built with that backend, without another resolution.
    pip_install(exe, [*THIRD_PARTY, BUILD_BACKEND])
    pip_install(
        exe,
        [
            "--no-deps",
            "--no-build-isolation",
            *local(["core", "models", *CATEGORIES, "testing"]),
        ],
    )
    return exe


def test_the_local_distributions_install_consistently(python: Path) -> None:
    assert pip_check(python) == ""


def test_everything_imports_validates_and_runs_on_python39(python: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(python), str(CHECK)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # nothing from the work tree shadows the installed packages
        timeout=300,
    )
    output = result.stdout + result.stderr
    summary = SUMMARY.search(result.stdout)
    assert summary, output
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL ")]
    assert failures == [], "\n".join(failures)
    assert summary["failures"] == "0", output
    assert result.returncode == 0, output
    assert summary["python"] == VERSION
    assert int(summary["categories"]) == len(CATEGORIES), output
    assert int(summary["groups"]) >= 50, output
    assert int(summary["models"]) >= 1000, output
    assert summary["scenarios"] == "3", output
