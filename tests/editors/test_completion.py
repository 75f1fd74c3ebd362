"""What an editor offers: jedi (the completion engine of notebooks and most editors) completing
a user script for each client kind, from the installed packages' annotations alone."""

from __future__ import annotations

from typing import Dict, FrozenSet, List, Tuple

import jedi
import pytest

#: Fields of the models the scripts reach.
TRAINING = frozenset({"name", "workload_id"})
PROJECT = frozenset({"description", "scheduling_rules"})
WORKLOAD = frozenset({"tenant_id", "running_pods", "phase_updated_at"})
GROUP = frozenset({"get_training", "create_training1", "wait_until_running"})

_HEAD = """\
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
config = Configuration.from_env()
"""

#: Per client kind, a script whose lines ending in `.` are where the user asks for completion,
#: each with the names that must be offered there (in order).
SCRIPTS: Dict[str, Tuple[str, List[FrozenSet[str]]]] = {
    "ApiClient": (
        """\
client = RunaiClient(ApiClient(config))
client.workloads.trainings.
resp = client.workloads.trainings.get_training("w")
resp.parsed().
for project in client.organizations.projects.get_projects():
    project.
client.workloads.workloads.wait_until_running("w").
""",
        [GROUP, TRAINING, PROJECT, WORKLOAD],
    ),
    "ThreadedApiClient": (
        """\
client = RunaiClient(ThreadedApiClient(config))
client.workloads.trainings.
future = client.workloads.trainings.get_training("w")
future.result().parsed().
for project in client.organizations.projects.get_projects().result():
    project.
client.workloads.workloads.wait_until_running("w").result().
""",
        [GROUP, TRAINING, PROJECT, WORKLOAD],
    ),
    "AsyncApiClient": (
        """\
async def main():
    client = RunaiClient(AsyncApiClient(config))
    client.workloads.trainings.
    resp = await client.workloads.trainings.get_training("w")
    resp.parsed().
    (await client.workloads.trainings.get_training("w")).parsed().
    page = await client.organizations.projects.get_projects()
    async for project in page:
        project.
    running = await client.workloads.workloads.wait_until_running("w")
    running.
""",
        [GROUP, TRAINING, TRAINING, PROJECT, WORKLOAD],
    ),
}


@pytest.mark.parametrize("client_kind", sorted(SCRIPTS))
def test_jedi_completes_through_every_call(client_kind: str) -> None:
    body, expectations = SCRIPTS[client_kind]
    source = _HEAD + body
    script = jedi.Script(source, environment=jedi.InterpreterEnvironment())
    points = [
        (number, line)
        for number, line in enumerate(source.splitlines(), start=1)
        if line.endswith(".")
    ]
    assert len(points) == len(expectations)
    missing = {}
    for (number, line), expected in zip(points, expectations):
        offered = {c.name for c in script.complete(number, len(line))}
        if not expected <= offered:
            missing[line.strip()] = sorted(expected - offered)
    assert not missing, f"{client_kind}: jedi does not offer {missing}"
