"""Every script in examples/ runs against the simulator and does what it prints: the lines
checked here carry values the script read back from the control plane, and afterwards the
simulator holds nothing but its seed data (the scripts clean up after themselves)."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest
from runai.api_client import ApiClient
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane
from support.simulator import issue_token

from .runner import EXAMPLES, RunExample, example_env, run_script


def names(items: List[Dict[str, Any]]) -> List[str]:
    return sorted(item["name"] for item in items)


def assert_only_seed_data(client: RunaiClient[ApiClient]) -> None:
    orgs = client.organizations
    assert orgs.projects.get_projects().data["projects"] == []
    assert names(orgs.departments.get_departments().data["departments"]) == ["default"]
    assert names(orgs.node_pools.get_nodepools().data["nodepools"]) == ["default"]
    assert client.workloads.workloads.get_workloads().data["workloads"] == []


def cluster_uuid(client: RunaiClient[ApiClient]) -> str:
    return str(client.organizations.clusters.get_clusters().data[0]["uuid"])


def test_every_example_is_tested() -> None:
    scripts = {p.name for p in EXAMPLES.glob("*.py")} - {"common.py"}
    source = Path(__file__).read_text()
    assert all(f'"{script}"' in source for script in scripts), scripts


@pytest.mark.slow  # runs the script in a new interpreter
def test_quickstart_starts_its_own_simulator_without_environment() -> None:
    out = run_script("quickstart.py", env=example_env(None))
    assert re.search(r"^Control plane: local simulator at http://127\.0\.0\.1:\d+ ", out, re.M)
    name = re.search(r"^Created department (quickstart-[0-9a-f]{6}) \(id \d+\)$", out, re.M)
    assert name, out
    assert f"Created project {name[1]} (id " in out
    assert f"Submitted training {name[1]}-train (id " in out
    assert re.search(r"^Training phases: Creating -> (Pending -> )?Running \(", out, re.M), out
    assert f"Workload in {name[1]}: {name[1]}-train (Training, Running)" in out
    assert out.rstrip().endswith("Cleaned up: training, project and department deleted")


@pytest.mark.slow
def test_quickstart_uses_the_control_plane_from_the_environment(
    plane: ControlPlane, client: RunaiClient[ApiClient], run_example: RunExample
) -> None:
    out = run_example("quickstart.py")
    assert out.startswith(f"Control plane: {plane.url}\n")
    assert f"Cluster: cluster-1 ({cluster_uuid(client)})" in out
    assert re.search(r"^Workload in (quickstart-\w+): \1-train \(Training, Running\)$", out, re.M)
    assert_only_seed_data(client)


@pytest.mark.slow
def test_quickstart_with_a_bearer_token(
    plane: ControlPlane, client: RunaiClient[ApiClient]
) -> None:
    token = issue_token(plane)
    env = example_env(None, RUNAI_BASE_URL=plane.url, RUNAI_BEARER_TOKEN=token)
    out = run_script("quickstart.py", env=env)
    assert f"Cluster: cluster-1 ({cluster_uuid(client)})" in out
    assert re.search(r"^Training phases: .*Running \(", out, re.M), out
    assert_only_seed_data(client)


@pytest.mark.slow
def test_projects_and_departments(client: RunaiClient[ApiClient], run_example: RunExample) -> None:
    out = run_example("projects_and_departments.py")
    department = re.search(r"^department (research-\w+) \(id \d+\): 8 GPUs$", out, re.M)
    vision = re.search(r"^project (vision-\w+) \(id \d+\): 4 GPUs$", out, re.M)
    speech = re.search(r"^project (speech-\w+) \(id \d+\): 2 GPUs$", out, re.M)
    assert department and vision and speech, out
    assert f"projects in {department[1]}: {speech[1]}, {vision[1]}\n" in out
    assert f"project {vision[1]} now has 6 GPUs (more GPUs)\n" in out
    assert f"deleted 2 projects and department {department[1]}\n" in out
    assert_only_seed_data(client)


@pytest.mark.slow
def test_training_runs_suspends_resumes(
    client: RunaiClient[ApiClient], run_example: RunExample
) -> None:
    out = run_example("training.py")
    lines = out.splitlines()
    name = re.fullmatch(r"submitted training (mnist-\w+) in project training-example-\w+", lines[0])
    assert name, out
    assert lines[1:4] == ["phase: Running", "suspended, phase: Stopped", "resumed, phase: Running"]
    image = "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime"
    assert lines[4] == f"training {name[1]}: desired Running, {image}"
    assert lines[5] == f"deleted training {name[1]}"
    assert_only_seed_data(client)


@pytest.mark.slow
def test_workspace(client: RunaiClient[ApiClient], run_example: RunExample) -> None:
    out = run_example("workspace.py")
    name = re.search(r"^submitted workspace (notebook-\w+) in project", out, re.M)
    assert name, out
    assert f"listed: {name[1]} (Workspace, Running)\n" in out
    assert f"deleted workspace {name[1]}\n" in out
    assert_only_seed_data(client)


@pytest.mark.slow
def test_inference(client: RunaiClient[ApiClient], run_example: RunExample) -> None:
    out = run_example("inference.py")
    name = re.search(r"^submitted inference (llm-\w+) in project", out, re.M)
    assert name, out
    assert "phase: Running\nserving port 8000/http, replicas 1-2\n" in out
    assert f"deleted inference {name[1]}\n" in out
    assert_only_seed_data(client)


@pytest.mark.slow
def test_node_pools(client: RunaiClient[ApiClient], run_example: RunExample) -> None:
    out = run_example("node_pools.py")
    assert "existing node pool default (id 1, nodes labelled run.ai/node-pool=default)\n" in out
    name = re.search(r"^created node pool (a100-\w+) \(id \d+\)$", out, re.M)
    assert name, out
    assert f"node pool {name[1]}: Ready\nnode pool {name[1]}: Ready, over-provisioning 3\n" in out
    assert_only_seed_data(client)


@pytest.mark.slow
def test_project_users(client: RunaiClient[ApiClient], run_example: RunExample) -> None:
    project = client.organizations.projects.create_project(
        {"name": "ml-team", "clusterId": cluster_uuid(client), "resources": []}
    ).data
    out = run_example("project_users.py", "ml-team", "jane@example.com", "joe@example.com")
    made = re.findall(r"^(\S+): L1 researcher on project ml-team \(access rule (\d+)\)$", out, re.M)
    assert [email for email, _ in made] == ["jane@example.com", "joe@example.com"], out
    rules = client.authentication_and_authorization.access_rules
    for email, rule_id in made:
        stored = rules.get_access_rule(int(rule_id)).data
        assert (stored["subjectType"], stored["subjectId"]) == ("user", email)
        assert (stored["roleName"], stored["scopeType"]) == ("L1 researcher", "project")
        assert stored["scopeId"] == project["id"]
    by_id = run_example("project_users.py", "ml-team", "ann@example.com", "--role-id", "3")
    rule_id = re.fullmatch(
        r"ann@example\.com: role 3 on project ml-team \(access rule (\d+)\)\n", by_id
    )
    assert rule_id, by_id
    assert rules.get_access_rule(int(rule_id[1])).data["roleId"] == 3
    assert rules.count_access_rules(filter_by=[f"scopeId=={project['id']}"]).data == {"count": 3}
    unknown = run_example(
        "project_users.py", "ml-team", "jane@example.com", "--role", "Boss", expect_rc=1
    )
    assert "no role named 'Boss'; roles: " in unknown and "L1 researcher" in unknown
    missing = run_example("project_users.py", "no-such-team", "jane@example.com", expect_rc=1)
    assert "no project named 'no-such-team'" in missing


@pytest.mark.slow
def test_async_listing_follows_every_page(
    client: RunaiClient[ApiClient], run_example: RunExample
) -> None:
    """More of each listed kind than one page of 20 (the script's ``limit``): a count or a name
    taken from the first page alone falls short."""
    cluster = cluster_uuid(client)
    orgs = client.organizations
    expected = [f"team-{i:02d}" for i in range(25)]
    projects = [
        orgs.projects.create_project({"name": name, "clusterId": cluster, "resources": []}).data
        for name in expected
    ]
    departments = [f"dept-{i:02d}" for i in range(21)]
    for name in departments:
        orgs.departments.create_department({"name": name, "clusterId": cluster, "resources": []})
    pools = [f"pool-{i:02d}" for i in range(22)]
    for name in pools:
        body = {"name": name, "clusterId": cluster, "labelKey": "pool", "labelValue": name}
        orgs.node_pools.create_nodepool(body)
    for i in range(23):
        training = {"name": f"job-{i:02d}", "projectId": projects[0]["id"], "clusterId": cluster}
        client.workloads.trainings.create_training1({**training, "spec": {"image": "python"}})
    out = run_example("async_listing.py")
    assert "projects: 25 in 2 page(s) of up to 20\n" in out
    assert "clusters: cluster-1\n" in out
    pool_line = re.search(r"^node pools \((\d+)\): (.*)$", out, re.M)
    assert pool_line and pool_line[1] == "23", out
    assert sorted(pool_line[2].split(", ")) == ["default", *pools]
    department_line = re.search(r"^departments \((\d+)\): (.*)$", out, re.M)
    assert department_line and department_line[1] == "22", out
    assert sorted(department_line[2].split(", ")) == ["default", *departments]
    listed = re.findall(r"^  project (\S+) in default$", out, re.M)
    assert sorted(listed) == expected
    assert out.endswith("workloads: 23\n")


def write_cli_config(directory: Path, plane: ControlPlane, cluster: str) -> None:
    """What ``runai login`` leaves behind, with a token the simulator issued."""
    token = issue_token(plane)
    directory.mkdir(parents=True)
    (directory / "authentication.json").write_text(
        json.dumps({"accessToken": base64.b64encode(token.encode()).decode()})
    )
    (directory / "config.json").write_text(
        json.dumps({"control_plane": {"url": plane.url}, "cluster": {"uuid": cluster}})
    )


@pytest.mark.slow
def test_cliv2_token(
    plane: ControlPlane, client: RunaiClient[ApiClient], run_example: RunExample, tmp_path: Path
) -> None:
    cluster = cluster_uuid(client)
    client.organizations.projects.create_project(
        {"name": "cli-team", "clusterId": cluster, "resources": []}
    )
    write_cli_config(tmp_path / "cli", plane, cluster)
    out = run_script("cliv2_token.py", str(tmp_path / "cli"), env=example_env(None))
    assert out == (
        f"CLI config: {tmp_path / 'cli'}, control plane {plane.url}\n"
        f"cluster cluster-1 ({cluster})\n"
        "projects in the CLI's cluster: cli-team\n"
    )
    # Without an argument the script reads ~/.runai, as the CLI writes it.
    write_cli_config(tmp_path / "home" / ".runai", plane, cluster)
    out = run_script("cliv2_token.py", env=example_env(None, HOME=str(tmp_path / "home")))
    assert f"CLI config: {tmp_path / 'home' / '.runai'}, control plane {plane.url}\n" in out


@pytest.mark.slow
def test_threaded_bulk(client: RunaiClient[ApiClient], run_example: RunExample) -> None:
    out = run_example("threaded_bulk.py", "7")
    assert re.match(r"created 7 projects in [\d.]+ s\n", out), out
    assert re.search(r"^listed 7 projects named bulk-\w+-\*$", out, re.M), out
    assert out.endswith("deleted 7 projects (status 202)\n")
    assert_only_seed_data(client)
