"""What type checkers see of the generated models: built by field name and by wire name,
optional fields optional, ``runai.models`` resolving to the classes."""

from __future__ import annotations

import datetime
from typing import List, Optional, Type

from runai import models
from runai.models import ProjectCreationRequest, TrainingCreationRequest
from runai_models.phase import Phase
from runai_organizations.models.resources_nullable import ResourcesNullable
from typing_extensions import assert_type


def correct() -> None:
    by_name = ProjectCreationRequest(name="team-a", cluster_id="c", resources=[])
    by_alias = ProjectCreationRequest(name="team-a", clusterId="c", resources=[])
    assert_type(by_name, ProjectCreationRequest)
    assert_type(by_alias.cluster_id, Optional[str])
    assert_type(by_name.resources, Optional[List[ResourcesNullable]])
    assert_type(models.ProjectCreationRequest, Type[ProjectCreationRequest])

    training = models.TrainingCreationRequest(name="t", project_id="p", cluster_id="c")
    assert_type(training, TrainingCreationRequest)
    assert_type(models.Phase("Running"), Phase)
    assert_type(models.Workload().created_at, Optional[datetime.datetime])

    # What validation accepts, type checkers accept: nested models as dicts, enums as values,
    # a List[Model] variable for a list field.
    memory = models.ResourcesMemory(units="GB", deserved=1)
    assert_type(memory.units, Optional[models.Units])
    resources: List[ResourcesNullable] = [ResourcesNullable(node_pool={"name": "default"})]
    ProjectCreationRequest(name="a", cluster_id="c", resources=resources)
    ProjectCreationRequest(name="a", cluster_id="c", resources=[{"nodePool": {"name": "p"}}])


def mistakes() -> None:
    ProjectCreationRequest(name="team-a", clusterid="c")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    ProjectCreationRequest(name=7)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    models.ResourcesMemory(units="Parsecs")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    ProjectCreationRequest(resources="all")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    _ = ProjectCreationRequest().cluster  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
    _ = models.ProjectCreationRequests  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
