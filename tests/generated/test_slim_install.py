"""Installing only some distributions: absent categories name the package to install."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support.venvs import (
    CATEGORIES,
    THIRD_PARTY,
    create_venv,
    local,
    pip_check,
    pip_install,
    pip_uninstall,
)

pytestmark = pytest.mark.slow  # venvs with some of the distributions installed: minutes

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
from runai import ProjectsApi
from runai.api.projects_api import ProjectsApi as SameProjectsApi
from runai.runai_client import Organizations
assert ProjectsApi is SameProjectsApi and Organizations.__name__ == "Organizations"
for statement, hint in (
    ("from runai import TrainingsApi", "install 'runapy'"),
    ("from runai.api.trainings_api import TrainingsApi", "install 'runapy'"),
    ("from runai.models.training_creation_request import TrainingCreationRequest", "install"),
    ("from runai.runai_client import Workloads", "runai-workloads"),
):
    try:
        exec(statement)
    except ImportError as exc:
        assert hint in str(exc), (statement, exc)
    else:
        raise AssertionError(statement + " should fail")
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


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    exe = create_venv(tmp_path_factory.mktemp("slim-venv"))
    pip_install(exe, THIRD_PARTY)
    return exe


def test_only_the_installed_category_is_there(python: Path) -> None:
    # The venv is shared with the full install, and the tests run in random order.
    others = [f"runai-{name}" for name in CATEGORIES if name != "organizations"]
    pip_uninstall(python, ["runapy", *others])
    pip_install(python, ["--no-deps", *local(["core", "models", "organizations"])])
    result = subprocess.run([str(python), "-c", SLIM_CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "slim ok" in result.stdout


def test_the_meta_package_brings_every_category(python: Path) -> None:
    pip_install(python, ["--no-deps", *local([*CATEGORIES, "meta", "core", "models"])])
    assert pip_check(python) == ""
    result = subprocess.run([str(python), "-c", FULL_CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "full ok" in result.stdout
