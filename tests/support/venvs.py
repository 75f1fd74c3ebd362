"""Throwaway virtual environments with the local distributions installed from ``packages/``.

Used by the tests that prove an install outside the hatch workspace works: a slim install
(some categories only) and the Python 3.9 environment of ``tests/compat``.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

REPO = Path(__file__).resolve().parents[2]
PACKAGES = REPO / "packages"

CATEGORIES = [
    "organizations",
    "authz",
    "audit",
    "datavolumes",
    "workloads",
    "assets",
    "policies",
    "notifications",
    "ai-applications",
]
"""Short names of the nine generated category distributions, ``runai-<short>``."""

THIRD_PARTY = [
    "pydantic>=2.6,<3",
    "urllib3>=2,<3",
    "aiohttp>=3.9,<4",
    "importlib-metadata>=4.6; python_version<'3.10'",
    "jsonschema>=4.18,<5",  # runai-testing
]
"""What the local distributions need from the index (runai-core with its ``async`` extra, and
runai-testing).

Environment markers, not the running interpreter, decide what applies: the venv's Python may
be another version than the one running the tests.
"""

BUILD_BACKEND = "hatchling>=1.27"
"""The ``build-system.requires`` of every local distribution."""


def venv_python(root: Path) -> Path:
    return root / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def create_venv(root: Path, base_python: Optional[str] = None) -> Path:
    """A venv with pip at ``root``, of ``base_python`` (default: this interpreter); its python."""
    if base_python is None:
        venv.EnvBuilder(with_pip=True).create(root)
    else:
        subprocess.run([base_python, "-m", "venv", str(root)], check=True)
    return venv_python(root)


def pip_install(python: Path, args: Sequence[str]) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
        check=True,
    )


def pip_uninstall(python: Path, distributions: Sequence[str]) -> None:
    """Remove ``distributions`` from the venv; those not installed are passed over."""
    subprocess.run(
        [str(python), "-m", "pip", "uninstall", "--yes", "--quiet", *distributions],
        check=True,
        capture_output=True,
    )


def local(names: Iterable[str]) -> List[str]:
    """Paths of the local distributions named ``runai-<name>``, as pip arguments."""
    return [str(PACKAGES / f"runai-{name}") for name in names]


def pip_check(python: Path) -> str:
    """``pip check``'s complaints, or ``""`` when every requirement is satisfied."""
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    return "" if check.returncode == 0 else check.stdout + check.stderr
