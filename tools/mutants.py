"""``hatch run mutants``: plant one deliberate bug at a time and see which tests catch it.

Each :class:`Mutation` is the kind of mistake a generator bug would make (a wrong alias, a
dropped required flag, a missing enum member, a wrong response model...). For each one, the
tracked files of the repository are copied into a temporary directory, the mutation is applied
to the copy, and :data:`TEST_PATHS` run there with the copy's ``packages/*/src`` first on
``PYTHONPATH``. The working tree is never written to.

Why a whole copy on ``PYTHONPATH``: the editable installs of the workspace are plain ``.pth``
path entries, which come after ``PYTHONPATH``, so the copy shadows them without reinstalling
anything (seconds, not minutes per mutant), and tests that read files next to themselves
(``specs/``, ``packages/``) read the copy too. Before testing, the mutated module is imported
once to prove it is the copy that Python loads.

Exit status 0 only when every mutant is caught by a test that passes without the mutation.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple, Union

if TYPE_CHECKING:
    import pytest

REPO = Path(__file__).resolve().parents[1]

TEST_PATHS: Tuple[str, ...] = ("tests/generated", "tests/simulator", "tests/cassettes")
"""What runs against each mutant: the tests of generated code, the simulator and the cassettes."""

IGNORED: Tuple[str, ...] = (
    # packages/ against the generator's output: any edit fails it, a generator bug would not
    "tests/generated/test_generation.py",
    # virtual environments (minutes each) for what an install holds, not what the code does:
    # a slim install, runapy 1.224.0 from the index against the simulator, runai-testing alone
    "tests/generated/test_slim_install.py",
    "tests/simulator/test_runapy1.py",
    "tests/simulator/test_standalone.py",
)
MAX_FAILURES = 3
"""Test ids reported per caught mutant; pytest stops after this many failures."""
TIMEOUT_SECONDS = 1800


@dataclass(frozen=True)
class Mutation:
    """Replace ``old`` by ``new`` in the one file under ``packages/`` that ``where`` matches."""

    name: str
    where: str  # a glob relative to packages/ that must match exactly one file
    old: str  # must occur exactly once in that file
    new: str
    description: str

    def target(self, packages: Path) -> Path:
        """The file to mutate; a stale or ambiguous mutation stops the run, naming itself."""
        found = sorted(packages.glob(self.where))
        if len(found) != 1:
            raise StaleMutation(f"{self.name}: {self.where!r} matches {len(found)} files, not 1")
        count = found[0].read_text(encoding="utf-8").count(self.old)
        if count != 1:
            raise StaleMutation(
                f"{self.name}: the text to replace occurs {count} times in {self.where}, not"
                f" once; update MUTATIONS in tools/mutants.py to the current generated code"
            )
        return found[0]

    def apply(self, packages: Path) -> Path:
        path = self.target(packages)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(self.old, self.new), encoding="utf-8")
        return path


class StaleMutation(Exception):
    """A mutation no longer fits the code (regenerated or moved)."""


MUTATIONS: Tuple[Mutation, ...] = (
    Mutation(
        "wrong-alias",
        "runai-organizations/src/runai_organizations/models/project_creation_request.py",
        'alias="requestedNamespace"',
        'alias="requestNamespace"',
        "ProjectCreationRequest.requested_namespace (optional) goes out as requestNamespace",
    ),
    Mutation(
        "dropped-required",
        "runai-workloads/src/runai_workloads/models/inference_creation_request.py",
        'frozenset({"cluster_id", "name", "project_id"})',
        'frozenset({"cluster_id", "name"})',
        "InferenceCreationRequest no longer requires projectId",
    ),
    Mutation(
        "dropped-nullable",
        "runai-organizations/src/runai_organizations/models/project_creation_request.py",
        '            "parent_id",\n',
        "",
        "ProjectCreationRequest.parentId (nullable) refuses null",
    ),
    Mutation(
        "missing-enum-member",
        "runai-notifications/src/runai_notifications/models/notification_channel_type.py",
        '    SLACK = "slack"\n',
        "",
        "NotificationChannelType loses SLACK",
    ),
    Mutation(
        "wrong-response-model",
        "runai-authz/src/runai_authz/access_rules.py",
        'ResponseSpec("application/json", "runai_authz.models.access_rule:AccessRule")',
        'ResponseSpec("application/json",'
        ' "runai_models.access_rule_creation_fields:AccessRuleCreationFields")',
        "create_access_rule's 201 parses as its request model, not AccessRule",
    ),
    Mutation(
        "wrong-query-name",
        "runai-organizations/src/runai_organizations/projects.py",
        '"sortOrder": sort_order,',
        '"sort_order": sort_order,',
        "get_projects sends sort_order=..., not sortOrder=...",
    ),
    Mutation(
        "wrong-accept",
        "runai-organizations/src/runai_organizations/reports.py",
        'accept="text/csv",',
        'accept="application/json",',
        "download_report_by_id asks for JSON instead of text/csv",
    ),
    Mutation(
        "unencoded-path",
        "runai-core/src/runai/request/encoding.py",
        'quote(text, safe=""))',
        "quote(text))",
        "core leaves / unencoded in path values (quote's default safe='/')",
    ),
)


@dataclass
class Outcome:
    mutation: Mutation
    verdict: str  # "caught", "SURVIVED", "ERROR" (pytest did not run through) or "INVALID"
    tests: List[str]
    seconds: float
    ran: str = ""  # pytest's summary line
    note: str = ""  # one line for the table
    log: str = ""  # the end of pytest's output when it did not run through


def tracked_files(repo: Path) -> List[str]:
    """Tracked and untracked-but-not-ignored files: what a commit of the tree would hold."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=repo,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [name for name in listing.split("\0") if name and (repo / name).is_file()]


def copy_tree(repo: Path, files: Sequence[str], destination: Path) -> None:
    for name in files:
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / name, target)


def environment(copy: Path) -> Dict[str, str]:
    """This environment with the copy's source directories ahead of the editable installs."""
    sources = sorted(copy.glob("packages/*/src")) + sorted(copy.glob("tests/plugins/*/src"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(s) for s in sources] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    return env


def module_of(path: Path, copy: Path) -> str:
    parts = path.relative_to(copy / "packages").with_suffix("").parts
    return ".".join(parts[2:])  # <distribution>/src/<module path>


def check_import(module: str, copy: Path, env: Dict[str, str]) -> None:
    """Stop unless ``module`` is imported from the copy (else every mutant would survive)."""
    probe = subprocess.run(
        [sys.executable, "-c", f"import {module} as m; print(m.__file__)"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    loaded = probe.stdout.strip()
    if probe.returncode != 0 or not Path(loaded).resolve().is_relative_to(copy.resolve()):
        raise SystemExit(
            f"{module} is not imported from the mutated copy ({loaded or probe.stderr[-500:]});"
            " run inside the workspace environment: hatch run mutants"
        )


@dataclass
class PytestRun:
    status: int  # pytest's exit status
    failed: List[str]  # ids of the failing tests (and of modules that failed to collect)
    summary: str  # pytest's last line: "1 failed, 2001 passed in 80.1s"
    output: str


FAILURES_ENV = "RUNAI_MUTANTS_FAILURES"
SUMMARY_LINE = re.compile(r"^=* ?(\d+ (?:passed|failed|error).*?) ?=*$", re.MULTILINE)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Loaded by the pytest runs below (``-p mutants``): records the id of a failing test."""
    _record(report)


def pytest_collectreport(report: pytest.CollectReport) -> None:
    _record(report)


def _record(report: Union[pytest.TestReport, pytest.CollectReport]) -> None:
    target = os.environ.get(FAILURES_ENV)
    if target and report.failed:
        with open(target, "a", encoding="utf-8") as out:
            out.write(report.nodeid + "\n")


def run_tests(copy: Path, selection: Sequence[str], scratch: Path) -> PytestRun:
    """pytest over ``selection`` in ``copy``; this module, copied alone into ``scratch`` so
    that nothing else of tools/ becomes importable, is the plugin that records failures."""
    plugin = scratch / "plugin"
    plugin.mkdir(exist_ok=True)
    shutil.copy2(Path(__file__), plugin / "mutants.py")
    failures = scratch / "failed.txt"
    failures.write_text("", encoding="utf-8")
    env = environment(copy)
    env["PYTHONPATH"] += os.pathsep + str(plugin)
    env[FAILURES_ENV] = str(failures)
    command = [
        sys.executable,
        "-m",
        "pytest",
        *selection,
        *(f"--ignore={path}" for path in IGNORED),
        "-q",
        f"--maxfail={MAX_FAILURES}",
        "-p",
        "mutants",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:randomly",  # the same order every run, so "first failing" is reproducible
    ]
    run = subprocess.run(
        command,
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    output = run.stdout + run.stderr
    found = SUMMARY_LINE.findall(output)
    failed = list(dict.fromkeys(failures.read_text(encoding="utf-8").splitlines()))
    return PytestRun(run.returncode, failed, found[-1] if found else "no summary", output)


def run_mutant(mutation: Mutation, files: Sequence[str]) -> Outcome:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"runai-mutant-{mutation.name}-") as tmp:
        copy = Path(tmp) / "tree"
        copy_tree(REPO, files, copy)
        mutated = mutation.apply(copy / "packages")
        check_import(module_of(mutated, copy), copy, environment(copy))
        run = run_tests(copy, TEST_PATHS, Path(tmp))
    seconds = time.monotonic() - started
    if run.status == 0:
        return Outcome(mutation, "SURVIVED", [], seconds, run.summary)
    if run.status == 1 and run.failed:
        return Outcome(mutation, "caught", run.failed, seconds, run.summary)
    note = f"pytest exit {run.status}"
    return Outcome(mutation, "ERROR", run.failed, seconds, run.summary, note, run.output[-3000:])


def control(outcomes: Sequence[Outcome], files: Sequence[str]) -> None:
    """Rerun every catching test without any mutation: a test failing there caught nothing."""
    catching = sorted({t for o in outcomes if o.verdict == "caught" for t in o.tests})
    if not catching:
        return
    with tempfile.TemporaryDirectory(prefix="runai-mutant-control-") as tmp:
        copy = Path(tmp) / "tree"
        copy_tree(REPO, files, copy)
        run = run_tests(copy, catching, Path(tmp))
    if run.status != 0 and not run.failed:
        raise SystemExit(
            f"the control run failed (pytest exit {run.status}):\n{run.output[-3000:]}"
        )
    print(f"control, the catching tests without any mutation: {run.summary}")
    for outcome in outcomes:
        broken = sorted(set(run.failed) & set(outcome.tests))
        if broken:
            outcome.verdict = "INVALID"
            outcome.note = "fails without the mutation too: " + ", ".join(broken)


def table(outcomes: Sequence[Outcome]) -> str:
    rows = [
        "| mutation | where | caught | by (first failing tests) | seconds |",
        "|---|---|---|---|---|",
    ]
    for o in outcomes:
        caught = "yes" if o.verdict == "caught" else f"no ({o.verdict})"
        by = "<br>".join(f"`{t}`" for t in o.tests) if o.verdict == "caught" else o.note
        rows.append(
            f"| {o.mutation.name}: {o.mutation.description} | `{o.mutation.where}` | {caught} |"
            f" {by} | {o.seconds:.0f} |"
        )
    return "\n".join(rows)


def selected(names: Sequence[str]) -> List[Mutation]:
    known = {m.name: m for m in MUTATIONS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"unknown mutation(s) {unknown}; known: {', '.join(known)}")
    return [known[n] for n in names] if names else list(MUTATIONS)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutations to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    args = parser.parse_args(argv)
    mutations = selected(args.names)
    if args.list:
        for m in mutations:
            print(f"{m.name:22} {m.where}\n{'':22} {m.description}")
        return 0
    try:
        for mutation in mutations:  # a stale one stops the run before minutes are spent
            mutation.target(REPO / "packages")
    except StaleMutation as exc:
        raise SystemExit(f"stale mutation: {exc}") from None
    files = tracked_files(REPO)
    print(f"tests per mutant: {' '.join(TEST_PATHS)} (ignoring {' '.join(IGNORED)})")
    outcomes: List[Outcome] = []
    for number, mutation in enumerate(mutations, 1):
        print(f"[{number}/{len(mutations)}] {mutation.name}: {mutation.description}", flush=True)
        outcome = run_mutant(mutation, files)
        print(f"    {outcome.verdict} in {outcome.seconds:.0f} s ({outcome.ran})", flush=True)
        for test in outcome.tests:
            print(f"    {test}", flush=True)
        if outcome.log:
            print(outcome.log, flush=True)
        outcomes.append(outcome)
    control(outcomes, files)
    print()
    print(table(outcomes))
    return 0 if all(o.verdict == "caught" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
