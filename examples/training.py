"""A training's life: submit it, wait until Running, suspend it, resume it, delete it.

RUNAI_BASE_URL=... RUNAI_CLIENT_ID=... RUNAI_CLIENT_SECRET=... python examples/training.py
"""

from __future__ import annotations

import sys

from common import POLL, TIMEOUT, cluster_id, temporary_project, unique
from runai import models
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient


def main() -> None:
    with RunaiClient(ApiClient(Configuration.from_env())) as client:
        cluster = cluster_id(client)
        trainings = client.workloads.trainings
        with temporary_project(client, cluster, "training-example") as project:
            # A model instead of a dict: fields are checked before anything is sent.
            request = models.TrainingCreationRequest(
                name=unique("mnist"),
                project_id=project["id"],
                cluster_id=cluster,
                spec={
                    "image": "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime",
                    "command": "python",
                    "args": "train.py --epochs 3",
                    "compute": {"gpuDevicesRequest": 1},
                },
            )
            training = trainings.create_training1(request).parsed()
            workload_id = training.workload_id  # optional in the spec's model of the answer
            if workload_id is None:
                sys.exit(f"training {training.name} was accepted but has no workloadId to follow")
            print(f"submitted training {training.name} in project {project['name']}")

            # A failure phase raises WaitFailedError, running out of time WaitTimeoutError.
            running = trainings.wait_until_running(workload_id, timeout=TIMEOUT, poll_interval=POLL)
            print(f"phase: {running.actual_phase}")
            trainings.suspend_training(workload_id)
            stopped = trainings.wait_until_stopped(workload_id, timeout=TIMEOUT, poll_interval=POLL)
            print(f"suspended, phase: {stopped.actual_phase}")
            trainings.resume_training(workload_id)
            resumed = trainings.wait_until_running(workload_id, timeout=TIMEOUT, poll_interval=POLL)
            print(f"resumed, phase: {resumed.actual_phase}")

            read_back = trainings.get_training(workload_id).data
            image = read_back["spec"]["image"]
            print(f"training {read_back['name']}: desired {read_back['desiredPhase']}, {image}")

            trainings.delete_training(workload_id)
            trainings.wait_until_deleted(workload_id, timeout=TIMEOUT, poll_interval=POLL)
            print(f"deleted training {training.name}")


if __name__ == "__main__":
    main()
