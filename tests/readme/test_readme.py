"""Every Python block of README.md runs against the simulator, and the configuration table
matches ``Configuration``.

Blocks run in order, one namespace per ``##`` section, with the README's placeholders replaced
by a fresh simulator's values (``https://your-org.run.ai``, ``your-client-id``,
``your-client-secret``, ``your-bearer-token``, ``/path/to/.runai``); ``RUNAI_*`` variables point
``Configuration.from_env()`` at it and ``HOME`` holds a CLI v2 login for ``CLIv2Config()``. A
block that defines pytest tests is run by pytest itself, with the runai-testing plugin loaded
from its entry point. A block preceded by ``<!-- not-run: reason -->`` is skipped.
"""

from __future__ import annotations

import base64
import inspect
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import pytest
import urllib3
from runai.configuration import Configuration
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
def placeholders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dict[str, str]]:
    with ControlPlane(phase_delay=0.05) as plane:
        token = issue_token(plane)
        cluster = json.loads(
            urllib3.request(
                "GET", f"{plane.url}/api/v1/clusters", headers={"Authorization": f"Bearer {token}"}
            ).data
        )[0]["uuid"]
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
        yield {
            "https://your-org.run.ai": plane.url,
            "your-client-id": plane.client_id,
            "your-client-secret": plane.client_secret,
            "your-bearer-token": token,
            "/path/to/.runai": str(cli),
        }


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


@pytest.mark.parametrize("section", SECTIONS)
def test_readme_section_runs(section: str, placeholders: Dict[str, str], tmp_path: Path) -> None:
    namespace: Dict[str, object] = {"__name__": "readme"}
    for block in BLOCKS:
        if block.section != section or block.not_run is not None:
            continue
        code = substitute(block.code, placeholders)
        if re.search(r"^def test_", code, re.M):
            run_as_pytest(code, tmp_path / f"block_{block.line}")
            continue
        exec(compile(code, f"README.md:{block.line}", "exec"), namespace)


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


def configuration_table() -> Dict[str, str]:
    """Option name -> default cell of the table in "Client configuration options"."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Client configuration options", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|", section, re.M)
    return {name: default.strip() for name, default in rows}


def test_configuration_table_lists_every_option_with_its_default() -> None:
    documented = configuration_table()
    parameters = inspect.signature(Configuration).parameters
    assert list(documented) == list(parameters)
    special = {
        "runai_base_url": "required",
        "pool_size": "`pool_maxsize`",
        "logger": '`logging.getLogger("runai")`',
    }
    for name, parameter in parameters.items():
        assert documented[name] == special.get(name, f"`{parameter.default!r}`"), name
