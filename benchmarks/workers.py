"""One measurement in a fresh process: ``python -m benchmarks.workers '<json params>'``.

Params: ``scenario``, ``impl`` (``ours``, ``raw`` or ``runapy``), ``url`` and the scenario's
counts. Prints one JSON object of numbers. ``ours`` and ``runapy`` run the same code through the
public API (``runai`` resolves to whichever is installed in the interpreter running this); only
the configuration differs: runapy always fetches a token, so it gets client credentials.

Module-level imports stay minimal so that the cold-import scenario measures the client alone.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any, Callable, Dict, List

if TYPE_CHECKING:
    from runai.api_client import ApiClient
    from runai.configuration import Configuration
    from runai.runai_client import RunaiClient

PROJECTS = "/api/v1/org-unit/projects"
WORKLOADS = "/api/v1/workloads"


def _config(impl: str, url: str, **options: Any) -> Configuration:
    from runai.configuration import Configuration

    if impl == "ours" and "client_id" not in options:
        from benchmarks.bodies import jwt

        options["bearer_token"] = jwt(3600)
    elif "client_id" not in options:
        options.update(client_id="bench", client_secret="secret")
    return Configuration(runai_base_url=url, **options)


def _sync_client(impl: str, url: str, **options: Any) -> RunaiClient[ApiClient]:
    from runai.api_client import ApiClient
    from runai.runai_client import RunaiClient

    return RunaiClient(ApiClient(_config(impl, url, **options)))


def _raw_headers() -> Dict[str, str]:
    from benchmarks.bodies import jwt

    return {"Accept": "application/json", "Authorization": f"Bearer {jwt(3600)}"}


def _raw_get(url: str, maxsize: int = 1) -> Callable[[str], Any]:
    """``PoolManager.request`` + ``json.loads``: the floor a sync call can reach."""
    import json

    import urllib3

    pool = urllib3.PoolManager(maxsize=maxsize)
    headers = _raw_headers()

    def get(path: str) -> Any:
        return json.loads(pool.request("GET", url + path, headers=headers).data)

    return get


def _rss_mb() -> float:
    import os

    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_build(impl: str, url: str) -> Dict[str, float]:
    """Scenario 1: import the client and build one (the baseline imports pydantic + urllib3)."""
    started = time.perf_counter()
    if impl == "raw":
        import importlib

        for baseline in ("pydantic", "urllib3"):
            importlib.import_module(baseline)
    else:
        from runai.api_client import ApiClient
        from runai.configuration import Configuration
        from runai.runai_client import RunaiClient

        if impl == "ours":
            token = "header.eyJleHAiOjQxMDI0NDQ4MDB9.signature"
            config = Configuration(runai_base_url=url, bearer_token=token)
        else:
            config = Configuration(runai_base_url=url, client_id="bench", client_secret="secret")
        RunaiClient(ApiClient(config))
    elapsed = time.perf_counter() - started
    return {"ms": elapsed * 1000, "peak_mb": _peak_rss_mb()}


def first_call(impl: str, url: str, parsed: bool = False) -> Dict[str, float]:
    """Scenario 2: the first call of ``get_projects`` in a fresh process, then the second."""
    if impl == "raw":
        get = _raw_get(url)

        def call() -> Any:
            return get(PROJECTS)
    else:
        client = _sync_client(impl, url)

        def call() -> Any:
            response = client.organizations.projects.get_projects()
            return response.parsed() if parsed else response.data

    times: List[float] = []
    for _ in range(2):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return {"first_ms": times[0] * 1000, "second_ms": times[1] * 1000}


def sync_cpu(impl: str, url: str, calls: int, warmup: int) -> Dict[str, float]:
    """Scenario 3: sequential calls over one keep-alive connection; client-process CPU."""
    if impl == "raw":
        get = _raw_get(url)

        def call() -> Any:
            return get(PROJECTS)
    else:
        projects = _sync_client(impl, url).organizations.projects

        def call() -> Any:
            return projects.get_projects().data

    for _ in range(warmup):
        call()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(calls):
        call()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"cpu_us": cpu / calls * 1e6, "wall_us": wall / calls * 1e6}


def threaded(impl: str, url: str, calls: int, threads: int) -> Dict[str, float]:
    """Scenario 4: ``calls`` submitted at once to ``threads`` workers; calls per second."""
    close: Callable[[], None]
    if impl == "raw":
        from concurrent.futures import ThreadPoolExecutor

        get = _raw_get(url, maxsize=threads)
        executor = ThreadPoolExecutor(max_workers=threads)

        def submit() -> Any:
            return executor.submit(get, PROJECTS)

        def result(future: Any) -> Any:
            return future.result()

        close = executor.shutdown
    else:
        from runai.api_client import ThreadedApiClient
        from runai.runai_client import RunaiClient

        config = _config(impl, url, pool_maxsize=threads)
        if impl == "ours":
            api_client = ThreadedApiClient(config, max_workers=threads)
        else:
            runapy_threaded: Any = ThreadedApiClient  # runapy 1.x's: it takes pool_size
            api_client = runapy_threaded(config, pool_size=threads)
        client = RunaiClient(api_client)
        projects = client.organizations.projects

        def submit() -> Any:
            return projects.get_projects()

        def result(future: Any) -> Any:
            return future.get().data

        close = client.close
    for future in [submit() for _ in range(threads * 10)]:
        result(future)
    started = time.perf_counter()
    for future in [submit() for _ in range(calls)]:
        result(future)
    elapsed = time.perf_counter() - started
    close()
    return {"calls_per_s": calls / elapsed}


def aio(impl: str, url: str, calls: int, inflight: int) -> Dict[str, float]:
    """Scenario 5: ``calls`` by ``inflight`` tasks on one event loop; calls per second."""
    import asyncio

    async def run() -> float:
        if impl == "raw":
            import json

            import aiohttp

            session = aiohttp.ClientSession()
            headers = _raw_headers()

            async def call() -> Any:
                async with session.get(url + PROJECTS, headers=headers) as response:
                    return json.loads(await response.read())

            close = session.close
        else:
            from runai.api_client import AsyncApiClient
            from runai.runai_client import RunaiClient

            client = RunaiClient(AsyncApiClient(_config(impl, url, pool_maxsize=inflight)))
            projects = client.organizations.projects

            async def call() -> Any:
                return (await projects.get_projects()).data

            close = client.api_client.close

        async def worker(count: int) -> None:
            for _ in range(count):
                await call()

        await asyncio.gather(*(worker(10) for _ in range(inflight)))
        started = time.perf_counter()
        await asyncio.gather(*(worker(calls // inflight) for _ in range(inflight)))
        elapsed = time.perf_counter() - started
        await close()
        return elapsed

    return {"calls_per_s": calls // inflight * inflight / asyncio.run(run())}


def parse(impl: str, url: str, repeat: int) -> Dict[str, float]:
    """Scenario 6: the 500-item workloads body into typed models, and ``json.loads`` alone."""
    import json
    import statistics

    import urllib3

    body = urllib3.request("GET", url + WORKLOADS, headers=_raw_headers()).data
    loads: List[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        json.loads(body)
        loads.append(time.perf_counter() - started)
    result = {"loads_ms": statistics.median(loads) * 1000}
    if impl == "ours":
        workloads = _sync_client(impl, url).workloads.workloads
        response = workloads.get_workloads()
        response.parsed()  # the first parse builds the validators: not measured
        typed: List[float] = []
        for _ in range(repeat):
            response = workloads.get_workloads()
            started = time.perf_counter()
            response.parsed()
            typed.append(time.perf_counter() - started)
        result["validate_ms"] = statistics.median(typed) * 1000
        # A client that decodes the body during the call already paid for json.loads; one that
        # decodes `.data` lazily (a property) validates the raw bytes inside parsed().
        eager = not isinstance(getattr(type(response), "data", None), property)
        result["typed_ms"] = result["validate_ms"] + (result["loads_ms"] if eager else 0.0)
    return result


def long_run(impl: str, url: str, calls: int, refresh_every: int, warmup: int) -> Dict[str, float]:
    """Scenario 7: RSS growth over ``calls`` sync calls, the token expiring every
    ``refresh_every`` calls (its lifetime is set from the call rate measured in warm-up)."""
    import gc
    import json

    import urllib3

    def stats() -> Dict[str, int]:
        answer = urllib3.request("GET", url + "/bench/stats")
        counts: Dict[str, int] = json.loads(answer.data)
        return counts

    if impl == "raw":
        get = _raw_get(url)

        def call() -> Any:
            return get(PROJECTS)
    else:
        probe = _sync_client(impl, url).organizations.projects
        started = time.perf_counter()
        for _ in range(warmup):
            probe.get_projects()
        lifetime = (time.perf_counter() - started) / warmup * refresh_every
        options = {"client_id": f"life-{lifetime:.4f}", "client_secret": "secret"}
        projects = _sync_client(impl, url, token_refresh_margin=0, **options).organizations.projects

        def call() -> Any:
            return projects.get_projects().data

    for _ in range(warmup):
        call()
    gc.collect()
    before, tokens, started = _rss_mb(), stats()["token_requests"], time.perf_counter()
    for _ in range(calls):
        call()
    elapsed = time.perf_counter() - started
    gc.collect()
    return {
        "growth_mb": _rss_mb() - before,
        "refreshes": stats()["token_requests"] - tokens,
        "seconds": elapsed,
    }


def sim_start(impl: str, url: str) -> Dict[str, float]:
    """Scenario 8: in a fresh interpreter, what a test suite waits for before its first answer
    from runai-testing: ``import runai_testing``, ``ControlPlane()``, ``start()``, a token, and
    a first POST whose body the simulator validates (loading its JSON Schema validator); ``url``
    is unused: the simulator is the server here."""
    import http.client
    import json

    started = time.perf_counter()
    from runai_testing import ControlPlane

    imported = time.perf_counter()
    plane = ControlPlane("bench", "secret").start()
    try:
        ready = time.perf_counter()
        host, port = plane.url.rsplit("/", 1)[-1].split(":")
        connection = http.client.HTTPConnection(host, int(port))
        login = {"grantType": "client_credentials", "clientID": "bench", "clientSecret": "secret"}
        connection.request("POST", "/api/v1/token", json.dumps(login))
        token = json.loads(connection.getresponse().read())["accessToken"]
        logged_in = time.perf_counter()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        connection.request("POST", "/api/v1/clusters", json.dumps({"name": "bench"}), headers)
        answer = connection.getresponse()
        answer.read()
        assert answer.status == 201, answer.status
        answered = time.perf_counter()
    finally:
        plane.stop()
    return {
        "ms": (answered - started) * 1000,
        "import_ms": (imported - started) * 1000,
        "start_ms": (ready - imported) * 1000,
        "token_ms": (logged_in - ready) * 1000,
        "post_ms": (answered - logged_in) * 1000,
    }


SCENARIOS: Dict[str, Callable[..., Dict[str, float]]] = {
    "import_build": import_build,
    "first_call": first_call,
    "sync_cpu": sync_cpu,
    "threaded": threaded,
    "aio": aio,
    "parse": parse,
    "long_run": long_run,
    "sim_start": sim_start,
}


def main(argument: str) -> None:
    import json

    params = json.loads(argument)
    function = SCENARIOS[params.pop("scenario")]
    print(json.dumps(function(**params)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
