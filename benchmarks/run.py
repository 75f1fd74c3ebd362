"""``hatch run bench``: start the loopback server, run every scenario, print one table.

Each measurement runs in a fresh process (``benchmarks.workers``) so that imports, caches and
memory of one never leak into another; the server runs in its own process so that its CPU is
not counted as the client's. Implementations are interleaved within each repetition, and the
table shows medians.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, List, Optional, Tuple

from benchmarks import report, runapy_env

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# scenario key -> (worker scenario, implementations, repetitions, params full, params smoke)
Plan = Tuple[Tuple[str, str, Tuple[str, ...], int, Dict[str, Any], Dict[str, Any]], ...]
PLAN: Plan = (
    ("import", "import_build", ("ours", "raw", "runapy"), 7, {}, {}),
    ("first", "first_call", ("ours", "raw", "runapy"), 7, {}, {}),
    ("first_parsed", "first_call", ("ours",), 7, {"parsed": True}, {"parsed": True}),
    ("sync", "sync_cpu", ("ours", "raw", "runapy"), 5,
     {"calls": 2000, "warmup": 200}, {"calls": 50, "warmup": 5}),
    ("threaded", "threaded", ("ours", "raw", "runapy"), 7,
     {"calls": 4000, "threads": 8}, {"calls": 80, "threads": 8}),
    ("aio", "aio", ("ours", "raw", "runapy"), 7,
     {"calls": 4000, "inflight": 50}, {"calls": 100, "inflight": 10}),
    ("parse", "parse", ("ours",), 1, {"repeat": 15}, {"repeat": 2}),
    ("long", "long_run", ("ours", "raw", "runapy"), 1,
     {"calls": 100_000, "refresh_every": 1000, "warmup": 2000},
     {"calls": 400, "refresh_every": 100, "warmup": 50}),
    ("sim", "sim_start", ("ours",), 7, {}, {}),
)  # fmt: skip

Results = Dict[Tuple[str, str], List[Dict[str, float]]]


def compile_sources() -> None:
    """Bytecode of the workspace's sources, as pip writes it when it installs a wheel (and as the
    raw library and runapy have theirs). Without it, a shell with PYTHONDONTWRITEBYTECODE=1 would
    make every fresh worker compile each module of ours it imports, and rows 1 and 2 would count
    that compilation (about 100 ms and 20 ms) as the client's time."""
    import compileall
    import glob

    for source in sorted(glob.glob(os.path.join(ROOT, "packages", "*", "src"))):
        compileall.compile_dir(source, quiet=1)
    compileall.compile_dir(os.path.join(ROOT, "benchmarks"), quiet=1)


def start_server() -> Tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.server"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    port = server.stdout.readline().strip()
    if not port:
        server.kill()
        raise RuntimeError("the benchmark server did not start")
    return server, f"http://127.0.0.1:{port}"


def run_worker(python: str, params: Dict[str, Any]) -> Dict[str, float]:
    done = subprocess.run(
        [python, "-m", "benchmarks.workers", json.dumps(params)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": ROOT, "PYTHONWARNINGS": "ignore"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"worker {params} failed:\n{done.stderr[-3000:]}")
    result: Dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_plan(url: str, pythons: Dict[str, str], smoke: bool, plan: Plan = PLAN) -> Results:
    results: Results = {}
    for key, scenario, impls, reps, full, small in plan:
        present = [impl for impl in impls if impl in pythons]
        for rep in range(1 if smoke else reps):
            for impl in present:
                print(f"  {key}: {impl} ({rep + 1})", file=sys.stderr, flush=True)
                params = {
                    "scenario": scenario,
                    "impl": impl,
                    "url": url,
                    **(small if smoke else full),
                }
                results.setdefault((key, impl), []).append(run_worker(pythons[impl], params))
    return results


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            model = next(
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()} ({sys.platform})"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="hatch run bench", description=__doc__)
    parser.add_argument(
        "--smoke", action="store_true", help="tiny counts, one repetition, no runapy"
    )
    parser.add_argument("--no-runapy", action="store_true", help="skip the runapy 1.224.0 column")
    parser.add_argument(
        "--only",
        action="append",
        choices=[key for key, *_ in PLAN],
        metavar="SCENARIO",
        help="run only this scenario (repeatable): " + ", ".join(key for key, *_ in PLAN),
    )
    args = parser.parse_args(argv)
    plan = tuple(entry for entry in PLAN if not args.only or entry[0] in args.only)
    needs_runapy = any("runapy" in entry[2] for entry in plan)
    started = time.perf_counter()
    pythons = {"ours": sys.executable, "raw": sys.executable}
    note = ""
    with tempfile.TemporaryDirectory(prefix="runai-bench-") as scratch:
        if args.smoke or args.no_runapy or not needs_runapy:
            note = "runapy column skipped: not requested"
        else:
            print(
                f"installing runapy {runapy_env.VERSION} into a throwaway venv...", file=sys.stderr
            )
            python, reason = runapy_env.install(scratch)
            if python is None:
                note = f"runapy column skipped: {reason}"
            else:
                pythons["runapy"] = python
        compile_sources()
        server, url = start_server()
        try:
            results = run_plan(url, pythons, args.smoke, plan)
        finally:
            server.kill()
            server.wait()
    print(report.render(results, machine(), note, time.perf_counter() - started, args.smoke))
    return 0


if __name__ == "__main__":
    sys.exit(main())
