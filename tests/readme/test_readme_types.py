"""README.md's Python blocks pass the type checkers its "Types and editors" section names: each
section, as a user's file, is clean under ``mypy --strict`` and basedpyright in strict mode.

Each section is one module (its blocks share a namespace when tests/readme runs them), written
with the README's line numbers, so a checker's ``file.py:231`` is README.md line 231.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

from .test_readme import BLOCKS, README, SECTIONS

TYPED_SECTIONS = SECTIONS  # every section whose blocks run


def section_module(section: str) -> str:
    """The section's blocks at their README.md lines, every other line blank."""
    lines = [""] * len(README.read_text(encoding="utf-8").splitlines())
    for block in BLOCKS:
        if block.section == section:
            for offset, line in enumerate(block.code.splitlines(), start=block.line):
                lines[offset] = line
    return "\n".join(lines) + "\n"


def write_sections(directory: Path) -> Dict[str, str]:
    """One module per typed section in ``directory``: file name -> section."""
    written: Dict[str, str] = {}
    for section in TYPED_SECTIONS:
        assert any(b.section == section for b in BLOCKS), f"README.md has no section {section!r}"
        name = "readme_" + re.sub(r"\W+", "_", section.lower()) + ".py"
        (directory / name).write_text(section_module(section), encoding="utf-8")
        written[name] = section
    return written


def checker_command(checker: str, directory: Path, files: List[str]) -> List[str]:
    """The checker run as a user would, with no configuration of this repository."""
    if checker == "mypy":
        (directory / "mypy.ini").write_text("[mypy]\nstrict = True\n")
        return [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", *files]
    # Blocks carry their own imports so that each can be copied alone: joined, they repeat them.
    config = {
        "typeCheckingMode": "strict",
        "pythonVersion": "3.9",
        "include": files,
        "reportDuplicateImport": False,
    }
    (directory / "pyrightconfig.json").write_text(json.dumps(config))
    return [sys.executable, "-m", "basedpyright", "--pythonpath", sys.executable]


@pytest.mark.slow  # a type checker in a new process, 10-60 s
@pytest.mark.parametrize("checker", ["mypy", "basedpyright"])
def test_typed_sections_are_clean_under_strict_checkers(checker: str, tmp_path: Path) -> None:
    files = sorted(write_sections(tmp_path))
    done = subprocess.run(
        checker_command(checker, tmp_path, files),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{checker} on README.md (file line = README line):\n{output}"
    clean = f"no issues found in {len(files)} source file" if checker == "mypy" else "0 errors"
    assert clean in output, output


def test_a_section_module_keeps_the_readme_line_numbers() -> None:
    module = section_module(TYPED_SECTIONS[0]).splitlines()
    readme = README.read_text(encoding="utf-8").splitlines()
    code = [i for i, line in enumerate(module) if line]
    assert code, "the section has no Python block"
    assert all(module[i] == readme[i] for i in code)
    assert readme[code[0] - 1] == "```python"
