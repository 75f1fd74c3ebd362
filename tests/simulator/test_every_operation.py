"""Every operation of the 2.24 spec, called through the generated client, reaches a 2xx.

What each call needs is made first, through the client too (:mod:`.tenant`); every answer, the
ones that made something included, is judged by the spec alone (:mod:`.oracle`): a documented
status, the documented media type, a body valid against the documented schema. The operations
that cannot reach a 2xx are listed in :data:`NO_SUCCESS` with why; they must still answer as
documented. The simulator builds from the spec alone, so this also cross-checks the client.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
import warnings
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Mapping, Tuple

import pytest
from runai.api_client import ApiClient
from runai.exceptions import ApiException
from runai.operation import Operation
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane
from runai_testing.rules import SpecOperation, SpecRules

from .helpers import config_for
from .oracle import Answer, oracle
from .tenant import Arguments, Send, Tenant

if sys.version_info >= (3, 10):
    from importlib.metadata import entry_points
else:  # pragma: no cover - Python 3.9
    from importlib_metadata import entry_points

VERSION = "2.24"
RULES = SpecRules(VERSION)
ORACLE = oracle(VERSION)
# "METHOD path" -> why no call can get a 2xx from it
NO_SUCCESS: Dict[str, str] = {}


@dataclass(frozen=True)
class BoundOperation:
    """A generated client operation and where the client exposes it."""

    operation: Operation
    category: str
    group: str
    method: Any  # the unbound generated method


def discover() -> Dict[Tuple[str, str], BoundOperation]:
    """Every operation the installed client categories declare, by (METHOD, path)."""
    found: Dict[Tuple[str, str], BoundOperation] = {}
    for entry in sorted(entry_points(group="runai.categories"), key=lambda ep: ep.name):
        for group, target in getattr(entry.load(), "_groups", {}).items():
            module_name, _, class_name = target.partition(":")
            module = importlib.import_module(module_name)
            for name, op in vars(module).items():
                if isinstance(op, Operation):
                    # generated modules name each Operation constant ``_<METHOD NAME>``
                    method = getattr(getattr(module, class_name), name.lstrip("_").lower())
                    bound = BoundOperation(op, entry.name, group, method)
                    found.setdefault((op.method, op.path), bound)
    return found


BOUND = discover()
# operations of the Run:ai spec (other installed categories, like the test plug-in, are not)
OPERATIONS = sorted(RULES, key=lambda op: (op.path, op.method))


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _call_arguments(
    op: SpecOperation, method: Any, arguments: Arguments
) -> Tuple[List[Any], Dict[str, Any]]:
    """The generated method's positional and keyword arguments for ``arguments``."""
    values = {_normal(k): v for k, v in {**arguments.path, **arguments.query}.items()}
    declared = {_normal(p.name) for p in op.params}
    positional: List[Any] = []
    keywords: Dict[str, Any] = {}
    for name, parameter in inspect.signature(method).parameters.items():
        if name == "self" or parameter.kind is parameter.KEYWORD_ONLY:
            continue
        if op.body_media_type == "application/x-www-form-urlencoded":
            if name in arguments.body:
                keywords[name] = arguments.body[name]
        elif _normal(name) in values:
            keywords[name] = values[_normal(name)]
        elif _normal(name) not in declared and arguments.body is not None:
            keywords[name] = arguments.body  # the one parameter that is no spec parameter
    return positional, keywords


def _header(headers: Mapping[str, str], name: str) -> str:
    return next((v for k, v in headers.items() if k.lower() == name.lower()), "")


def client_send(client: RunaiClient[ApiClient]) -> Send:
    """``send`` for :class:`Tenant`: the generated method of the operation."""

    def send(op: SpecOperation, arguments: Arguments) -> Answer:
        bound = BOUND[(op.method, op.path)]
        positional, keywords = _call_arguments(op, bound.method, arguments)
        group = getattr(getattr(client, bound.category), bound.group)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                answer = getattr(group, bound.method.__name__)(*positional, **keywords)
            except ApiException as exc:
                body = (exc.body or "").encode("utf-8")
                return Answer(exc.status, _header(exc.headers, "Content-Type"), body)
        return Answer(answer.status_code, _header(answer.headers, "Content-Type"), answer.raw)

    return send


class Judged:
    """A ``send`` that holds every answer to the spec, the ones of set-up calls included."""

    def __init__(self, send: Send) -> None:
        self.inner = send

    def __call__(self, op: SpecOperation, arguments: Arguments) -> Answer:
        answer: Answer = self.inner(op, arguments)
        problems = ORACLE.problems(op.method, op.path, answer)
        assert problems == [], f"{op.method} {op.path}: " + "; ".join(problems)
        return answer


@pytest.fixture(scope="module")
def tenant() -> Iterator[Tenant]:
    with ControlPlane(phase_delay=0) as plane:
        config = config_for(plane, retry_enabled=False)
        with RunaiClient(ApiClient(config)) as client:
            login = {
                "grantType": "client_credentials",
                "clientID": plane.client_id,
                "clientSecret": plane.client_secret,
            }
            yield Tenant(RULES, Judged(client_send(client)), login)


def test_the_installed_client_covers_the_whole_spec() -> None:
    assert len(OPERATIONS) == len(BOUND.keys() & {(op.method, op.path) for op in RULES}) == 391


def test_every_allow_listed_operation_is_in_the_spec() -> None:
    assert len(NO_SUCCESS) == 0
    assert set(NO_SUCCESS) <= {f"{op.method} {op.path}" for op in OPERATIONS}


@pytest.mark.parametrize("op", OPERATIONS, ids=[f"{op.method} {op.path}" for op in OPERATIONS])
def test_operation_reaches_a_success(op: SpecOperation, tenant: Tenant) -> None:
    answer = tenant.call(op)  # judged by the spec on the way
    key = f"{op.method} {op.path}"
    if key in NO_SUCCESS:
        assert not 200 <= answer.status < 300, f"{key} succeeds now: take it off NO_SUCCESS"
    else:
        assert 200 <= answer.status < 300, f"{answer.status}: {answer.body[:300]!r}"
