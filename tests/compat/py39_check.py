"""Run by ``test_python39.py`` with the Python 3.9 of a throwaway venv; not a test module itself.

Everything is checked, failures are collected by name, and the last line is the summary:

    SUMMARY python=3.9 categories=9 groups=N models=N scenarios=3 failures=0

followed by one ``FAIL <what>: <error>`` line per failure. Exit code 0 only without failures.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
import traceback
import uuid
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Awaitable, Dict, List, TypeVar, Union

if sys.version_info >= (3, 10):
    from importlib.metadata import entry_points
else:
    from importlib_metadata import entry_points

if TYPE_CHECKING:  # the script imports runai inside the checks, to record a failing import
    from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
    from runai.clients.threaded import ApiFuture
    from runai.response import ApiResponse
    from runai.runai_client import RunaiClient
    from runai_testing import ControlPlane

    Client = TypeVar("Client", ApiClient, ThreadedApiClient, AsyncApiClient)
    R = TypeVar("R", bound=ApiResponse[Any])  # an ApiResponse, or a paged list's PagedResponse
    Call = Union[R, ApiFuture[R], Awaitable[R]]

failures: List[str] = []


def record(what: str, exc: BaseException) -> None:
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" ({last[0].filename}:{last[0].lineno})" if last else ""
    message = " ".join(str(exc).split())[:300]
    failures.append(f"{what}: {type(exc).__name__}: {message}{where}")


def check_imports() -> None:
    """The public import paths of the core."""
    for module, names in (
        ("runai.runai_client", ["RunaiClient"]),
        ("runai.api_client", ["ApiClient", "ThreadedApiClient", "AsyncApiClient"]),
        ("runai.cliv2_config_loader", ["CLIv2Config"]),
    ):
        for name in names:
            try:
                getattr(importlib.import_module(module), name)
            except Exception as exc:
                record(f"import {module}.{name}", exc)
    try:
        from runai import models

        dir(models)  # reads every installed model index
    except Exception as exc:
        record("from runai import models", exc)
    check_runapy_paths()


def check_runapy_paths() -> None:
    """A few runapy 1.x import paths of each kind, and the classes they name."""
    for module, names in (
        ("runai", ["ProjectsApi", "ProjectCreationRequest", "ApiException", "Configuration"]),
        ("runai.api", ["TrainingsApi"]),
        ("runai.api.projects_api", ["ProjectsApi"]),
        ("runai.models.project_creation_request", ["ProjectCreationRequest"]),
        ("runai.exceptions", ["ApiTypeError", "NotFoundException", "render_path"]),
        ("runai.api_response", ["ApiResponse"]),
        ("runai.runai_client", ["Organizations", "AIApplications"]),
    ):
        for name in names:
            try:
                getattr(importlib.import_module(module), name)
            except Exception as exc:
                record(f"runapy 1.x path {module}.{name}", exc)
    try:
        import runai

        # runapy 1.x module paths: runai._legacy's import hook serves them at run time; type
        # checkers find no such module.
        import runai.api.projects_api  # type: ignore[import-not-found]
        from runai.models.project_creation_request import ProjectCreationRequest  # type: ignore[import-not-found]
        from runai_organizations import projects

        assert runai.api.projects_api is projects, runai.api.projects_api
        assert ProjectCreationRequest is runai.ProjectCreationRequest
        assert issubclass(runai.exceptions.ApiTypeError, TypeError)
    except Exception as exc:
        record("runapy 1.x paths are the same objects", exc)


def check_groups() -> Dict[str, int]:
    """Every group module of every installed category, and its group class."""
    counts = {"categories": 0, "groups": 0}
    for entry in sorted(entry_points(group="runai.categories"), key=lambda e: e.name):
        try:
            category = entry.load()
        except Exception as exc:
            record(f"category {entry.name}", exc)
            continue
        counts["categories"] += 1
        for attribute, target in sorted(category._groups.items()):
            module, _, name = target.partition(":")
            try:
                getattr(importlib.import_module(module), name)
            except Exception as exc:
                record(f"group {entry.name}.{attribute} ({target})", exc)
            counts["groups"] += 1
    return counts


def check_models() -> int:
    """Every model ``runai.models`` lists resolves, and its JSON schema builds."""
    from pydantic import BaseModel, TypeAdapter
    from runai import models

    index: Dict[str, str] = {}
    for entry in entry_points(group="runai.models"):
        try:
            index.update(entry.load())
        except Exception as exc:
            record(f"model index {entry.name}", exc)
    listed = set(dir(models))
    for name in sorted(set(index) - listed):
        failures.append(f"model {name}: in the runai.models index but not in dir(models)")
    checked = 0
    for name in sorted(listed & set(index)):
        checked += 1
        try:
            model = getattr(models, name)
            if isinstance(model, type) and issubclass(model, BaseModel):
                model.model_json_schema()
            else:  # a type alias (List[...], Optional[...]) or an enum
                TypeAdapter(model).json_schema()
        except Exception as exc:
            record(f"model {name}", exc)
    return checked


async def settle(value: Call[R]) -> R:
    """What a call returns, whichever client made it: response, future or coroutine."""
    from runai.response import ApiResponse

    if isinstance(value, ApiResponse):
        return value
    if isinstance(value, Future):
        return value.result(timeout=60)
    return await value


async def scenario(client: RunaiClient[Client], cp: ControlPlane, tag: str) -> None:
    """A department, a project, a training read back, then everything deleted."""
    from runai.exceptions import NotFoundException

    orgs = client.organizations
    name = f"py39-{tag}-{uuid.uuid4().hex[:6]}"
    cluster_id = (await settle(orgs.clusters.get_clusters())).data[0]["uuid"]

    department = (
        await settle(
            orgs.departments.create_department(
                {"name": name, "clusterId": cluster_id, "resources": []}
            )
        )
    ).data
    project_response = await settle(
        orgs.projects.create_project(
            {"name": name, "clusterId": cluster_id, "parentId": department["id"], "resources": []}
        )
    )
    project = project_response.parsed()  # a typed model, validated in this interpreter
    assert type(project).__name__ == "Project" and project.name == name, repr(project)
    assert project.id is not None, repr(project)

    listed = (await settle(orgs.projects.get_projects(filter_by=[f"name=={name}"]))).data
    assert [p["id"] for p in listed["projects"]] == [project.id], listed

    trainings = client.workloads.trainings
    submitted = await settle(
        trainings.create_training1(
            {
                "name": f"{name}-train",
                "projectId": project.id,
                "clusterId": cluster_id,
                "spec": {"image": "python:3.11-slim", "command": "sleep", "args": "60"},
            }
        )
    )
    assert submitted.status_code == 202, submitted
    workload_id = submitted.data["workloadId"]
    training = (await settle(trainings.get_training(workload_id))).parsed()
    assert training.name == f"{name}-train" and training.project_id == project.id, training
    workloads = (await settle(client.workloads.workloads.get_workloads())).parsed()
    assert workload_id in [w.id for w in workloads.workloads or []], workloads

    assert (await settle(trainings.delete_training(workload_id))).status_code == 202
    cp.advance(1)  # past the simulator's Deleting phase
    try:
        await settle(client.workloads.workloads.get_workload(workload_id))
    except NotFoundException:
        pass
    else:
        raise AssertionError(f"training {workload_id} still there after its deletion")
    await settle(orgs.projects.delete_project(project.id))
    await settle(orgs.departments.delete_department(department["id"]))
    left = (await settle(orgs.projects.get_projects(filter_by=[f"name=={name}"]))).data
    assert left["projects"] == [], left


def check_scenarios() -> int:
    from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
    from runai.configuration import Configuration
    from runai.runai_client import RunaiClient
    from runai_testing import ControlPlane

    async def play(label: str, config: Configuration, cp: ControlPlane) -> None:
        """The scenario on the client named ``label``, closed as a user would close it."""
        tag = label.lower()
        if label == "AsyncApiClient":
            async with RunaiClient(AsyncApiClient(config)) as async_client:
                await scenario(async_client, cp, tag)
        elif label == "ThreadedApiClient":
            with RunaiClient(ThreadedApiClient(config)) as threaded_client:
                await scenario(threaded_client, cp, tag)
        else:
            with RunaiClient(ApiClient(config)) as client:
                await scenario(client, cp, tag)

    done = 0
    with ControlPlane() as cp:
        config = Configuration(
            client_id=cp.client_id,
            client_secret=cp.client_secret,
            runai_base_url=cp.url,
            timeout=(5.0, 30.0),
        )
        for label in ("ApiClient", "ThreadedApiClient", "AsyncApiClient"):
            try:
                asyncio.run(play(label, config, cp))
            except Exception as exc:
                record(f"scenario {label}", exc)
            done += 1
    return done


def main() -> int:
    version = "{}.{}".format(*sys.version_info[:2])
    check_imports()
    groups = check_groups()
    models = check_models()
    scenarios = check_scenarios()
    print(
        f"SUMMARY python={version} categories={groups['categories']} groups={groups['groups']} "
        f"models={models} scenarios={scenarios} failures={len(failures)}"
    )
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
