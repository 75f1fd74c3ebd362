"""Run inside a venv installed from the built wheels: what is installed, and one round trip.

    python wheel_check.py BASE_URL CLIENT_ID CLIENT_SECRET

Prints one JSON object: the installed distributions and versions, ``runai.__version__``, the
categories the client offers, and what a department/project round trip on the simulator saw.
"""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any, Dict, List

if sys.version_info >= (3, 10):
    from importlib.metadata import distributions
else:
    from importlib_metadata import distributions


def installed() -> Dict[str, Dict[str, Any]]:
    found: Dict[str, Dict[str, Any]] = {}
    for dist in distributions():
        name = dist.metadata["Name"]
        if name == "runapy" or name.startswith("runai-"):
            files = [str(f) for f in dist.files or []]
            found[name] = {
                "version": dist.version,
                "requires": sorted(dist.requires or []),
                "license": dist.metadata["License-Expression"],
                "license_files": [f for f in files if "/licenses/" in f],
                "requires_python": dist.metadata["Requires-Python"],
                "urls": sorted(dist.metadata.get_all("Project-URL") or []),
                "classifiers": sorted(dist.metadata.get_all("Classifier") or []),
            }
    return found


def round_trip(base_url: str, client_id: str, client_secret: str) -> Dict[str, Any]:
    from runai.api_client import ApiClient
    from runai.configuration import Configuration
    from runai.runai_client import RunaiClient

    config = Configuration(
        client_id=client_id,
        client_secret=client_secret,
        runai_base_url=base_url,
        timeout=(5.0, 30.0),
    )
    name = f"wheel-{uuid.uuid4().hex[:6]}"
    with RunaiClient(ApiClient(config)) as client:
        orgs = client.organizations
        categories: List[str] = sorted(client.options())
        cluster_id = orgs.clusters.get_clusters().data[0]["uuid"]
        department = orgs.departments.create_department(
            {"name": name, "clusterId": cluster_id, "resources": []}
        ).data
        project = orgs.projects.create_project(
            {"name": name, "clusterId": cluster_id, "parentId": department["id"], "resources": []}
        ).parsed()
        assert project.id is not None
        listed = orgs.projects.get_projects(filter_by=[f"name=={name}"]).data["projects"]
        departments = [d["name"] for d in orgs.departments.get_departments().data["departments"]]
        deleted = orgs.projects.delete_project(project.id).status_code
        orgs.departments.delete_department(department["id"])
        left = orgs.projects.get_projects(filter_by=[f"name=={name}"]).data["projects"]
        departments_left = [
            d["name"] for d in orgs.departments.get_departments().data["departments"]
        ]
    return {
        "categories": categories,
        "project_type": type(project).__name__,
        "project_name": project.name,
        "listed": [p["id"] for p in listed],
        "project_id": project.id,
        "department_listed": name in departments,
        "delete_status": deleted,
        "left": left,
        "department_left": name in departments_left,
    }


def main() -> None:
    import runai

    base_url, client_id, client_secret = sys.argv[1:4]
    report = {
        "installed": installed(),
        "runai_version": runai.__version__,
        "round_trip": round_trip(base_url, client_id, client_secret),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
