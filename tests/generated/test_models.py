"""Models built from the spec: round trips, awkward schemas, lenient responses, strict requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError
from runai import models
from runai.api_client import ApiClient
from runai.runai_client import RunaiClient

RESPONSE = {"runai_response": True}


def dump(model: BaseModel) -> Any:
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


def test_all_of_members_are_merged_with_their_required_fields() -> None:
    memory = models.ResourcesMemory(deserved=1.5, units="GB")
    assert dump(memory) == {"deserved": 1.5, "units": "GB"}
    with pytest.raises(ValidationError, match="units"):
        models.ResourcesMemory(deserved=1.5)


def test_snake_case_and_camel_case_both_accepted_and_sent_as_camel_case() -> None:
    by_alias = models.Resources(gpu={"deserved": 1}, nodePool={"id": "np"})
    by_name = models.Resources(gpu={"deserved": 1}, node_pool={"id": "np"})
    assert dump(by_alias) == dump(by_name) == {"gpu": {"deserved": 1}, "nodePool": {"id": "np"}}


def test_nullable_fields_take_none_and_send_null() -> None:
    resources = models.Resources(gpu={"deserved": 1}, node_pool=None)
    assert dump(resources) == {"gpu": {"deserved": 1}, "nodePool": None}


def test_enums_are_str_enums_sent_by_value() -> None:
    assert models.Phase("Running") is models.Phase.RUNNING
    assert models.Phase.RUNNING == "Running"  # type: ignore[comparison-overlap]
    assert f"{models.Phase.RUNNING}" == "Running"
    memory = models.ResourcesMemory(units=models.Units("GB"))
    assert dump(memory) == {"units": "GB"}
    with pytest.raises(ValidationError):
        models.ResourcesMemory(units="Parsecs")  # type: ignore[arg-type]


def test_recursive_schemas_nest() -> None:
    tree = models.DepartmentProjectChild(
        id="1", name="root", children=[{"id": "2", "name": "leaf", "children": []}]
    )
    assert tree.children is not None and tree.children[0].name == "leaf"
    status = models.ClusterDependencyStatus(
        available=True, components={"gpu": {"available": False, "reason": "driver"}}
    )
    assert status.components is not None and status.components["gpu"].reason == "driver"
    assert dump(TypeAdapter(models.ClusterDependencyStatus).validate_python(dump(status))) == dump(
        status
    )


def test_case_colliding_schemas_are_distinct_models() -> None:
    assert models.Department is not models.department  # type: ignore[comparison-overlap]
    assert models.Project is not models.project  # type: ignore[comparison-overlap]
    assert "metadata" in models.department.model_fields  # the report schema
    assert "metadata" not in models.Department.model_fields  # the org unit
    assert models.SupersetRules is models.supersetRules  # a $ref alias is the same class
    assert models.ServingPortProtocol("grpc") == "grpc"
    assert models.NodepoolName is str and models.nodepoolName is str


def test_python_keyword_hyphenated_and_model_prefixed_fields() -> None:
    email = models.EmailNotificationChannelConfig(**{"from": "ops@example.com"})  # type: ignore[arg-type]
    assert email.var_from == "ops@example.com"
    assert dump(models.EmailNotificationChannelConfig(var_from="a@b.io")) == {"from": "a@b.io"}
    part = {"allocated": 1.0}
    data = models.JobResourcesData(gpu=part, cpu=part, **{"cpu-memory": part, "gpu-memory": part})
    assert set(dump(data)) == {"gpu", "cpu", "cpu-memory", "gpu-memory"}
    assert data.cpu_memory is not None
    defaults = models.NimServiceDefaults(modelStore={})
    assert "modelStore" in dump(defaults) and defaults.model_store is not None


def test_lookahead_pattern_is_enforced() -> None:
    assert models.MandatoryClaim(claim="groups", values=["admins"]).values == ["admins"]
    with pytest.raises(ValidationError):
        models.MandatoryClaim(claim="groups", values=["has space"])


def test_datetimes_parse_and_serialise_as_iso_8601() -> None:
    body = {"name": "p", "createdAt": "2024-01-02T03:04:05Z"}
    project = TypeAdapter(models.Project).validate_python(body, context=RESPONSE)
    assert project.created_at == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    assert dump(project)["createdAt"] == "2024-01-02T03:04:05Z"


def test_request_construction_is_validated() -> None:
    with pytest.raises(ValidationError, match="requires"):
        models.ProjectCreationRequest(name="team-a")  # clusterId and resources missing
    with pytest.raises(ValidationError, match="nmae"):
        models.ResourcesMemory(units="GB", nmae="typo")  # type: ignore[call-arg]


def test_responses_are_parsed_leniently() -> None:
    body = {"name": "team-a", "brandNewField": 1}
    project = TypeAdapter(models.Project).validate_python(body, context=RESPONSE)
    assert project.name == "team-a"
    assert project.id is None  # required in 2.24, omitted by older control planes
    assert project.model_extra == {"brandNewField": 1}
    memory = TypeAdapter(models.ResourcesMemory).validate_python({"units": "TB"}, context=RESPONSE)
    assert memory.units == "TB"  # an enum value newer than this client
    assert type(memory.units) is str
    known = TypeAdapter(models.ResourcesMemory).validate_json(b'{"units": "GB"}')
    assert known.units is models.Units.GB
    nulls = TypeAdapter(models.Project).validate_json(b'{"name": null, "id": null}')
    assert nulls.name is None and nulls.id is None  # null where the spec says required
    # Request rules hold without the response context: construction and model_validate.
    with pytest.raises(ValidationError):
        models.ResourcesMemory.model_validate({"units": "TB"})
    assert models.ResourcesMemory.model_validate({"units": "TB"}, context=RESPONSE).units == "TB"


def test_request_errors_name_the_path() -> None:
    with pytest.raises(ValidationError) as caught:
        models.Resources(gpu={"deserved": 1, "bogus": 2}, node_pool={"id": "np"})
    assert caught.value.errors()[0]["loc"] == ("gpu",)
    assert "bogus" in str(caught.value)
    with pytest.raises(ValidationError, match="requires a value for name"):
        models.ProjectCreationRequest(name=None, cluster_id="c1", resources=[])
    with pytest.raises(ValidationError) as caught:
        models.ProjectCreationRequest(
            name="p", cluster_id="c1", resources=[{"memory": {"units": "Parsecs"}}]
        )
    assert caught.value.errors()[0]["loc"] == ("resources", 0, "memory", "units")


def test_a_value_that_does_not_fit_is_kept_by_the_slow_path(fixture_server, make_config) -> None:  # type: ignore[no-untyped-def]
    body = {"projects": [{"name": "a", "createdAt": "not a date", "phase": "Later"}], "next": 1}
    fixture_server.enqueue(json=body)
    client = RunaiClient(ApiClient(make_config()))
    response = client.organizations.projects.get_projects(limit=1)
    parsed = response.parsed()
    assert parsed.projects is not None
    assert type(parsed.projects[0]).__name__ == "Project"
    assert parsed.projects[0].created_at == "not a date"  # kept as received
    assert parsed.projects[0].phase == "Later" and parsed.next == 1  # type: ignore[attr-defined]
    assert response.data == body


def test_a_shared_model_is_one_class_for_every_category() -> None:
    assert models.Error.__module__.startswith("runai_models.")
    import runai_organizations.models.project as organizations_project

    assert models.Project is organizations_project.Project


def test_parsed_response_of_a_call(fixture_server, make_config) -> None:  # type: ignore[no-untyped-def]
    fixture_server.enqueue(json={"projects": [{"name": "a", "phase": "Later"}], "next": 50})
    client = RunaiClient(ApiClient(make_config()))
    response = client.organizations.projects.get_projects(limit=1)
    parsed = response.parsed()
    assert type(parsed).__name__ == "GetProjects200Response" and parsed.projects is not None
    assert parsed.projects[0].name == "a" and parsed.next == 50
    assert response.data == {"projects": [{"name": "a", "phase": "Later"}], "next": 50}


def test_a_model_instance_is_sent_as_the_body(fixture_server, make_config) -> None:  # type: ignore[no-untyped-def]
    client = RunaiClient(ApiClient(make_config()))
    client.organizations.projects.create_project(
        models.ProjectCreationRequest(name="p", cluster_id="c1", resources=[])
    )
    sent = fixture_server.api_requests()[-1]
    assert sent.json() == {"name": "p", "clusterId": "c1", "resources": []}
