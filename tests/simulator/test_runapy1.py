"""runapy 1.224.0, the client this project replaces, logs in to the simulator (its token request
is ``{"grantType": "app_token", "AppId": ..., "AppSecret": ...}``) and runs its README's calls
with ApiClient, ThreadedApiClient and AsyncApiClient."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest
from runai_testing import ControlPlane

SCRIPT = Path(__file__).with_name("runapy1_script.py")
# benchmarks/runapy_env.py by path: `benchmarks` is also the name of a test directory
_SPEC = importlib.util.spec_from_file_location(
    "runapy_env", Path(__file__).resolve().parents[2] / "benchmarks" / "runapy_env.py"
)
assert _SPEC is not None and _SPEC.loader is not None
runapy_env = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(runapy_env)


@pytest.fixture(scope="session")
def runapy1_python(tmp_path_factory: pytest.TempPathFactory) -> str:
    python, reason = runapy_env.install(str(tmp_path_factory.mktemp("runapy1")))
    if python is None:
        pytest.fail(f"could not install runapy=={runapy_env.VERSION}: {reason}")
    return str(python)


def _run(python: str, plane: ControlPlane) -> List[Dict[str, Any]]:
    env = {
        **os.environ,
        "RUNAI_BASE_URL": plane.url,
        "RUNAI_CLIENT_ID": plane.client_id,
        "RUNAI_CLIENT_SECRET": plane.client_secret,
    }
    done = subprocess.run(
        [python, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


@pytest.mark.slow  # a venv with runapy 1.224.0 from the index
def test_runapy1_runs_its_readme_calls_against_the_simulator(runapy1_python: str) -> None:
    with ControlPlane("runapy1-app", "runapy1-secret", phase_delay=0) as plane:
        steps = {entry.pop("step"): entry for entry in _run(runapy1_python, plane)}
        world = plane.app.world
        projects = sorted(p["name"] for p in world.collection("projects").values())
        departments = sorted(d["name"] for d in world.collection("departments").values())
        workloads = [w["name"] for w in world.collection("workloads").values()]

    threaded = ["r1-threaded-0", "r1-threaded-1", "r1-threaded-2"]
    assert steps["sync list"] == {"status": 200, "names": []}
    assert steps["department"] == {"status": 201, "name": "r1-department"}
    created = steps["sync create"]
    assert created["status"] == 201
    assert steps["sync get"] == {"status": 200, "name": "r1-sync"}
    assert steps["training"] == {"status": 202, "name": "r1-training"}
    assert steps["workloads"] == {"status": 200, "names": ["r1-training"]}
    assert steps["threaded"]["statuses"] == [201, 201, 201]
    assert sorted(steps["threaded"]["names"]) == sorted(["r1-sync", *threaded])
    assert steps["async"]["status"] == 200 and steps["async"]["deleted"] == 202
    assert steps["deleted get"] == {"error": "NotFoundException", "status": 404}
    # what the simulator holds afterwards: the project made under the new department is gone
    assert projects == threaded
    assert departments == ["default", "r1-department"]
    assert workloads == ["r1-training"]
