"""Run by tests/simulator/test_runapy1.py with runapy 1.224.0's Python, against a simulator.

What its README shows (the three clients, ``get_projects``) plus a department, projects, a get,
a training and deletes; every result is printed as one JSON line ``{"step": ..., ...}`` for the
test to check. Reads RUNAI_BASE_URL, RUNAI_CLIENT_ID and RUNAI_CLIENT_SECRET.
"""

import asyncio
import json
import os

from runai import models
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient


def report(step: str, **facts: object) -> None:
    print(json.dumps({"step": step, **facts}), flush=True)


config = Configuration(
    client_id=os.environ["RUNAI_CLIENT_ID"],
    client_secret=os.environ["RUNAI_CLIENT_SECRET"],
    runai_base_url=os.environ["RUNAI_BASE_URL"],
)

client = RunaiClient(ApiClient(config))
projects = client.organizations.projects.get_projects()
report(
    "sync list", status=projects.status_code, names=[p["name"] for p in projects.data["projects"]]
)

cluster = client.organizations.clusters.get_clusters().data[0]["uuid"]
department = client.organizations.departments.create_department(
    models.DepartmentCreationRequest(name="r1-department", cluster_id=cluster, resources=[])
)
report("department", status=department.status_code, name=department.data["name"])

created = client.organizations.projects.create_project(
    models.ProjectCreationRequest(
        name="r1-sync",
        cluster_id=cluster,
        parent_id=department.data["id"],
        resources=[],
    )
)
project_id = created.data["id"]
report("sync create", status=created.status_code, id=project_id, parent=created.data["parentId"])

got = client.organizations.projects.get_project(project_id=project_id)
report("sync get", status=got.status_code, name=got.data["name"])

training = client.workloads.trainings.create_training1(
    models.TrainingCreationRequest(
        name="r1-training",
        project_id=project_id,
        cluster_id=cluster,
        spec=models.TrainingSpecSpec(image="python:3.11"),
    )
)
report("training", status=training.status_code, name=training.data["name"])
workloads = client.workloads.workloads.get_workloads()
report(
    "workloads",
    status=workloads.status_code,
    names=[w["name"] for w in workloads.data["workloads"]],
)

with RunaiClient(ThreadedApiClient(config)) as threaded:
    futures = [
        threaded.organizations.projects.create_project(
            {"name": f"r1-threaded-{i}", "clusterId": cluster, "resources": []}
        )
        for i in range(3)
    ]
    statuses = [future.get(timeout=30).status_code for future in futures]
    listed = threaded.organizations.projects.get_projects().get(timeout=30)
    report("threaded", statuses=statuses, names=[p["name"] for p in listed.data["projects"]])


async def main() -> None:
    async with RunaiClient(AsyncApiClient(config)) as asynchronous:
        listed = await asynchronous.organizations.projects.get_projects()
        names = [p["name"] for p in listed.data["projects"]]
        deleted = await asynchronous.organizations.projects.delete_project(project_id=project_id)
        report("async", status=listed.status_code, names=names, deleted=deleted.status_code)


asyncio.run(main())

try:
    client.organizations.projects.get_project(project_id=project_id)
except Exception as exc:  # runapy 1.x raises ApiException subclasses by status
    report("deleted get", error=type(exc).__name__, status=getattr(exc, "status", None))
