"""Every runapy 1.x import path the generator derives from the 2.24 spec resolves to the object
that replaces it: API classes are our group classes, models our model classes, modules the
modules that hold them, category classes the registered categories, exceptions classes with
runapy's bases. Nothing of it is loaded before a runapy 1.x name is used."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest
import runai
from runai.api_group import ApiCategory, ApiGroup
from runai.plugins.entry_points import in_group

from .runapy_paths import derived_paths, names_in, resolve, split

CORE_MODULES = (
    "runai",
    "runai.api",
    "runai.api_client",
    "runai.api_response",
    "runai.cliv2_config_loader",
    "runai.configuration",
    "runai.exceptions",
    "runai.models",
    "runai.runai_client",
)
CLIENT_MODULES = (
    "runai.api_client",
    "runai.api_response",
    "runai.cliv2_config_loader",
    "runai.configuration",
    "runai.runai_client",
)


def _groups() -> Dict[str, type]:
    """API class name -> class, from the categories' own group tables."""
    found: Dict[str, type] = {}
    for entry in in_group("runai.categories"):
        for target in entry.load()._groups.values():
            module, _, name = target.partition(":")
            found[name] = getattr(importlib.import_module(module), name)
    return found


def _models() -> Dict[str, str]:
    """Model name -> module, from the ``runai.models`` indexes."""
    found: Dict[str, str] = {}
    for entry in in_group("runai.models"):
        found.update(entry.load())
    return found


def _core() -> Dict[str, type]:
    from runai.clients.aio import AsyncApiClient
    from runai.clients.sync import ApiClient
    from runai.clients.threaded import ThreadedApiClient
    from runai.cliv2_config_loader import CLIv2Config
    from runai.configuration import Configuration
    from runai.response import ApiResponse
    from runai.runai_client import RunaiClient

    return {
        "ApiClient": ApiClient,
        "ThreadedApiClient": ThreadedApiClient,
        "AsyncApiClient": AsyncApiClient,
        "Configuration": Configuration,
        "ApiResponse": ApiResponse,
        "CLIv2Config": CLIv2Config,
        "RunaiClient": RunaiClient,
    }


@pytest.fixture(scope="module")
def expected() -> Dict[str, object]:
    """For each derived path, the object it must be, found without the legacy machinery."""
    from runai import exceptions

    groups, models, core = _groups(), _models(), _core()
    categories = {e.attr: e.load() for e in in_group("runai.categories")}
    want: Dict[str, object] = {m: importlib.import_module(m) for m in CORE_MODULES}
    for path in derived_paths():
        module, name = split(path)
        if name is None:
            continue
        if module == "runai.exceptions" or (module == "runai" and hasattr(exceptions, name)):
            want[path] = getattr(exceptions, name)
        elif module == "runai.runai_client" and name != "RunaiClient":
            want[path] = categories[name]
        elif module in CLIENT_MODULES or (module == "runai" and name in core):
            want[path] = core[name]
        elif name in groups:
            want[path] = groups[name]
            if module.startswith("runai.api."):
                want[module] = sys.modules[groups[name].__module__]
        elif name in models:
            want[path] = getattr(importlib.import_module(models[name]), name)
            if module.startswith("runai.models."):
                want[module] = importlib.import_module(models[name])
    return want


def test_the_list_covers_every_kind_of_runapy_path() -> None:
    paths = derived_paths()
    modules = {split(p)[0] for p in paths}
    assert set(CORE_MODULES) <= modules
    assert names_in(paths, "runai.api") and names_in(paths, "runai.models")
    assert {"Organizations", "AIApplications", "RunaiClient"} <= set(
        names_in(paths, "runai.runai_client")
    )
    assert {"ApiTypeError", "NotFoundException", "render_path"} <= set(
        names_in(paths, "runai.exceptions")
    )
    assert "runai.api.projects_api:ProjectsApi" in paths
    assert "runai.models.project_creation_request:ProjectCreationRequest" in paths
    assert "runai:ProjectCreationRequest" in paths and "runai:ProjectsApi" in paths


@pytest.mark.slow  # imports every model and group (the `expected` fixture)
def test_every_derived_path_resolves_to_the_equivalent_object(expected: Dict[str, object]) -> None:
    failures: List[str] = []
    for path in derived_paths():
        if path not in expected:
            failures.append(f"{path}: no object in the installed distributions replaces it")
            continue
        try:
            found = resolve(path)
        except Exception as exc:  # collected: one report for all paths
            failures.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        if found is not expected[path]:
            failures.append(f"{path}: {found!r} is not {expected[path]!r}")
    assert failures == [], f"{len(failures)} paths:\n" + "\n".join(failures)


@pytest.mark.slow  # imports every model and group (the `expected` fixture)
def test_api_classes_are_group_classes_and_models_are_classes(expected: Dict[str, object]) -> None:
    paths = derived_paths()
    for name in names_in(paths, "runai.api"):
        group = expected[f"runai.api:{name}"]
        assert isinstance(group, type) and issubclass(group, ApiGroup), name
    for name in names_in(paths, "runai.runai_client"):
        if name != "RunaiClient":
            category = expected[f"runai.runai_client:{name}"]
            assert isinstance(category, type) and issubclass(category, ApiCategory), name
    not_classes = [
        name
        for name in names_in(paths, "runai.models")
        if not isinstance(expected.get(f"runai.models:{name}"), type)
    ]
    assert not_classes == [], f"runapy 1.x had classes for these: {not_classes}"


def test_exceptions_have_runapy_bases() -> None:
    from runai import exceptions as e

    for cls, builtin in (
        (e.ApiTypeError, TypeError),
        (e.ApiValueError, ValueError),
        (e.ApiKeyError, KeyError),
        (e.ApiAttributeError, AttributeError),
    ):
        assert issubclass(cls, e.OpenApiException) and issubclass(cls, builtin), cls
    for name in names_in(derived_paths(), "runai.exceptions"):
        value = getattr(e, name)
        if name.endswith("Exception") and name not in ("OpenApiException", "ApiException"):
            assert issubclass(value, e.ApiException), name
    assert issubclass(e.ApiException, e.OpenApiException)
    assert issubclass(e.OpenApiException, Exception)


def test_runapy_exception_constructors() -> None:
    from runai.exceptions import (
        ApiException,
        ApiKeyError,
        ApiTypeError,
        ApiValueError,
        NotFoundException,
        render_path,
    )

    error = ApiTypeError("bad type", path_to_item=["spec", 0, "name"], valid_classes=(str,))
    assert str(error) == "bad type at ['spec'][0]['name']"
    assert error.valid_classes == (str,) and error.path_to_item == ["spec", 0, "name"]
    assert str(ApiValueError("too big", ["limit"])) == "too big at ['limit']"
    assert isinstance(ApiKeyError("missing"), KeyError)
    assert render_path(["a", 1]) == "['a'][1]"

    class Response:  # what runapy passed as http_resp
        status = 404
        reason = "Not Found"
        data = b'{"code": 404, "message": "no such project"}'
        headers = {"content-type": "application/json"}

    raised = NotFoundException(http_resp=Response())
    assert (raised.status, raised.reason) == (404, "Not Found")
    assert raised.data == {"code": 404, "message": "no such project"}
    assert raised.headers == {"content-type": "application/json"}
    assert "no such project" in str(raised)
    explicit = ApiException(status=500, reason="boom", body="{}", data={"given": True})
    assert explicit.data == {"given": True} and explicit.body == "{}"


def test_runapy_modules_are_the_same_objects_under_both_names() -> None:
    # runapy 1.x module paths: runai._legacy's import hook serves them at run time; type
    # checkers find no such module.
    import runai.api.projects_api as legacy  # type: ignore[import-not-found]
    import runai.models.project_creation_request as legacy_model  # type: ignore[import-not-found]
    from runai_organizations import projects

    assert legacy is projects
    assert sys.modules["runai.api.projects_api"] is projects
    assert projects.__spec__ is not None and projects.__spec__.name == projects.__name__
    assert legacy_model.ProjectCreationRequest is runai.ProjectCreationRequest


def test_a_runapy_module_name_never_hides_a_model_of_that_name() -> None:
    """``runai.models.department`` was runapy's module of ``Department``; here
    ``models.department`` is the report schema and stays so after that import."""
    from runai import models
    from runai.models.department import Department  # type: ignore[import-not-found]  # runapy 1.x's module

    assert Department is models.Department
    report_schema: object = models.department  # what that import could have replaced
    assert isinstance(report_schema, type) and report_schema is not Department
    assert sys.modules["runai.models.department"].Department is Department


def test_a_missing_name_says_what_to_install() -> None:
    with pytest.raises(ImportError, match="install 'runapy'"):
        from runai import NoSuchThingApi  # type: ignore[attr-defined]  # noqa: F401
    with pytest.raises(ImportError, match="install 'runapy'"):
        importlib.import_module("runai.api.no_such_thing_api")
    with pytest.raises(ImportError, match="install 'runapy'"):
        from runai.models.no_such_model import NoSuchModel  # type: ignore[import-not-found]  # noqa: F401
    with pytest.raises(ImportError, match="install 'runapy'"):
        from runai.api import NoSuchThingApi as FromTheApiPackage  # noqa: F401
    with pytest.raises(AttributeError, match="NoSuchThingApi"):
        runai.NoSuchThingApi  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(runai, "NoSuchThingApi")


def test_nothing_legacy_loads_until_a_runapy_name_is_used() -> None:
    code = (
        "import sys\n"
        "typing_before = 'typing' in sys.modules\n"
        "import runai\n"
        "assert sorted(m for m in sys.modules if m.startswith('runai')) == "
        "['runai', 'runai._version'], sorted(sys.modules)\n"
        "assert typing_before or 'typing' not in sys.modules\n"
        "from runai.api_client import ApiClient\n"
        "from runai.configuration import Configuration\n"
        "from runai.runai_client import RunaiClient\n"
        "RunaiClient(ApiClient(Configuration(runai_base_url='http://127.0.0.1:9',"
        " bearer_token='t')))\n"
        "loaded = [m for m in sys.modules if m.startswith(('runai._legacy', 'runai.api.',"
        " 'runai_')) or m in ('runai.api', 'runai.models')]\n"
        "assert loaded == [], loaded\n"
        "from runai import ProjectsApi\n"
        "assert 'runai._legacy.index' in sys.modules\n"
        "assert not [m for m in sys.modules if m.startswith('runai_') and '.models.' in m]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_type_checkers_see_every_core_name_runapy_exported() -> None:
    """``runai/__init__.py`` declares core's 1.x names for type checkers by hand; they must be
    exactly the names ``runai._legacy.names`` resolves at run time, each from the same module."""
    from runai._legacy import names

    tree = ast.parse(Path(runai.__file__).read_text())
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )
    declared: Dict[str, str] = {}
    for node in block.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("runai"):
            for alias in node.names:
                if alias.name != "*":
                    declared[alias.asname or alias.name] = node.module
    expected = {name: "runai" for name in names.SUBMODULES}
    expected.update(names.CORE)
    assert declared == expected
