"""Auto-paging against the simulator: every paged list, in each of its shapes, through the
three clients, yields every item of every page exactly once; a failing page raises."""

from __future__ import annotations

import asyncio
import sys
import uuid
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.exceptions import BadRequestException
from runai.modeling.model import RunaiModel
from runai.operation import Operation
from runai.paging import AsyncPagedResponse, PagedResponse
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

from .conftest import FAST_PHASES
from .helpers import config_for

AnyKind = RunaiClient[Any]
"""A client of any of the three kinds: what a call returns depends on the kind (a response, a
future, an awaitable), so the tests check it with isinstance."""

AUDIT_WINDOW = {"start": "2020-01-01T00:00:00Z", "end": "2030-01-01T00:00:00Z"}


def paged_methods(
    client: RunaiClient[ApiClient],
) -> Dict[str, Tuple[Callable[..., Any], Operation]]:
    """Every generated method whose operation pages, by operation id."""
    found: Dict[str, Tuple[Callable[..., Any], Operation]] = {}
    for category_name in client.options():
        category = getattr(client, category_name)
        for group_name in category.options():
            group = getattr(category, group_name)
            module = sys.modules[type(group).__module__]
            for name, _ in type(group)._methods:
                op = getattr(module, "_" + name.upper())
                if op.paging is not None:
                    found[op.operation_id] = (getattr(group, name), op)
    return found


def arguments(plane: ControlPlane, op: Operation) -> Dict[str, Any]:
    """Values of the required parameters that pass the simulator's checks."""
    args: Dict[str, Any] = {}
    rules = plane.app.rules.operation(op.method, op.path)
    assert rules is not None
    for param in rules.params:
        if not param.required:
            continue
        if param.schema.enum:
            value: Any = param.schema.enum[0]
        elif param.schema.format == "date-time":
            value = AUDIT_WINDOW[param.name]
        else:
            value = str(uuid.uuid4())
        args[_snake(param.name)] = value
    return args


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def raw_items(page: Any, op: Operation) -> List[Any]:
    assert op.paging is not None
    data = page.data
    return list(data if op.paging.items is None else data[op.paging.items])


@pytest.fixture
def stateless(plane: ControlPlane, client: RunaiClient[ApiClient]) -> List[str]:
    """Paged lists that no simulated state covers: filled with synthesised items."""
    return sorted(
        op_id
        for op_id, (_, op) in paged_methods(client).items()
        if (op.method, op.path) not in plane.app.handlers
    )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # get_nodes is deprecated
def test_every_paged_list_without_state_iterates_each_item_once(
    plane: ControlPlane, client: RunaiClient[ApiClient], stateless: List[str]
) -> None:
    methods = paged_methods(client)
    assert len(methods) == 25
    assert len(stateless) == 17  # the other 8: projects, departments, node pools, workloads,
    # access rules, users, data volumes and reports keep state
    shapes = set()
    for op_id in stateless:
        method, op = methods[op_id]
        assert op.paging is not None
        filled = plane.fill_list(op.path, 120)
        limit = {"limit": 25} if op.paging.limit else {}  # the audit log pages by 50
        first = method(**arguments(plane, op), **limit)
        assert isinstance(first, PagedResponse)
        pages = list(first.iter_pages())
        assert len(pages) == (5 if limit else 3), op_id
        assert [item for page in pages for item in raw_items(page, op)] == filled, op_id
        items = list(first)
        assert len(items) == 120 and all(isinstance(i, RunaiModel) for i in items), op_id
        assert raw_items(first, op) == filled[: len(raw_items(first, op))]  # .data: one page
        shapes.add((op.paging.next_offset, op.paging.total, op.paging.items is None))
    assert len(shapes) == 4  # next, total+next, pagination.nextOffset, none (count)


@pytest.fixture
def three_clients(plane: ControlPlane) -> Iterator[Dict[str, Any]]:
    """A sync and a threaded client, and the plane an async one is made for inside each event
    loop that uses it."""
    clients: Dict[str, Any] = {
        "sync": RunaiClient(ApiClient(config_for(plane))),
        "threaded": RunaiClient(ThreadedApiClient(config_for(plane))),
        "async": plane,
    }
    yield clients
    clients["sync"].close()
    clients["threaded"].close()


def iterate_all(clients: Dict[str, Any], call: Callable[[AnyKind], Any]) -> Dict[str, List[Any]]:
    """What ``for``/``async for`` yields through each client, as dicts."""

    async def with_async() -> List[Any]:
        async with RunaiClient(AsyncApiClient(config_for(clients["async"]))) as client:
            response = await call(client)
            assert isinstance(response, AsyncPagedResponse)
            return [item.to_dict() async for item in response]

    sync = call(clients["sync"])
    threaded = call(clients["threaded"]).result()
    assert isinstance(sync, PagedResponse) and isinstance(threaded, PagedResponse)
    return {
        "sync": [item.to_dict() for item in sync],
        "threaded": [item.to_dict() for item in threaded],
        "async": asyncio.run(with_async()),
    }


def _project(client: RunaiClient[ApiClient], name: str) -> Dict[str, Any]:
    cluster = client.organizations.clusters.get_clusters().data[0]["uuid"]
    body = {"name": name, "clusterId": cluster, "resources": []}
    project: Dict[str, Any] = client.organizations.projects.create_project(body).data
    return project


def _access_rules(plane: ControlPlane, client: RunaiClient[ApiClient], count: int) -> List[Any]:
    """``count`` access rules (the list that pages by ``totalRecords`` keeps state), as the
    list answers them, Ready, when one page holds them all."""
    rules = client.authentication_and_authorization.access_rules
    project = _project(client, "ruled")
    viewer = next(
        r["id"]
        for r in client.authentication_and_authorization.roles.get_roles_v1().data
        if r["name"] == "Viewer"
    )
    for n in range(count):
        rule = {"subjectType": "user", "subjectId": f"u{n:02d}@example.com", "roleId": viewer}
        rules.create_access_rule({**rule, "scopeType": "project", "scopeId": project["id"]})
    plane.advance(FAST_PHASES)
    listed: List[Any] = rules.get_access_rules(limit=500).data["accessRules"]
    return listed


@pytest.mark.parametrize(
    "shape", ["next", "total+next", "pagination.nextOffset", "count", "totalRecords"]
)
def test_each_shape_yields_every_item_once_through_the_three_clients(
    plane: ControlPlane, three_clients: Dict[str, Any], shape: str
) -> None:
    category, group, method, op_id = {
        "next": ("workloads", "events", "get_workload_events", "get_workload_events"),
        "total+next": ("audit", "audit_logs", "get_audit_logs", "getAuditLogs"),
        "pagination.nextOffset": (
            "workloads",
            "workload_templates",
            "list_workspace_templates",
            "list_workspace_templates",
        ),
        "count": ("organizations", "nodes", "get_tenant_nodes", "get_tenant_nodes"),
        "totalRecords": (
            "authentication_and_authorization",
            "access_rules",
            "get_access_rules",
            "get_access_rules",
        ),
    }[shape]
    _, op = paged_methods(three_clients["sync"])[op_id]
    if shape == "totalRecords":
        filled = _access_rules(plane, three_clients["sync"], 70)
    else:
        filled = plane.fill_list(op.path, 70)
    args = arguments(plane, op)
    if op.paging is not None and op.paging.limit:
        args["limit"] = 20

    def call(client: AnyKind) -> Any:
        return getattr(getattr(getattr(client, category), group), method)(**args)

    seen = iterate_all(three_clients, call)
    assert [len(items) for items in seen.values()] == [70, 70, 70]
    assert seen["sync"] == seen["threaded"] == seen["async"]
    sync_pages = list(call(three_clients["sync"]).iter_pages())
    assert [item for page in sync_pages for item in raw_items(page, op)] == filled


def test_stateful_lists_page_through_the_three_clients(
    plane: ControlPlane, three_clients: Dict[str, Any]
) -> None:
    sync = three_clients["sync"]
    for n in range(23):
        _project(sync, f"team-{n:02d}")
        sync.authentication_and_authorization.users.create_user({"email": f"u{n:02d}@example.com"})
    project = _project(sync, "ruled")
    viewer = next(
        r["id"]
        for r in sync.authentication_and_authorization.roles.get_roles_v1().data
        if r["name"] == "Viewer"
    )
    for n in range(17):
        rule = {
            "subjectType": "user",
            "subjectId": f"u{n:02d}@example.com",
            "roleId": viewer,
            "scopeType": "project",
            "scopeId": project["id"],
        }
        sync.authentication_and_authorization.access_rules.create_access_rule(rule)
    plane.advance(FAST_PHASES)  # all Ready: no phase changes between the clients' listings

    projects = iterate_all(three_clients, lambda c: c.organizations.projects.get_projects(limit=5))
    names = [p["name"] for p in projects["sync"]]
    assert len(names) == len(set(names)) == 24  # 23 teams and "ruled"
    assert projects["sync"] == projects["threaded"] == projects["async"]

    users = iterate_all(
        three_clients, lambda c: c.authentication_and_authorization.users.get_users(limit=4)
    )
    assert sorted(u["username"] for u in users["sync"]) == [
        f"u{n:02d}@example.com" for n in range(23)
    ]
    assert users["sync"] == users["threaded"] == users["async"]

    rules = iterate_all(
        three_clients,
        lambda c: c.authentication_and_authorization.access_rules.get_access_rules(limit=5),
    )
    assert sorted(r["subjectId"] for r in rules["sync"]) == [
        f"u{n:02d}@example.com" for n in range(17)
    ]
    assert rules["sync"] == rules["threaded"] == rules["async"]
    pages = list(
        sync.authentication_and_authorization.access_rules.get_access_rules(limit=5).iter_pages()
    )
    assert [len(p.data["accessRules"]) for p in pages] == [5, 5, 5, 2]


def test_org_units_and_workloads_page_through_the_three_clients(
    plane: ControlPlane, three_clients: Dict[str, Any]
) -> None:
    """The lists with handlers of their own, each longer than a page: departments and
    workloads (``next``), node pools (no continuation marker)."""
    sync = three_clients["sync"]
    orgs = sync.organizations
    cluster = orgs.clusters.get_clusters().data[0]["uuid"]
    project = _project(sync, "runs")
    for n in range(13):
        orgs.departments.create_department(
            {"name": f"dept-{n:02d}", "clusterId": cluster, "resources": []}
        )
        body = {"name": f"pool-{n:02d}", "clusterId": cluster, "labelKey": "k", "labelValue": "v"}
        orgs.node_pools.create_nodepool(body)
        workload = {"name": f"job-{n:02d}", "projectId": project["id"], "clusterId": cluster}
        sync.workloads.trainings.create_training1({**workload, "spec": {"image": "python"}})

    lists: Dict[str, Tuple[Callable[[AnyKind], Any], List[str]]] = {
        "departments": (
            lambda c: c.organizations.departments.get_departments(limit=4),
            ["default", *(f"dept-{n:02d}" for n in range(13))],
        ),
        "node pools": (
            lambda c: c.organizations.node_pools.get_nodepools(limit=4),
            ["default", *(f"pool-{n:02d}" for n in range(13))],
        ),
        "workloads": (
            lambda c: c.workloads.workloads.get_workloads(limit=4),
            [f"job-{n:02d}" for n in range(13)],
        ),
    }
    for kind, (call, expected) in lists.items():
        seen = iterate_all(three_clients, call)
        for client_kind, items in seen.items():
            assert sorted(item["name"] for item in items) == expected, (kind, client_kind)
        first = call(sync)
        assert len(first.page_items()) == 4, kind  # the first page alone is short of them all
        assert len(list(first.iter_pages())) >= 4, kind


def test_the_end_of_a_list(plane: ControlPlane, client: RunaiClient[ApiClient]) -> None:
    events = client.workloads.events
    workload = str(uuid.uuid4())
    empty = events.get_workload_events(workload, limit=10)
    assert list(empty) == [] and not empty.has_next_page() and empty.next_page() is None
    plane.fill_list("/api/v1/workloads/{workloadId}/events", 20)
    exact = events.get_workload_events(workload, limit=10)
    assert [len(p.page_items()) for p in exact.iter_pages()] == [10, 10]  # no `next` on the last
    past = events.get_workload_events(workload, offset=500, limit=10)
    assert list(past) == [] and not past.has_next_page()
    middle = events.get_workload_events(workload, offset=15, limit=10)
    assert len(list(middle)) == 5
    nodes = client.organizations.nodes
    plane.fill_list("/api/v1/nodes", 20)
    # without a continuation marker, a full last page is followed by one empty page
    assert [len(p.page_items()) for p in nodes.get_tenant_nodes(limit=10).iter_pages()] == [
        10,
        10,
        0,
    ]
    assert [len(p.page_items()) for p in nodes.get_tenant_nodes(limit=8).iter_pages()] == [8, 8, 4]


def test_a_page_that_fails_raises_and_a_retried_one_is_not_lost(
    plane: ControlPlane, client: RunaiClient[ApiClient]
) -> None:
    path = "/api/v1/workloads/{workloadId}/events"
    plane.fill_list(path, 30)
    events = client.workloads.events
    first = events.get_workload_events(str(uuid.uuid4()), limit=10)
    plane.faults.fail(503, times=1, method="GET", path=path)
    assert len(list(first)) == 30  # page 2 was retried by the usual retry policy
    plane.faults.fail(400, times=None, method="GET", path=path, message="no more pages")
    seen: List[Any] = []
    with pytest.raises(BadRequestException, match="no more pages"):
        for event in first:
            seen.append(event)
    assert len(seen) == 10
    plane.faults.clear()


def test_a_failing_page_raises_from_async_for(plane: ControlPlane) -> None:
    path = "/api/v1/workloads/{workloadId}/events"
    plane.fill_list(path, 30)

    async def scenario() -> int:
        async with RunaiClient(AsyncApiClient(config_for(plane))) as client:
            first = await client.workloads.events.get_workload_events(str(uuid.uuid4()), limit=10)
            plane.faults.fail(400, times=None, method="GET", path=path)
            count = 0
            with pytest.raises(BadRequestException):
                async for _ in first:
                    count += 1
            return count

    assert asyncio.run(scenario()) == 10
    plane.faults.clear()
