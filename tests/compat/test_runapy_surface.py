"""The generator's list of runapy 1.x import paths is runapy 1.224.0's actual public surface.

The runapy 1.224.0 wheel is downloaded from PyPI (once per session) and read with ``ast``; it is
never imported. Its public surface: every module, the names its three re-exporting packages
(``runai``, ``runai.api``, ``runai.models``) import, and the public classes and functions the
other modules define.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Dict, Set

import pytest

from .runapy_paths import derived_paths

pytestmark = pytest.mark.slow  # downloads and reads runapy 1.224.0's wheel

RUNAPY = "runapy==1.224.0"

REEXPORTING = ("runai", "runai.api", "runai.models")

INTERNAL = {
    "runai.rest": "runapy's urllib3 transport (RESTClientObject, RESTResponse)",
    "runai.async_rest": "runapy's aiohttp transport",
    "runai.token_refresher": "runapy's token refresh helper, used by its ApiClient only",
    "runai.api.runai_api_service": "the base class runapy's API classes shared",
}
"""runapy modules that were its implementation, not its API; nothing replaces them."""


@pytest.fixture(scope="session")
def runapy_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("runapy-1.224.0")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            RUNAPY,
            "--dest",
            str(target),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"could not download {RUNAPY} from the index:\n{done.stderr}"
    wheels = sorted(target.glob("runapy-1.224.0-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _sources(wheel: Path) -> Dict[str, str]:
    """Module name -> source of every module of the ``runai`` package in the wheel."""
    found: Dict[str, str] = {}
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith("runai/") and name.endswith(".py"):
                module = name[: -len(".py")].replace("/", ".")
                module = module[: -len(".__init__")] if module.endswith(".__init__") else module
                found[module] = archive.read(name).decode("utf-8")
    return found


def _public_names(module: str, source: str) -> Set[str]:
    with warnings.catch_warnings():  # runapy's docstrings have invalid escape sequences
        warnings.simplefilter("ignore")
        tree = ast.parse(source)
    if module in REEXPORTING:
        return {
            alias.asname or alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
    return {
        node.name
        for node in tree.body
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and not node.name.startswith("_")
    }


def runapy_surface(wheel: Path) -> Set[str]:
    surface: Set[str] = set()
    for module, source in _sources(wheel).items():
        if module in INTERNAL:
            continue
        surface.add(module)
        surface |= {f"{module}:{name}" for name in _public_names(module, source)}
    return surface


def test_the_wheel_has_the_modules_this_test_expects(runapy_wheel: Path) -> None:
    modules = set(_sources(runapy_wheel))
    assert set(INTERNAL) <= modules
    assert set(REEXPORTING) <= modules


def test_the_derived_list_is_runapy_1_224_0s_public_surface(runapy_wheel: Path) -> None:
    runapy = runapy_surface(runapy_wheel)
    derived = set(derived_paths())
    assert sorted(runapy - derived) == [], "runapy paths the generator does not list"
    assert sorted(derived - runapy) == [], "listed paths runapy did not have"
