"""``RunaiClient.with_options``: a client with its own retries, timeout and headers that shares
the original's connections and token, for the three client kinds.

The simulator serves the calls; a forward proxy in front of it records the wire (token
requests, and which client connection carried each request)."""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import Future
from typing import Any, Awaitable, Callable, Iterator, List, Union

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.event_hooks import RequestEvent, ResponseEvent
from runai.exceptions import (
    ApiConnectionError,
    ClientClosedError,
    ConfigurationError,
    ServiceException,
)
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane
from support.helpers import KINDS, build_config
from support.retry import RecordingRetryPolicy
from support.server import FixtureServer, ForwardProxy, RecordedRequest, ScriptedResponse

Client = Union[ApiClient, ThreadedApiClient, AsyncApiClient]
CLUSTERS = "/api/v1/clusters"


@pytest.fixture
def plane() -> Iterator[ControlPlane]:
    with ControlPlane() as control_plane:
        yield control_plane


def sim_config(plane: ControlPlane, **options: Any) -> Configuration:
    values: dict[str, Any] = {
        "runai_base_url": plane.url,
        "client_id": plane.client_id,
        "client_secret": plane.client_secret,
        "retry_backoff_factor": 0.01,
        "timeout": (5.0, 30.0),
    }
    values.update(options)
    return Configuration(**values)


async def settle(value: Any) -> Any:
    """What a call gave, whichever client made it: a response, a future or a coroutine."""
    if isinstance(value, Future):
        return value.result(timeout=60)
    if asyncio.iscoroutine(value):
        return await value
    return value


def run(kind: str, config: Configuration, scenario: Callable[[Any], Awaitable[None]]) -> None:
    """``scenario`` with a RunaiClient over a new client of ``kind``, closed afterwards."""

    async def go() -> None:
        client: Client
        if kind == "sync":
            client = ApiClient(config)
        elif kind == "threaded":
            client = ThreadedApiClient(config)
        else:
            client = AsyncApiClient(config)
        runai: RunaiClient[Client] = RunaiClient(client)
        try:
            await scenario(runai)
        finally:
            await settle(runai.close())

    asyncio.run(go())


def on_the_wire(proxy: ForwardProxy, path: str, method: str = "GET") -> List[RecordedRequest]:
    return [r for r in proxy.requests if r.method == method and r.path == path]


@pytest.mark.parametrize("kind", KINDS)
def test_a_client_without_retries_fails_on_the_first_503_while_the_original_retries(
    kind: str, plane: ControlPlane, forward_proxy: ForwardProxy
) -> None:
    async def scenario(client: Any) -> None:
        strict = client.with_options(retry_max_retries=0)
        plane.faults.fail(503, times=1, path=CLUSTERS)
        with pytest.raises(ServiceException) as failed:
            await settle(strict.organizations.clusters.get_clusters())
        assert failed.value.status == 503
        assert len(on_the_wire(forward_proxy, CLUSTERS)) == 1  # no retry

        plane.faults.fail(503, times=1, path=CLUSTERS)
        answer = await settle(client.organizations.clusters.get_clusters())
        assert answer.status_code == 200
        assert len(on_the_wire(forward_proxy, CLUSTERS)) == 3  # the 503, then the retry

        assert (await settle(strict.organizations.clusters.get_clusters())).status_code == 200

    run(kind, sim_config(plane, proxy_url=forward_proxy.url), scenario)
    assert len(on_the_wire(forward_proxy, "/api/v1/token", "POST")) == 1  # one login for both
    ports = {r.client_address for r in forward_proxy.requests}
    assert len(ports) == 1  # every request of both clients on the one pooled connection


@pytest.mark.parametrize("kind", KINDS)
def test_a_client_with_a_short_timeout_gives_up_where_the_original_waits(
    kind: str, plane: ControlPlane
) -> None:
    async def scenario(client: Any) -> None:
        hasty = client.with_options(timeout=(5.0, 0.1), retry_enabled=False)
        plane.faults.delay(1.0, times=1, path=CLUSTERS)
        with pytest.raises(ApiConnectionError):
            await settle(hasty.organizations.clusters.get_clusters())
        plane.faults.delay(1.0, times=1, path=CLUSTERS)
        assert (await settle(client.organizations.clusters.get_clusters())).status_code == 200

    run(kind, sim_config(plane), scenario)


@pytest.mark.parametrize("kind", KINDS)
def test_closing_a_derived_client_leaves_the_original_and_its_pool_working(
    kind: str, plane: ControlPlane, forward_proxy: ForwardProxy
) -> None:
    async def scenario(client: Any) -> None:
        derived = client.with_options(retry_max_retries=1)
        assert (await settle(derived.organizations.clusters.get_clusters())).status_code == 200
        await settle(derived.close())
        with pytest.raises(ClientClosedError):
            await settle(derived.organizations.clusters.get_clusters())
        assert (await settle(client.organizations.clusters.get_clusters())).status_code == 200
        again = client.with_options(retry_max_retries=2)
        assert (await settle(again.organizations.clusters.get_clusters())).status_code == 200

    run(kind, sim_config(plane, proxy_url=forward_proxy.url), scenario)
    assert len({r.client_address for r in forward_proxy.requests}) == 1  # the pool stayed open


@pytest.mark.parametrize("kind", KINDS)
def test_closing_the_original_closes_the_clients_derived_from_it(
    kind: str, plane: ControlPlane
) -> None:
    derived: List[Any] = []

    async def scenario(client: Any) -> None:
        derived.append(client.with_options(timeout=20).with_options(retry_max_retries=0))
        assert (await settle(derived[0].organizations.clusters.get_clusters())).status_code == 200

    run(kind, sim_config(plane), scenario)

    async def after() -> None:
        with pytest.raises(ClientClosedError):
            await settle(derived[0].organizations.clusters.get_clusters())

    asyncio.run(after())


@pytest.mark.parametrize("kind", KINDS)
def test_headers_and_user_agent_of_a_derived_client_are_its_own(
    kind: str, fixture_server: FixtureServer
) -> None:
    config = build_config(fixture_server, default_headers={"X-Trace": "t-1"})

    async def scenario(client: Any) -> None:
        tagged = client.with_options(
            default_headers={"X-Team": "vision"}, user_agent_suffix="nightly-report/3"
        )
        await settle(tagged.api_client.request("GET", "/api/v1/tagged"))
        await settle(client.api_client.request("GET", "/api/v1/plain"))

    run(kind, config, scenario)
    (tagged,) = fixture_server.requests_to("/api/v1/tagged")
    (plain,) = fixture_server.requests_to("/api/v1/plain")
    assert tagged.headers.get("X-Trace") == "t-1" and tagged.headers.get("X-Team") == "vision"
    assert plain.headers.get("X-Trace") == "t-1" and "X-Team" not in plain.headers
    assert str(tagged.headers.get("User-Agent")).endswith(" nightly-report/3")
    assert "nightly-report" not in str(plain.headers.get("User-Agent"))
    assert fixture_server.token_requests == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_derived_client_calls_the_original_s_event_hooks_with_its_own_settings(
    kind: str, fixture_server: FixtureServer
) -> None:
    """Hooks that log or measure calls keep doing so for every client derived for one part of
    the program; what they see is what the derived client sends."""
    requests: List[RequestEvent] = []
    responses: List[ResponseEvent] = []
    config = build_config(
        fixture_server, event_hooks={"request": [requests.append], "response": [responses.append]}
    )
    fixture_server.enqueue(status=503, json={"message": "busy"}, path="/api/v1/tagged")
    fixture_server.enqueue(status=503, json={"message": "busy"}, path="/api/v1/plain")

    async def scenario(client: Any) -> None:
        tagged = client.with_options(retry_max_retries=0, default_headers={"X-Team": "vision"})
        with pytest.raises(ServiceException):
            await settle(tagged.api_client.request("GET", "/api/v1/tagged"))
        assert (await settle(client.api_client.request("GET", "/api/v1/plain"))).status_code == 200

    run(kind, config, scenario)
    sent = [(e.url.rsplit("/", 1)[1], e.attempt, e.headers.get("X-Team")) for e in requests]
    assert sent == [
        ("token", 0, None),  # the derived client's call logged in, for both clients
        ("tagged", 0, "vision"),
        ("plain", 0, None),
        ("plain", 1, None),
    ]
    answered = [(e.url.rsplit("/", 1)[1], e.status) for e in responses]
    assert answered == [("token", 200), ("tagged", 503), ("plain", 503), ("plain", 200)]


def test_a_client_s_own_retry_policy_carries_over_with_only_the_numbers_given_changed(
    fixture_server: FixtureServer,
) -> None:
    policy = RecordingRetryPolicy(max_retries=5, backoff_factor=0.25)
    original = RunaiClient(ApiClient(build_config(fixture_server), retry_policy=policy))
    with original:
        fixture_server.enqueue(status=503, path="/api/v1/a", times=4)
        relaxed = original.with_options(timeout=3)  # retries untouched: the policy's five
        assert relaxed.api_client.request("GET", "/api/v1/a").status_code == 200
        fixture_server.enqueue(status=503, path="/api/v1/b", times=4)
        with pytest.raises(ServiceException):
            original.with_options(retry_max_retries=1).api_client.request("GET", "/api/v1/b")
    assert len(fixture_server.requests_to("/api/v1/a")) == 5
    assert len(fixture_server.requests_to("/api/v1/b")) == 2
    assert len(policy.waits) == 5  # the waits of both clients, still observed by the subclass


def echo_path(req: RecordedRequest) -> ScriptedResponse:
    return ScriptedResponse(200, json={"raw_path": req.raw_path})


def in_forked_child(fn: Callable[[], str]) -> str:
    """``fn()`` run in a forked child (its error as text); a child that hangs says so."""
    context = multiprocessing.get_context("fork")
    answers: Any = context.SimpleQueue()

    def child() -> None:
        try:
            answers.put(fn())
        except BaseException as exc:
            answers.put(f"error: {exc!r}")

    process = context.Process(target=child)
    process.start()
    process.join(15.0)
    if process.is_alive():
        process.kill()
        return "the child hung"
    return str(answers.get())


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs os.fork")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@pytest.mark.parametrize("kind", ["sync", "threaded"])
def test_a_derived_client_in_a_forked_child_uses_the_child_s_connections(
    kind: str, fixture_server: FixtureServer
) -> None:
    fixture_server.default_response = echo_path
    config = build_config(fixture_server)
    original: Any = RunaiClient(ApiClient(config) if kind == "sync" else ThreadedApiClient(config))
    derived = original.with_options(retry_max_retries=1)

    def call(who: str) -> str:
        response = derived.api_client.request("GET", "/api/v1/who", query={"who": who})
        if kind == "threaded":
            response = response.result(timeout=15)
        return str(response.data["raw_path"])

    try:
        assert call("parent") == "/api/v1/who?who=parent"
        parent_port = fixture_server.api_requests()[-1].client_address[1]
        assert in_forked_child(lambda: call("child")) == "/api/v1/who?who=child"
        assert fixture_server.api_requests()[-1].client_address[1] != parent_port
        assert call("parent-again") == "/api/v1/who?who=parent-again"
    finally:
        original.close()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"max_retries": 0}, "'max_retries' is not an option (did you mean 'retry_max_retries'?)"),
        ({"headers": {"X": "1"}}, "did you mean 'default_headers'?"),
        ({"runai_base_url": "https://other.run.ai"}, "build a separate client"),
        ({"client_secret": "s"}, "shares this client's connections and token"),
        ({"event_hooks": {"request": [print]}}, "calls this client's event hooks"),
    ],
)
def test_an_option_with_options_cannot_apply_is_refused_with_what_to_do(
    options: dict[str, Any], expected: str
) -> None:
    client = RunaiClient(bearer_token="t", runai_base_url="https://myorg.run.ai")
    with pytest.raises(TypeError) as refused:
        client.with_options(**options)
    assert expected in str(refused.value)
    assert "the options are retry_enabled, retry_max_retries" in str(refused.value)
    assert "s3cr" not in str(refused.value)


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"retry_max_retries": -1}, "retry_max_retries"),
        ({"retry_backoff_factor": "fast"}, "retry_backoff_factor"),
        ({"retry_enabled": "no"}, "retry_enabled"),
        ({"timeout": 0}, "timeout"),
        ({"default_headers": {"X-Key": "a\r\nInjected: 1"}}, "default_headers"),
        ({"default_headers": {"Authorization": "Bearer other"}}, "default_headers"),
        ({"user_agent_suffix": "app/1\n"}, "user_agent_suffix"),
    ],
)
def test_bad_values_are_refused_as_the_constructor_refuses_them(
    options: dict[str, Any], option: str
) -> None:
    client = RunaiClient(bearer_token="t", runai_base_url="https://myorg.run.ai")
    with pytest.raises(ConfigurationError) as refused:
        client.with_options(**options)
    assert refused.value.option == option
