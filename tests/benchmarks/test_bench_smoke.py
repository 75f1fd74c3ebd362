"""`hatch run bench --smoke` works end to end: server, every scenario's worker, the table.

Only the shape of the output is checked; timings belong to the benchmark's table, never to tests.
"""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ROWS = (
    "1 cold import + client: wall (ms)",
    "1 cold import + client: peak RSS (MB)",
    "2 first call - second call, .data (ms)",
    "2 first call - second call, .parsed() (ms)",
    "3 sync get_projects: CPU per call (us)",
    "4 threaded, 8 threads: calls/s",
    "5 async, 50 in flight: calls/s",
    "6 typed parse, 500 workloads (ms)",
    "7 100k calls, token refresh / 1k: RSS growth (MB)",
    "8 simulator: import, start, token, first POST (ms)",
)


@pytest.mark.slow  # every benchmark scenario once, each in its own worker process
def test_smoke_run_prints_every_scenario_row() -> None:
    """Also: from a shell that never writes bytecode, the workers still import our sources from
    bytecode, as from an installed wheel, so that rows 1-2 do not count compiling them."""
    group = ROOT / "packages/runai-organizations/src/runai_organizations/projects.py"
    cached = Path(importlib.util.cache_from_source(str(group)))
    cached.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke"],
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    table = [line.split(" | ") for line in done.stdout.splitlines() if line.startswith("| ")]
    assert table[0][:4] == ["| scenario", "this project", "raw library", "runapy 1.224.0"]
    assert [cells[0][2:] for cells in table[1:]] == list(ROWS)
    for cells in table[1:]:
        assert cells[1] != "-", f"no measurement for {cells[0]}"
        assert cells[3] == "-"  # the smoke mode never installs runapy
    assert "runapy column skipped" in done.stdout
    assert cached.stat().st_mtime >= group.stat().st_mtime
