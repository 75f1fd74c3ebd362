"""Every operation of the 2.24 spec answers, called through the generated client with minimal
valid arguments built from the operation's parameter metadata: a 2xx whose body fits the
client's model and the declared media type, or an error status the spec documents for that
operation. The simulator builds from the spec alone, so this also cross-checks the client."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import re
import sys
import uuid
import warnings
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from pydantic import ValidationError
from runai._adapters import adapter_for, check_request
from runai.api_client import ApiClient
from runai.exceptions import ApiException
from runai.operation import Operation
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane
from runai_testing.rules import SpecOperation, SpecRules, TypeRule
from runai_testing.synthesis import Synthesizer

from .helpers import config_for

if sys.version_info >= (3, 10):
    from importlib.metadata import entry_points
else:  # pragma: no cover - Python 3.9
    from importlib_metadata import entry_points


@dataclass(frozen=True)
class BoundOperation:
    """A generated client operation and where the client exposes it."""

    operation: Operation
    category: str
    group: str
    api_class: Any


def discover() -> List[BoundOperation]:
    """Every operation the installed client categories declare, once per (method, path)."""
    found: Dict[Tuple[str, str], BoundOperation] = {}
    for entry in sorted(entry_points(group="runai.categories"), key=lambda ep: ep.name):
        for group, target in getattr(entry.load(), "_groups", {}).items():
            module_name, _, class_name = target.partition(":")
            module = importlib.import_module(module_name)
            for op in vars(module).values():
                if isinstance(op, Operation):
                    bound = BoundOperation(op, entry.name, group, getattr(module, class_name))
                    found.setdefault((op.method, op.path), bound)
    return list(found.values())


RULES = SpecRules("2.24")
SYNTHESIZER = Synthesizer(RULES.document)
# operations of the Run:ai spec (other installed categories, like the test plug-in, are not)
OPERATIONS = sorted(
    (b for b in discover() if RULES.operation(b.operation.method, b.operation.path)),
    key=lambda b: (b.operation.path, b.operation.method),
)
CANDIDATES = ("example", "example_1", "example.md", "v1.0.0", "a")
# a cluster is addressed by these parameters; they get a real cluster made for the call, since
# the spec documents no 404 for some cluster operations
CLUSTER_PARAMS = {"clusteruuid", "clusterid", "uuid"}


def _method_name(bound: BoundOperation) -> str:
    """Generated modules name each Operation constant ``_<METHOD NAME>``."""
    module = inspect.getmodule(bound.api_class)
    for name, value in vars(module).items():
        if value is bound.operation:
            return name.lstrip("_").lower()
    raise LookupError(bound.operation.operation_id)


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _value(schema: TypeRule) -> Any:
    if schema.enum:
        return schema.enum[0]
    if schema.type == "array" and schema.items is not None:
        return [_value(schema.items)]
    if schema.type == "integer":
        return int(max(schema.minimum or 1, 1))
    if schema.type == "number":
        return float(max(schema.minimum or 1, 1))
    if schema.type == "boolean":
        return False
    if schema.format == "uuid":
        return str(uuid.uuid4())
    if schema.format == "date-time":
        return dt.datetime.now(dt.timezone.utc)
    if schema.pattern:
        return next(c for c in CANDIDATES if re.search(schema.pattern, c))
    return "example"


def _arguments(
    bound: BoundOperation, rule: SpecOperation, plane: ControlPlane, new_cluster: Any
) -> Tuple[List[Any], Dict[str, Any]]:
    method = getattr(bound.api_class, _method_name(bound))
    by_name = {_normal(p.name): p for p in rule.params}
    positional: List[Any] = []
    keywords: Dict[str, Any] = {}
    for name, parameter in inspect.signature(method).parameters.items():
        if name == "self" or parameter.kind is parameter.KEYWORD_ONLY:
            continue
        param = by_name.get(_normal(name))
        if param is not None and param.required and _normal(param.name) in CLUSTER_PARAMS:
            positional.append(new_cluster())
        elif param is not None and param.required:
            positional.append(_value(param.schema))
        elif bound.operation.body_media_type == "application/x-www-form-urlencoded":
            form = {"grant_type": "client_credentials", "client_id": plane.client_id}
            form["client_secret"] = plane.client_secret
            if name in form:
                keywords[name] = form[name]
        elif param is None and parameter.default is inspect.Parameter.empty:
            assert rule.body_pointer is not None, rule
            positional.append(SYNTHESIZER.value(RULES.document.at(rule.body_pointer)))
    return positional, keywords


@pytest.fixture(scope="module")
def every_plane() -> Iterator[ControlPlane]:
    with ControlPlane(phase_delay=0) as plane:
        yield plane


@pytest.fixture(scope="module")
def every_client(every_plane: ControlPlane) -> Iterator[RunaiClient]:
    with RunaiClient(ApiClient(config_for(every_plane, retry_enabled=False))) as client:
        yield client


def test_the_installed_client_covers_the_whole_spec():
    assert len(OPERATIONS) == len(RULES) == 391


def _checked_status(answer: Any, declared: Optional[str], model: Optional[str]) -> None:
    if declared is None:
        assert answer.status_code == 204 or not answer.raw
        return
    assert answer.headers["Content-Type"].startswith(declared)
    if model is not None:
        try:
            # Responses parse leniently; the request check holds the answer to the spec.
            check_request(adapter_for(model).validate_python(answer.data))
        except ValidationError as exc:  # pragma: no cover - the assertion message
            pytest.fail(f"{answer.status_code} body does not fit {model}: {exc}")


@pytest.mark.parametrize(
    "bound", OPERATIONS, ids=[f"{b.operation.method} {b.operation.path}" for b in OPERATIONS]
)
def test_operation_answers(bound, every_plane, every_client):
    op = bound.operation
    rule = RULES.operation(op.method, op.path)

    def new_cluster() -> str:
        created = every_client.organizations.clusters.create_cluster({"name": str(uuid.uuid4())})
        return str(created.data["uuid"])

    positional, keywords = _arguments(bound, rule, every_plane, new_cluster)
    group = getattr(getattr(every_client, bound.category), bound.group)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            answer = getattr(group, _method_name(bound))(*positional, **keywords)
        except ApiException as exc:
            assert exc.status in rule.statuses, f"{exc.status} is not documented: {exc}"
            assert 400 <= exc.status < 500
            return
    assert 200 <= answer.status_code < 300
    assert answer.status_code in op.responses
    spec = op.responses[answer.status_code]
    _checked_status(answer, spec.content_type, spec.model)
