"""The table: one row per measured quantity, medians per implementation, ratios and targets."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

Results = Dict[Tuple[str, str], List[Dict[str, float]]]
Metric = Callable[[Dict[str, float]], float]


@dataclass(frozen=True)
class Row:
    label: str
    key: str
    metric: Metric
    target: str
    check: Callable[[float, Optional[float], Optional[float]], bool]
    higher_is_better: bool = False
    baseline: str = "raw"  # the implementation (or "loads": json.loads in ours) in column 2


def _field(name: str) -> Metric:
    return lambda sample: sample[name]


def _first_extra(sample: Dict[str, float]) -> float:
    return sample["first_ms"] - sample["second_ms"]


def _fast(limit: float) -> Callable[[float, Optional[float], Optional[float]], bool]:
    """Cost at most ``limit`` x the raw library and below runapy."""
    return lambda ours, raw, runapy: (
        raw is not None and ours <= limit * raw and (runapy is None or ours < runapy)
    )


def _throughput(ours: float, raw: Optional[float], runapy: Optional[float]) -> bool:
    return raw is not None and ours >= 0.85 * raw and (runapy is None or ours > runapy)


ROWS = (
    Row("1 cold import + client: wall (ms)", "import", _field("ms"), "<= 1.5x raw",
        lambda o, r, _: r is not None and o <= 1.5 * r),
    Row("1 cold import + client: peak RSS (MB)", "import", _field("peak_mb"), "<= raw + 12 MB",
        lambda o, r, _: r is not None and o <= r + 12),
    Row("2 first call - second call, .data (ms)", "first", _first_extra, "<= 30 ms",
        lambda o, _r, _p: o <= 30),
    Row("2 first call - second call, .parsed() (ms)", "first_parsed", _first_extra, "<= 30 ms",
        lambda o, _r, _p: o <= 30),
    Row("3 sync get_projects: CPU per call (us)", "sync", _field("cpu_us"),
        "<= 1.3x raw, < runapy", _fast(1.3)),
    Row("4 threaded, 8 threads: calls/s", "threaded", _field("calls_per_s"),
        ">= 0.85x raw, > runapy", _throughput, higher_is_better=True),
    Row("5 async, 50 in flight: calls/s", "aio", _field("calls_per_s"),
        ">= 0.85x raw, > runapy", _throughput, higher_is_better=True),
    Row("6 typed parse, 500 workloads (ms)", "parse", _field("typed_ms"), "<= 3x json.loads",
        lambda o, r, _: r is not None and o <= 3 * r, baseline="loads"),
    Row("7 100k calls, token refresh / 1k: RSS growth (MB)", "long", _field("growth_mb"),
        "<= 5 MB", lambda o, _r, _p: o <= 5),
    Row("8 simulator: import, start, token, first POST (ms)", "sim", _field("ms"), "< 1000 ms",
        lambda o, _r, _p: o < 1000),
)  # fmt: skip

HEADER = ("scenario", "this project", "raw library", "runapy 1.224.0", "vs raw", "vs runapy",
          "target", "met")  # fmt: skip


def median(results: Results, key: str, impl: str, metric: Metric) -> Optional[float]:
    samples = results.get((key, impl))
    if not samples:
        return None
    return statistics.median(metric(sample) for sample in samples)


def _number(value: Optional[float]) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def _ratio(ours: Optional[float], other: Optional[float]) -> str:
    if ours is None or other is None or other == 0:
        return "-"
    return f"{ours / other:.2f}x"


def row_cells(row: Row, results: Results) -> List[str]:
    ours = median(results, row.key, "ours", row.metric)
    if row.baseline == "loads":
        raw = median(results, row.key, "ours", _field("loads_ms"))
    else:
        raw = median(results, row.key, "raw", row.metric)
    runapy = median(results, row.key, "runapy", row.metric)
    met = "-" if ours is None else ("yes" if row.check(ours, raw, runapy) else "NO")
    if row.label.endswith("(MB)") and ours is not None and raw is not None:
        versus_raw = f"{ours - raw:+.1f} MB"
    else:
        versus_raw = _ratio(ours, raw)
    return [row.label, _number(ours), _number(raw), _number(runapy), versus_raw,
            _ratio(ours, runapy), row.target, met]  # fmt: skip


def _notes(results: Results) -> List[str]:
    notes = [
        "- raw library: urllib3 `PoolManager.request` + `json.loads` (rows 1-4, 7; row 1 is "
        "`import pydantic, urllib3`), aiohttp + `json.loads` (row 5), `json.loads` of the same "
        "body in the same process (row 6).",
        "- runapy 1.224.0 has no typed models (row 6) and fetches a token when built (row 1).",
    ]
    parts = [
        (part, median(results, "sim", "ours", _field(f"{key}_ms")))
        for part, key in (
            ("`import runai_testing`", "import"),
            ("`ControlPlane().start()`", "start"),
            ("token", "token"),
            ("first validated POST", "post"),
        )
    ]
    if all(ms is not None for _, ms in parts):
        notes.append(
            "- row 8, from a fresh interpreter: "
            + ", ".join(f"{part} {_number(ms)} ms" for part, ms in parts)
            + " (medians of each part)."
        )
    for impl in ("ours", "raw", "runapy"):
        samples = results.get(("long", impl))
        if samples:
            seconds, refreshes = samples[0]["seconds"], samples[0]["refreshes"]
            notes.append(f"- row 7, {impl}: {seconds:.0f} s, {refreshes:.0f} token refreshes.")
    return notes


def render(results: Results, machine: str, note: str, seconds: float, smoke: bool) -> str:
    lines = [
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
    ]
    measured = {key for key, _ in results}
    lines += [
        "| " + " | ".join(row_cells(row, results)) + " |" for row in ROWS if row.key in measured
    ]
    lines += ["", *_notes(results)]
    if note:
        lines.append(f"- {note}")
    mode = "smoke mode (counts too small to mean anything)" if smoke else "medians"
    lines.append(f"- {mode}; machine: {machine}; whole run {seconds:.0f} s.")
    return "\n".join(lines)
