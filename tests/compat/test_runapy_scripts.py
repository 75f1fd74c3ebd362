"""Code written for runapy 1.x runs unchanged, against the simulator, with each of the three
clients: imports from every kind of old path, ``XxxApi(api_client)``, models built with
``from_dict`` and read back with ``to_dict``, errors caught by their old names."""

from __future__ import annotations

import asyncio
import uuid

from runai import ApiException, DepartmentsApi, ProjectCreationRequest, ProjectsApi

# runapy 1.x module paths: runai._legacy's import hook serves them at run time; type checkers
# find no such module, and see the names below as Any.
from runai.api.clusters_api import ClustersApi  # type: ignore[import-not-found]
from runai.api.projects_api import (  # type: ignore[import-not-found]
    ProjectsApi as ProjectsApiFromItsModule,
)
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.api_response import ApiResponse
from runai.configuration import Configuration
from runai.exceptions import ApiValueError, BadRequestException, NotFoundException
from runai.models import Project
from runai.models.department_creation_request import (  # type: ignore[import-not-found]
    DepartmentCreationRequest,
)
from runai.models.project_creation_request import (  # type: ignore[import-not-found]
    ProjectCreationRequest as ProjectCreationRequestFromItsModule,
)

# Organizations, a category class by its runapy 1.x name: the module's __getattr__ answers it at
# run time; type checkers see runai_client's re-export.
from runai.runai_client import Organizations, RunaiClient
from runai_testing import ControlPlane


def configuration(plane: ControlPlane) -> Configuration:
    return Configuration(
        client_id=plane.client_id,
        client_secret=plane.client_secret,
        runai_base_url=plane.url,
    )


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def test_the_old_paths_name_the_same_classes() -> None:
    assert ProjectsApiFromItsModule is ProjectsApi
    assert ProjectCreationRequestFromItsModule is ProjectCreationRequest
    assert issubclass(NotFoundException, ApiException)


def test_a_runapy_script_with_the_api_client(runai_control_plane: ControlPlane) -> None:
    api_client = ApiClient(configuration(runai_control_plane))

    clusters = ClustersApi(api_client).get_clusters()
    assert isinstance(clusters, ApiResponse) and clusters.status_code == 200
    cluster_id = clusters.data[0]["uuid"]

    name = unique("compat-sync")
    department = DepartmentsApi(api_client).create_department(
        DepartmentCreationRequest(name=name, cluster_id=cluster_id, resources=[])
    )
    department_id = department.data["id"]

    projects_api = ProjectsApi(api_client=api_client)
    given = {"name": name, "clusterId": cluster_id, "parentId": department_id, "resources": []}
    request = ProjectCreationRequest.from_dict(given)
    assert request.to_dict().items() >= given.items()
    assert request.cluster_id == cluster_id
    created = projects_api.create_project(request)
    assert created.status_code == 201
    project = Project.from_dict(created.data)
    assert (project.name, project.parent_id) == (name, department_id)
    assert project.to_dict()["clusterId"] == cluster_id

    organizations = Organizations(api_client)
    read = organizations.projects.get_project(project.id)
    assert read.data["name"] == name
    listed = projects_api.get_projects(filter_by=[f"name=={name}"]).data["projects"]
    assert [p["id"] for p in listed] == [project.id]

    projects_api.delete_project(project.id)
    try:
        projects_api.get_project(project.id)
    except NotFoundException as e:
        assert e.status == 404
    else:
        raise AssertionError("the deleted project is still there")

    try:
        ProjectsApi(api_client).create_project({"name": name})
    except ApiValueError as e:  # runapy 1.x users catch request errors by this name too
        assert "clusterId" in str(e) or "cluster_id" in str(e), e
    except BadRequestException as e:
        assert e.status == 400
    else:
        raise AssertionError("a project without cluster and resources was accepted")

    DepartmentsApi(api_client).delete_department(department_id)
    with RunaiClient(api_client) as client:
        assert (
            client.organizations.projects.get_projects(filter_by=[f"name=={name}"]).data["projects"]
            == []
        )


def test_a_runapy_script_with_the_threaded_client(runai_control_plane: ControlPlane) -> None:
    api_client = ThreadedApiClient(configuration(runai_control_plane))
    try:
        cluster_id = ClustersApi(api_client).get_clusters().get().data[0]["uuid"]
        name = unique("compat-threaded")
        departments = DepartmentsApi(api_client=api_client)
        department_id = (
            departments.create_department(
                DepartmentCreationRequest(name=name, cluster_id=cluster_id, resources=[])
            )
            .get()
            .data["id"]
        )
        projects_api = ProjectsApi(api_client)
        futures = [
            projects_api.create_project(
                ProjectCreationRequest(
                    name=f"{name}-{i}", cluster_id=cluster_id, parent_id=department_id, resources=[]
                )
            )
            for i in range(3)
        ]
        ids = [future.get(timeout=30).data["id"] for future in futures]
        names = {projects_api.get_project(project_id).get().data["name"] for project_id in ids}
        assert names == {f"{name}-{i}" for i in range(3)}
        for project_id in ids:
            projects_api.delete_project(project_id).get()
        try:
            projects_api.get_project(ids[0]).get()
        except ApiException as e:  # the threaded client raises from .get(), as runapy's did
            assert isinstance(e, NotFoundException) and e.status == 404
        else:
            raise AssertionError("the deleted project is still there")
        departments.delete_department(department_id).get()
    finally:
        api_client.close()


def test_a_runapy_script_with_the_async_client(runai_control_plane: ControlPlane) -> None:
    config = configuration(runai_control_plane)

    async def main() -> None:
        api_client = AsyncApiClient(config)
        try:
            cluster_id = (await ClustersApi(api_client).get_clusters()).data[0]["uuid"]
            name = unique("compat-async")
            departments = DepartmentsApi(api_client)
            department_id = (
                await departments.create_department(
                    DepartmentCreationRequest.from_dict(
                        {"name": name, "clusterId": cluster_id, "resources": []}
                    )
                )
            ).data["id"]
            projects_api = ProjectsApi(api_client=api_client)
            created = await projects_api.create_project(
                ProjectCreationRequest(
                    name=name, cluster_id=cluster_id, parent_id=department_id, resources=[]
                )
            )
            project_id = created.data["id"]
            read = await Organizations(api_client).projects.get_project(project_id)
            assert Project.from_dict(read.data).name == name
            await projects_api.delete_project(project_id)
            try:
                await projects_api.get_project(project_id)
            except NotFoundException as e:
                assert e.status == 404
            else:
                raise AssertionError("the deleted project is still there")
            await departments.delete_department(department_id)
        finally:
            await api_client.close()

    asyncio.run(main())
