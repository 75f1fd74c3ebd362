"""The promise of Python 3.9 support, kept at run time and not only in the syntax.

The workspace runs on a newer Python, so this builds a throwaway Python 3.9 venv, installs the
local distributions into it (core with ``async``, the models, the nine categories and the
simulator) and runs ``py39_check.py`` there: every public import path, every group module,
every model and its JSON schema, and a department/project/training round trip on the
simulator through each of the three clients.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Dict, Optional

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

pytestmark = pytest.mark.slow  # a Python 3.9 venv with every distribution installed: minutes

VERSION = "3.9"
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


def _probe(exe: str, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess[str]:
    code = "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.executable)"
    return subprocess.run([exe, "-c", code], capture_output=True, text=True, env=env)


def python39() -> str:
    """The real executable of the ``python3.9`` on PATH; the test fails when there is none.

    A pyenv shim only runs the versions pyenv has selected; when 3.9 is installed but not
    selected, the shim is asked again with the versions ``pyenv whence`` names for it.
    """
    exe = shutil.which(f"python{VERSION}")
    if exe is None:
        pytest.fail(f"{REQUIRED}, but there is no python{VERSION} on PATH")
    probe = _probe(exe)
    shims = Path(exe).parent
    pyenv = shutil.which("pyenv") or shutil.which("pyenv", path=str(shims.parent / "bin"))
    if probe.returncode != 0 and pyenv and shims.name == "shims":
        whence = subprocess.run(
            [pyenv, "whence", f"python{VERSION}"], capture_output=True, text=True
        )
        versions = whence.stdout.split()
        if versions:
            probe = _probe(exe, env={**os.environ, "PYENV_VERSION": ":".join(versions)})
    lines = probe.stdout.split()
    if probe.returncode != 0 or len(lines) != 2 or lines[0] != VERSION:
        pytest.fail(f"{REQUIRED}, but {exe} does not run as {VERSION}: {probe.stderr or lines}")
    return lines[1]


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
