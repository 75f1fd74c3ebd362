"""Installing only some distributions: absent categories name the package to install."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path
from typing import List

import pytest

from generated.spec_cases import REPO

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
THIRD_PARTY = ["pydantic>=2.6,<3", "urllib3>=2,<3", "aiohttp>=3.9,<4"]
if sys.version_info < (3, 10):
    THIRD_PARTY.append("importlib-metadata>=4.6")

SLIM_CHECK = """
import importlib, pkgutil, runai_models
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.exceptions import MissingCategoryError
from runai.runai_client import RunaiClient
from runai import models

config = Configuration(runai_base_url="http://127.0.0.1:9", bearer_token="t")
client = RunaiClient(ApiClient(config))
assert client.options() == ["organizations"], client.options()
assert "projects" in client.organizations.options()
try:
    client.workloads
except MissingCategoryError as exc:
    assert isinstance(exc, AttributeError) and "runai-workloads" in str(exc), exc
else:
    raise AssertionError("client.workloads should be missing")
assert models.Project.__name__ == "Project"
try:
    models.TrainingCreationRequest
except AttributeError:
    pass
else:
    raise AssertionError("a workloads-only model should be missing")
for info in pkgutil.walk_packages(runai_models.__path__, "runai_models."):
    importlib.import_module(info.name)  # the shared models need no category
print("slim ok")
"""

FULL_CHECK = """
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from runai import models

config = Configuration(runai_base_url="http://127.0.0.1:9", bearer_token="t")
client = RunaiClient(ApiClient(config))
assert len(client.options()) == 9, client.options()
assert client.workloads.trainings.create_training1
assert models.TrainingCreationRequest.__name__ == "TrainingCreationRequest"
print("full ok")
"""


def _pip(python: Path, args: List[str]) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
        check=True,
    )


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("slim-venv")
    venv.EnvBuilder(with_pip=True).create(root)
    exe = root / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    _pip(exe, THIRD_PARTY)
    return exe


def test_only_the_installed_category_is_there(python: Path) -> None:
    _pip(
        python,
        [
            "--no-deps",
            *(str(PACKAGES / p) for p in ("runai-core", "runai-models", "runai-organizations")),
        ],
    )
    result = subprocess.run([str(python), "-c", SLIM_CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "slim ok" in result.stdout


def test_the_meta_package_brings_every_category(python: Path) -> None:
    others = [str(PACKAGES / f"runai-{c}") for c in CATEGORIES]
    _pip(
        python,
        [
            "--no-deps",
            *others,
            str(PACKAGES / "runai-meta"),
            str(PACKAGES / "runai-core"),
            str(PACKAGES / "runai-models"),
        ],
    )
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    result = subprocess.run([str(python), "-c", FULL_CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "full ok" in result.stdout
