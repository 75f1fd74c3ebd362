"""A required ``readOnly`` property is required in responses only (OpenAPI 3.0): a request body
without it is accepted and sent without it; a response still declares it required.

The properties are found in the spec by this module (``$ref`` and allOf followed here): in
2.24, ``NotificationState.enabled`` (the body of ``PATCH /api/v1/notification-state`` and its
answer) and the ``id`` of ``Nodepool``, ``NodepoolCalculatedFields`` and ``NodepoolMetadata``
(answers only).
"""

from __future__ import annotations

from typing import Any, Iterator, List, Tuple

import pytest
from pydantic import ValidationError
from runai import models
from runai.api_client import ApiClient
from runai.runai_client import RunaiClient
from support.helpers import CLIENT_ID, CLIENT_SECRET, build_config
from support.server import FixtureServer

from generated.model_bodies import build
from generated.spec_bodies import Node, full, merged, resolve
from generated.spec_cases import load

PATH = "/api/v1/notification-state"


def _read_only(doc: Node, schema: Node) -> bool:
    return bool(schema.get("readOnly") or resolve(doc, schema).get("readOnly"))


def required_read_only() -> List[Tuple[str, str]]:
    """``(component, property)`` for every object component whose required property is
    readOnly."""
    doc = load()
    found = []
    for name in doc["components"]["schemas"]:
        node = merged(doc, {"$ref": f"#/components/schemas/{name}"})
        props = node.get("properties") or {}
        for prop in node.get("required", []):
            if prop in props and _read_only(doc, props[prop]):
                found.append((name, prop))
    return found


REQUIRED_READ_ONLY = required_read_only()


def test_the_spec_has_the_required_read_only_properties_this_module_names() -> None:
    assert sorted(REQUIRED_READ_ONLY) == [
        ("Nodepool", "id"),
        ("NodepoolCalculatedFields", "id"),
        ("NodepoolFullMetadata", "id"),  # the same schema as NodepoolMetadata (an alias)
        ("NodepoolMetadata", "id"),
        ("NotificationState", "enabled"),
    ]


@pytest.mark.parametrize(
    ("component", "prop"), REQUIRED_READ_ONLY, ids=[f"{c}.{p}" for c, p in REQUIRED_READ_ONLY]
)
def test_a_request_model_without_a_required_read_only_property_is_accepted(
    component: str, prop: str
) -> None:
    """Every other property filled by field name, the readOnly one left out (as
    :func:`~generated.spec_bodies.full` builds a request): the model builds
    (its request check passes) and ``to_dict()`` has no such key."""
    doc = load()
    schema = {"$ref": f"#/components/schemas/{component}"}
    wire = full(doc, schema, "request")  # a request instance: no readOnly property
    model = build(doc, schema, wire, getattr(models, component))
    assert prop not in model.to_dict()
    assert model.to_dict() == type(model).model_validate(wire).to_dict()


def test_other_required_properties_are_still_demanded() -> None:
    with pytest.raises(ValidationError) as caught:
        models.Nodepool()
    (error,) = caught.value.errors()
    missing = error["ctx"]["fields"].split(", ")
    assert {"name", "clusterId", "labelKey"} <= set(missing)
    assert "id" not in missing


def test_the_model_still_declares_it_required_for_responses() -> None:
    schema = models.NotificationState.model_json_schema()
    assert schema["required"] == ["enabled"]
    assert schema["properties"]["enabled"]["readOnly"] is True
    assert "readOnly" not in schema["properties"]["email"]


@pytest.fixture(scope="module")
def session() -> Iterator[Tuple[FixtureServer, RunaiClient[ApiClient]]]:
    with FixtureServer(credentials={CLIENT_ID: CLIENT_SECRET}) as server:
        client = RunaiClient(ApiClient(build_config(server)))
        yield server, client
        client.close()


@pytest.mark.parametrize("as_model", [True, False], ids=["model", "dict"])
def test_a_body_without_enabled_goes_out_without_it_and_the_answer_has_it(
    session: Tuple[FixtureServer, RunaiClient[ApiClient]], as_model: bool
) -> None:
    server, client = session
    server.clear()
    server.enqueue(
        200,
        json={"enabled": True, "email": {"enabled": True}},
        method="PATCH",
        path=PATH,
    )
    body: Any = {"email": {"enabled": False}}
    if as_model:
        body = models.NotificationState(email=models.EmailNotificationsState(enabled=False))

    response = client.notifications.notification_state.update_notification_state(body)

    (sent,) = [r for r in server.requests if r.path == PATH]
    assert sent.method == "PATCH"
    assert sent.json() == {"email": {"enabled": False}}
    parsed = response.parsed()
    assert parsed.enabled is True
    assert parsed.email is not None and parsed.email.enabled is True
