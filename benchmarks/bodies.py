"""Response bodies the benchmark server answers with, shaped like the 2.24 spec's schemas.

Built once at server start; every item varies in ids and names so no parser can take shortcuts.
Standard library only: this module also runs in runapy's throwaway virtual environment.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from typing import Any, Dict, List

PROJECTS = 5
"""A small tenant: an unfiltered ``get_projects()`` answer of about 15 KB."""

WORKLOADS = 500

_CLUSTER = "71f69d83-ba66-4822-adf5-55ce55efd210"
_STAMP = "2025-03-01T10:15:30.123Z"
_PHASES = ("Running", "Pending", "Completed", "Failed", "Stopped")


def _id(kind: str, number: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench/{kind}/{number}"))


def _quota(gpu: float, cpu: float, memory: float) -> Dict[str, float]:
    return {"gpu": gpu, "cpu": cpu, "memory": memory}


def project(number: int) -> Dict[str, Any]:
    """One ``Project`` with the fields a real control plane fills."""
    name = f"team-{number:02d}"
    pools = [("default", "22"), ("a100", "23")]
    quota = {
        "allocated": _quota(2.0, 4000.0, 16384.0),
        "allocatedNonPreemptible": _quota(1.0, 2000.0, 8192.0),
        "requested": _quota(3.0, 6000.0, 24576.0),
    }
    rules = {
        "interactiveJobTimeLimitSeconds": 28800,
        "interactiveJobMaxIdleDurationSeconds": 3600,
        "trainingJobMaxIdleDurationSeconds": 7200,
    }
    return {
        "id": str(100 + number),
        "name": name,
        "clusterId": _CLUSTER,
        "parentId": _id("department", number % 3),
        "parent": {"id": _id("department", number % 3), "name": f"dept-{number % 3}"},
        "requestedNamespace": f"runai-{name}",
        "enforceRunaiScheduler": True,
        "description": f"Project of {name}",
        "createdAt": _STAMP,
        "updatedAt": _STAMP,
        "createdBy": "admin@example.com",
        "updatedBy": "admin@example.com",
        "schedulingRules": rules,
        "defaultNodePools": [pool for pool, _ in pools],
        "nodeTypes": {"training": ["gpu-node"], "workspace": ["cpu-node"], "names": {}},
        "status": {
            "namespace": f"runai-{name}",
            "phase": "Ready",
            "phaseMessage": "Project is ready",
            "lastUpdatedTime": _STAMP,
            "nodePoolQuotaStatuses": [
                {"nodePoolName": pool, "nodePoolId": pool_id, **quota} for pool, pool_id in pools
            ],
            "quotaStatus": quota,
            "additionalStatusData": {},
        },
        "totalResources": {"gpuQuota": 8.0, "cpuQuota": 32000.0, "memoryQuota": 131072.0},
        "effective": {
            "schedulingRules": rules,
            "defaultNodePools": [pool for pool, _ in pools],
            "nodeTypes": {"training": ["gpu-node"], "workspace": ["cpu-node"], "names": {}},
        },
        "overtimeData": {
            key: {
                "averageGpuAllocation": 3.5,
                "averageGpuUtilization": 71.2,
                "averageGpuMemoryUtilization": 55.0,
                "updatedAt": _STAMP,
            }
            for key in ("range24hData", "range7dData", "range30dData")
        },
        "resources": [
            {
                "nodePool": {"id": pool_id, "name": pool},
                "gpu": {"deserved": 4.0, "limit": 8.0, "overQuotaWeight": 2.0},
                "cpu": {"deserved": 16000.0, "limit": None, "overQuotaWeight": 2.0},
                "memory": {
                    "deserved": 65536.0,
                    "limit": None,
                    "overQuotaWeight": 2.0,
                    "units": "Mib",
                },
                "priority": "Normal",
            }
            for pool, pool_id in pools
        ],
    }


def workload(number: int) -> Dict[str, Any]:
    """One ``Workload`` as ``GET /api/v1/workloads`` lists it."""
    project_number = number % PROJECTS
    phase = _PHASES[number % len(_PHASES)]
    requested: Dict[str, Any] = {
        "gpuRequestType": "portion",
        "gpu": {"request": 1.0, "limit": 1.0},
        "gpuMemory": {"request": "20G", "limit": "40G"},
        "cpu": {"request": 2.0, "limit": 4.0},
        "cpuMemory": {"request": "8G", "limit": "16G"},
        "extendedResources": [],
    }
    return {
        "tenantId": 1001,
        "type": "runai-job" if number % 2 else "training",
        "name": f"job-{number:04d}",
        "id": _id("workload", number),
        "source": "CLI" if number % 3 else "Control-plane",
        "priority": 50,
        "priorityClassName": "train",
        "submittedBy": f"researcher{number % 17}@example.com",
        "clusterId": _CLUSTER,
        "projectName": f"team-{project_number:02d}",
        "projectId": str(100 + project_number),
        "departmentName": f"dept-{project_number % 3}",
        "departmentId": str(project_number % 3),
        "namespace": f"runai-team-{project_number:02d}",
        "createdAt": _STAMP,
        "phase": phase,
        "phaseMessage": "" if phase == "Running" else f"{phase} since {_STAMP}",
        "k8sPhase": "Running" if phase == "Running" else "Pending",
        "phaseUpdatedAt": _STAMP,
        "k8sPhaseUpdatedAt": _STAMP,
        "updatedAt": _STAMP,
        "deletedAt": None,
        "completedAt": _STAMP if phase == "Completed" else None,
        "category": "Train",
        "runningPods": 1 if phase == "Running" else 0,
        "requestedPods": {"number": 1, "min": 1, "max": 1, "parallelism": 1, "completions": 1},
        "workloadRequestedResources": requested,
        "podsRequestedResources": requested,
        "allocatedResources": {
            "gpu": 1.0,
            "gpuMemory": "40G",
            "cpu": 2.0,
            "cpuMemory": "8G",
            "extendedResources": [],
        },
        "actionsSupport": {"delete": True, "suspend": True},
        "conditions": [
            {
                "type": "Ready",
                "status": "True",
                "message": "",
                "reason": "",
                "lastTransitionTime": _STAMP,
            }
        ],
        "requestedNodePools": ["default"],
        "currentNodePools": ["default"],
        "images": ["nvcr.io/nvidia/pytorch:24.01-py3"],
        "urls": [],
        "datasources": [{"type": "pvc", "name": f"data-{number % 5}", "id": _id("ds", number % 5)}],
        "environments": [{"name": "pytorch", "id": _id("env", 1)}],
        "preemptible": number % 2 == 0,
        "environmentVariables": {"EPOCHS": "10", "BATCH": str(32 + number % 4)},
        "command": "python train.py",
        "arguments": f"--seed {number}",
    }


def projects_body() -> bytes:
    items: List[Dict[str, Any]] = [project(n) for n in range(PROJECTS)]
    return json.dumps({"projects": items, "next": PROJECTS}).encode()


def workloads_body() -> bytes:
    items = [workload(n) for n in range(WORKLOADS)]
    return json.dumps({"workloads": items, "next": WORKLOADS}).encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt(lifetime: float) -> str:
    """A JWT whose ``exp`` lies ``lifetime`` seconds ahead (nobody checks its signature)."""
    header = _b64(b'{"alg":"HS256","typ":"JWT"}')
    exp = time.time() + lifetime
    pad = ""
    payload = _b64(json.dumps({"sub": "bench", "exp": exp, "pad": pad}).encode())
    while "-" in payload or "_" in payload:
        # runapy decodes the payload with the standard alphabet, which drops "-" and "_"
        pad += "x"
        payload = _b64(json.dumps({"sub": "bench", "exp": exp, "pad": pad}).encode())
    return f"{header}.{payload}.{_b64(b'signature')}"
