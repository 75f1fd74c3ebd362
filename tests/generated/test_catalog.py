"""Every operation and schema of 2.24 is reachable under the names runapy users know."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections import defaultdict
from typing import Dict, List

import pytest
from runai import models
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient

from generated.catalog import methods_by_operation_id
from generated.naming import method_name, snake
from generated.spec_cases import cases, load


@pytest.fixture(scope="module")
def client() -> RunaiClient[ApiClient]:
    config = Configuration(runai_base_url="http://127.0.0.1:9", bearer_token="t")
    return RunaiClient(ApiClient(config))


def test_categories_and_groups_follow_the_tag_groups(client: RunaiClient[ApiClient]) -> None:
    doc = load()
    used = {c.tag for c in cases()}
    expected = {
        snake(group["name"]): [snake(t) for t in group["tags"] if t in used]
        for group in doc["x-tagGroups"]
    }
    assert [c for c in client.options() if c in expected] == list(expected)
    for category, groups in expected.items():
        assert getattr(client, category).options() == groups


def test_every_operation_has_one_method_named_from_its_operation_id() -> None:
    spec_cases = cases()
    found = {c.operation_id: methods_by_operation_id()[c.operation_id] for c in spec_cases}
    assert len(found) == len(spec_cases) == 391
    by_group: Dict[str, List[str]] = defaultdict(list)
    for case in spec_cases:
        method = found[case.operation_id]
        assert method.deprecated == case.deprecated
        assert (method.operation.method, method.operation.path) == (case.method, case.path)
        base = method_name(case.operation_id)
        assert method.name == base or (case.deprecated and method.name.startswith(base + "_"))
        by_group[method.group].append(method.name)
    for names in by_group.values():
        assert len(names) == len(set(names))


def test_a_non_deprecated_operation_keeps_the_bare_name(client: RunaiClient[ApiClient]) -> None:
    projects = client.organizations.projects
    assert "get_projects" in projects.options()
    found = {c.operation_id: methods_by_operation_id()[c.operation_id] for c in cases()}
    assert found["get_projects"].name == "get_projects"
    suffixed = sorted(m.name for m in found.values() if m.name[-2:] in ("_0", "_1"))
    assert suffixed == sorted(
        [
            "get_cluster_metrics_0",
            "get_department_metrics_0",
            "get_departments_0",
            "create_project_0",
            "delete_project_0",
            "get_project_0",
            "get_project_metrics_0",
            "get_projects_0",
            "update_project_0",
        ]
    )
    for name in suffixed:
        assert next(m for m in found.values() if m.name == name).deprecated


def test_names_users_type_from_runapy(client: RunaiClient[ApiClient]) -> None:
    assert callable(client.workloads.trainings.create_training1)
    assert callable(client.workload_assets.storage_classes.v1_get_storage_classes)
    assert callable(
        client.organizations.administrator_command_line_interface.get_admin_cli_release_by_version_checksum
    )
    assert callable(client.workload_assets.secret.update_secret_asset_by_id)
    assert client.workloads.nvidia_nim.__class__.__name__ == "NVIDIANIMApi"


def test_options_hide_deprecated_methods_unless_asked(client: RunaiClient[ApiClient]) -> None:
    projects = client.organizations.projects
    visible = projects.options()
    everything = projects.options(include_deprecated=True)
    assert "get_projects" in visible and "get_projects_0" not in visible
    assert "get_projects_0" in everything
    assert len(everything) == 17 and len(visible) == 10


def test_calling_a_deprecated_method_warns(fixture_server, make_config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import runai.api_group

    # Warnings are once per process: start from a process where no deprecated call was made yet.
    monkeypatch.setattr(runai.api_group, "_warned", set())
    client = RunaiClient(ApiClient(make_config()))
    with pytest.warns(DeprecationWarning, match="deprecated"):
        client.organizations.projects.get_projects_0("c")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.organizations.projects.get_projects_0("c")  # once only


def test_every_schema_is_a_model_of_runai_models() -> None:
    schemas = load()["components"]["schemas"]
    names = set(dir(models))
    for schema in schemas:
        expected = (
            schema[0].upper() + schema[1:]
            if schema
            not in ("department", "project", "nodepoolName", "supersetRules", "servingPortProtocol")
            else schema
        )
        expected = expected.replace("-", "")
        assert expected in names, schema
    assert models.Department is not models.department  # type: ignore[comparison-overlap]
    assert "nodePools" not in models.department.model_fields
    assert "parent_id" in models.Department.model_fields or "description" in (
        models.Department.model_fields
    )
    assert "metadata" in models.department.model_fields


def test_importing_runai_models_imports_no_model() -> None:
    code = (
        "import sys\n"
        "from runai import models\n"
        "names = dir(models)\n"
        "assert len(names) > 1300, len(names)\n"
        "loaded = [m for m in sys.modules if m.startswith('runai_') and '.models' in m"
        " or m.startswith('runai_models.')]\n"
        "assert [m for m in loaded if not m.endswith('_index')] == [], loaded\n"
        "assert models.TrainingCreationRequest.__name__ == 'TrainingCreationRequest'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_sync_call_path_does_not_import_asyncio_or_the_wait_engine() -> None:
    """Waiters are generated on many groups: loading one must not cost the async machinery,
    nor what only a wait uses (its options, clock and progress reports: benchmark row 2).
    OpenTelemetry (installed in the test env) is used only once the application imported it."""
    code = (
        "import sys\n"
        "from runai.api_client import ApiClient, ThreadedApiClient\n"
        "from runai.runai_client import RunaiClient\n"
        "import runai_workloads.workloads, runai_organizations.projects\n"
        "unwanted = ('asyncio', 'runai.waiting.engine', 'opentelemetry', 'runai.event_hooks',\n"
        "            'runai.waiting.options', 'runai.waiting.clock', 'runai.waiting.progress')\n"
        "loaded = [m for m in unwanted if m in sys.modules]\n"
        "assert loaded == [], loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unknown_model_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchSchema"):
        models.NoSuchSchema  # type: ignore[attr-defined]  # noqa: B018
