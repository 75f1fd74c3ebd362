"""Every Python block of README.md runs against the simulator and does what the README says,
and the configuration table matches ``Configuration``.

Blocks run in order, one namespace per ``##`` section, with the README's placeholders replaced
by a fresh simulator's values (``https://your-org.run.ai``, ``your-client-id``,
``your-client-secret``, ``your-bearer-token``, ``/path/to/.runai``); ``RUNAI_*`` variables point
``Configuration.from_env()`` at it and ``HOME`` holds a CLI v2 login for ``CLIv2Config()``. A
block that defines pytest tests is run by pytest itself, with the runai-testing plugin loaded
from its entry point. A block preceded by ``<!-- not-run: reason -->`` is skipped.

What a block is said to do is checked once it has run:

- ``print(...)  # text`` says the block prints ``text`` (``...`` stands for anything), and
  ``print("literal")`` that it prints the literal: these lines appear in its output, in order;
- an expression statement followed by a ``# value`` comment line says what it returns: the
  ``repr()`` of its value, ``...`` standing for anything;
- a block that states neither has an entry in ``UNSTATED``, keyed by one of its lines, written
  from the prose around it: the call it makes (a one-time fault the call must absorb) or the
  values it binds.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import inspect
import io
import json
import logging
import re
import subprocess
import sys
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest
import urllib3
from runai.configuration import Configuration
from runai.env_options import has_text_form, option_types, variable_name
from runai.response import ApiResponse
from runai_testing import ControlPlane
from support.simulator import issue_token

README = Path(__file__).resolve().parents[2] / "README.md"
NOT_RUN = re.compile(r"^<!-- not-run: (.+?) -->$")


@dataclass
class Block:
    section: str
    line: int  # of the opening fence
    code: str
    not_run: Optional[str]


def parse(text: str) -> List[Block]:
    blocks: List[Block] = []
    section = "(top)"
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].strip()
        if line.startswith("```"):
            start = i
            i += 1
            body = []
            while not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            if line.strip() == "```python":
                marker = NOT_RUN.match(lines[start - 1]) if start else None
                reason = marker[1] if marker else None
                blocks.append(Block(section, start + 1, "\n".join(body) + "\n", reason))
        i += 1
    return blocks


BLOCKS = parse(README.read_text(encoding="utf-8"))
SECTIONS = list(dict.fromkeys(b.section for b in BLOCKS if b.not_run is None))


@pytest.fixture
def plane() -> Iterator[ControlPlane]:
    with ControlPlane(phase_delay=0.05) as control_plane:
        yield control_plane


@pytest.fixture
def placeholders(
    plane: ControlPlane, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Dict[str, str]:
    token = issue_token(plane)
    cluster = _get(plane, "/api/v1/clusters")[0]["uuid"]
    cli = tmp_path / "home" / ".runai"
    cli.mkdir(parents=True)
    stored = base64.b64encode(token.encode()).decode()
    (cli / "authentication.json").write_text(json.dumps({"accessToken": stored}))
    (cli / "config.json").write_text(
        json.dumps({"control_plane": {"url": plane.url}, "cluster": {"uuid": cluster}})
    )
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RUNAI_BEARER_TOKEN", raising=False)
    monkeypatch.setenv("RUNAI_BASE_URL", plane.url)
    monkeypatch.setenv("RUNAI_CLIENT_ID", plane.client_id)
    monkeypatch.setenv("RUNAI_CLIENT_SECRET", plane.client_secret)
    return {
        "https://your-org.run.ai": plane.url,
        "your-client-id": plane.client_id,
        "your-client-secret": plane.client_secret,
        "your-bearer-token": token,
        "/path/to/.runai": str(cli),
    }


def _get(plane: ControlPlane, path: str) -> Any:
    """``GET path`` on the simulator with plain urllib3, to read its state past our client."""
    headers = {"Authorization": f"Bearer {issue_token(plane)}"}
    answer = urllib3.request("GET", plane.url + path, headers=headers)
    assert answer.status == 200, answer.data
    return json.loads(answer.data)


def substitute(code: str, values: Dict[str, str]) -> str:
    for placeholder, value in values.items():
        code = code.replace(placeholder, value)
    return code


def run_as_pytest(code: str, directory: Path) -> None:
    """A block of pytest tests, run the way a user's suite would run it."""
    directory.mkdir()
    (directory / "test_from_readme.py").write_text(code)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_from_readme.py"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\b1 passed\b", done.stdout), done.stdout


# ------------------------------------------------------------------------ what a block states


def _pattern(stated: str) -> re.Pattern[str]:
    """``stated`` as a full-match pattern where ``...`` stands for anything."""
    return re.compile(".*".join(re.escape(part) for part in stated.split("...")), re.S)


def _comments(code: str) -> Dict[int, str]:
    """Line number -> the text of the comment on that line."""
    found: Dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.COMMENT:
            found[tok.start[0]] = tok.string[1:].strip()
    return found


def _is_print(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
    )


@dataclass
class Stated:
    """What a block's own text says it prints and returns."""

    printed: List[str] = field(default_factory=list)
    returned: Dict[int, str] = field(default_factory=dict)  # line of an expression -> its repr

    def __bool__(self) -> bool:
        return bool(self.printed or self.returned)


def stated(code: str) -> Stated:
    comments = _comments(code)
    lines = code.splitlines()
    tree = ast.parse(code)
    result = Stated()
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_print(n)]
    for call in sorted(calls, key=lambda n: n.lineno):
        end = call.end_lineno or call.lineno
        literal = call.args[0] if len(call.args) == 1 else None
        if end in comments:
            result.printed.append(comments[end])
        elif isinstance(literal, ast.Constant) and isinstance(literal.value, str):
            result.printed.append(literal.value)
    for statement in tree.body:
        if isinstance(statement, ast.Expr) and not _is_print(statement.value):
            after = statement.end_lineno or statement.lineno
            if after < len(lines) and lines[after].lstrip().startswith("#"):
                result.returned[statement.lineno] = comments[after + 1]
    return result


@dataclass
class Run:
    """A block that ran: its namespace, output and the value of each top-level expression."""

    plane: ControlPlane
    placeholders: Dict[str, str]
    namespace: Dict[str, Any]
    output: List[str]
    values: Dict[int, Any]


def execute(code: str, line: int, namespace: Dict[str, Any]) -> Tuple[List[str], Dict[int, Any]]:
    """Run ``code`` statement by statement, keeping each top-level expression's value."""
    tree = ast.parse(code)
    ast.increment_lineno(tree, line)  # tracebacks point at README.md's own lines
    values: Dict[int, Any] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for statement in tree.body:
            if isinstance(statement, ast.Expr):
                expression = compile(ast.Expression(statement.value), "README.md", "eval")
                values[statement.lineno - line] = eval(expression, namespace)
            else:
                module = ast.Module(body=[statement], type_ignores=[])
                exec(compile(module, "README.md", "exec"), namespace)
    return out.getvalue().splitlines(), values


def check_stated(said: Stated, run: Run, where: str) -> None:
    remaining = iter(run.output)
    for text in said.printed:
        pattern = _pattern(text)
        assert any(pattern.fullmatch(line) for line in remaining), (
            f"{where}: the README says the block prints {text!r}; it printed {run.output}"
        )
    for lineno, text in said.returned.items():
        value = repr(run.values[lineno])
        assert _pattern(text).fullmatch(value), f"{where}: README says {text!r}, got {value}"


# ------------------------------------------- blocks that state nothing: what the prose says

PROJECTS = "/api/v1/org-unit/projects"


@dataclass
class Unstated:
    """``before`` runs before the block, ``check`` after it."""

    check: Callable[[Run], None]
    before: Optional[Callable[[ControlPlane], None]] = None


def _absorbs_a_fault_on(path: str, then: Optional[Callable[[Run], None]] = None) -> Unstated:
    """The block calls ``GET path``: a one-time 503 there is absorbed by its retries."""

    def before(plane: ControlPlane) -> None:
        plane.faults.fail(503, times=1, retry_after=0, method="GET", path=path)

    def check(run: Run) -> None:
        assert run.plane.faults.pending == [], f"the block never called GET {path}"
        if then is not None:
            then(run)

    return Unstated(check, before)


def _got_projects(run: Run) -> None:
    projects = run.namespace["projects"]
    assert isinstance(projects, ApiResponse) and projects.status_code == 200
    assert projects.data == _get(run.plane, PROJECTS)


def _printed_the_counts(run: Run) -> None:
    projects = _get(run.plane, PROJECTS)["projects"]
    departments = _get(run.plane, "/api/v1/org-unit/departments")["departments"]
    assert run.output == [f"{len(projects)} {len(departments)}"]
    assert run.namespace["threaded_client"].api_client.closed  # `with` closed the shared client


def _printed_the_project_count(run: Run) -> None:
    assert run.output == [str(len(_get(run.plane, PROJECTS)["projects"]))]


def _deprecated_listed_too(run: Run) -> None:
    (everything,) = run.values.values()
    visible = run.namespace["client"].organizations.projects.options()
    assert set(visible) < set(everything)


def _configured_as_written(run: Run) -> None:
    config = run.namespace["config"]
    assert config.retry_max_retries == 5 and tuple(config.timeout) == (5.0, 30.0)
    assert config.logger.name == "my-app.runai"
    assert run.namespace["workloads"].status_code == 200


def _client_works(run: Run) -> None:
    projects = run.namespace["client"].organizations.projects.get_projects()
    assert projects.status_code == 200


def _reads_the_cli_login(run: Run) -> None:
    ns = run.namespace
    assert ns["token"] == run.placeholders["your-bearer-token"]
    assert ns["runai_base_url"] == run.plane.url
    assert ns["cluster_id"] == _get(run.plane, "/api/v1/clusters")[0]["uuid"]
    assert ns["projects"].status_code == 200


def _stops_at_the_end_of_with(run: Run) -> None:
    url = run.namespace["client"].api_client.configuration.runai_base_url
    with pytest.raises(urllib3.exceptions.HTTPError):
        urllib3.PoolManager(retries=False).request("GET", url + PROJECTS)


def _runai_installs_no_handler(run: Run) -> None:
    assert logging.getLogger("runai").handlers == []
    assert logging.getLogger("runai").propagate  # records reach the handlers the program set


UNSTATED: Dict[str, Unstated] = {
    "projects = client.organizations.projects.get_projects()": _absorbs_a_fault_on(
        PROJECTS, _got_projects
    ),
    "client = RunaiClient(ApiClient(config))": Unstated(_client_works),
    "with RunaiClient(ThreadedApiClient(config)) as threaded_client:": Unstated(
        _printed_the_counts
    ),
    "asyncio.run(main())": _absorbs_a_fault_on(PROJECTS, _printed_the_project_count),
    "client.organizations.projects.options(include_deprecated=True)": Unstated(
        _deprecated_listed_too
    ),
    "workloads = client.workloads.workloads.get_workloads(_request_timeout=120)": (
        _absorbs_a_fault_on("/api/v1/workloads", _configured_as_written)
    ),
    'cli_config = CLIv2Config(cliv2_config_path="/path/to/.runai")': _absorbs_a_fault_on(
        PROJECTS, _reads_the_cli_login
    ),
    "with ControlPlane() as cp:": Unstated(_stops_at_the_end_of_with),
    "logging.basicConfig(level=logging.INFO)  # retries at INFO; DEBUG adds a line per request": (
        Unstated(_runai_installs_no_handler)
    ),
}
"""Keyed by an unindented line of the block (a block may match several entries)."""


def unstated_for(block: Block) -> List[Unstated]:
    lines = {line.rstrip() for line in block.code.splitlines()}
    return [entry for key, entry in UNSTATED.items() if key in lines]


def _is_pytest_block(code: str) -> bool:
    return re.search(r"^def test_", code, re.M) is not None


def _section(section: str) -> Any:
    """A section whose blocks include pytest tests runs pytest in a new interpreter: slow."""
    runs_pytest = any(
        b.section == section and b.not_run is None and _is_pytest_block(b.code) for b in BLOCKS
    )
    return pytest.param(section, marks=pytest.mark.slow) if runs_pytest else section


@pytest.mark.parametrize("section", [_section(s) for s in SECTIONS])
def test_readme_section_runs(
    section: str, plane: ControlPlane, placeholders: Dict[str, str], tmp_path: Path
) -> None:
    namespace: Dict[str, Any] = {"__name__": "readme"}
    for block in BLOCKS:
        if block.section != section or block.not_run is not None:
            continue
        code = substitute(block.code, placeholders)
        if _is_pytest_block(code):
            run_as_pytest(code, tmp_path / f"block_{block.line}")
            continue
        expectations = unstated_for(block)
        for expectation in expectations:
            if expectation.before is not None:
                expectation.before(plane)
        output, values = execute(code, block.line, namespace)
        run = Run(plane, placeholders, namespace, output, values)
        check_stated(stated(block.code), run, f"README.md:{block.line}")
        for expectation in expectations:
            expectation.check(run)
        plane.faults.clear()


def test_every_block_says_what_it_does() -> None:
    """A new block states its output in comments or gets an ``UNSTATED`` entry."""
    run = [b for b in BLOCKS if b.not_run is None and not _is_pytest_block(b.code)]
    silent = [b.line for b in run if not stated(b.code) and not unstated_for(b)]
    assert silent == [], f"README blocks at lines {silent} state nothing the test can check"
    used = {key for key in UNSTATED for b in run if key in b.code.splitlines()}
    assert used == set(UNSTATED), f"UNSTATED keys matching no block: {set(UNSTATED) - used}"


def test_stated_output_is_read_from_the_blocks() -> None:
    said = stated(
        'x = f()\nprint(x)  # 404 ... found\nprint("done")\nprint(f"{x}")\n'
        "g()\n# ['a', ...]\nh()\n"
    )
    assert said.printed == ["404 ... found", "done"]
    assert said.returned == {5: "['a', ...]"}
    assert _pattern("['a', ...]").fullmatch("['a', 'b', 'c']")
    assert not _pattern("['a', ...]").fullmatch("['b', 'a']")


def test_placeholders_are_the_ones_substituted() -> None:
    code = "".join(b.code for b in BLOCKS if b.not_run is None)
    for placeholder in ("https://your-org.run.ai", "your-client-id", "your-client-secret",
                        "your-bearer-token", "/path/to/.runai"):  # fmt: skip
        assert placeholder in code
    assert not re.search(r"your-[a-z-]+", re.sub(r"your-(org|client|bearer)[a-z.-]*", "", code))


def test_few_blocks_are_not_run_and_each_says_why() -> None:
    skipped = [b for b in BLOCKS if b.not_run is not None]
    assert len(skipped) <= 2, [b.line for b in skipped]
    assert all(len(b.not_run or "") >= 20 for b in skipped)
    assert len(BLOCKS) - len(skipped) >= 15


def configuration_table() -> Dict[str, Tuple[str, str]]:
    """Option name -> (environment variable cell, default cell) of the table of the
    configuration section ("## Configuration" or "## Client configuration options")."""
    text = README.read_text(encoding="utf-8")
    heading = re.search(r"^## (?:Client )?[Cc]onfiguration\b.*$", text, re.M)
    assert heading is not None, "README.md has no configuration section"
    section = text[heading.end() :].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|", section, re.M)
    return {name: (variable.strip(), default.strip()) for name, variable, default in rows}


def test_configuration_table_lists_every_option_its_variable_and_default() -> None:
    documented = configuration_table()
    parameters = inspect.signature(Configuration).parameters
    assert list(documented) == list(parameters)
    special = {
        "runai_base_url": "required",
        "pool_size": "`pool_maxsize`",
        "logger": '`logging.getLogger("runai")`',
    }
    types = option_types(Configuration)
    for name, parameter in parameters.items():
        variable, default = documented[name]
        readable = has_text_form(types[name])
        assert variable == (f"`{variable_name(name)}`" if readable else "—"), name
        assert default == special.get(name, f"`{parameter.default!r}`"), name
