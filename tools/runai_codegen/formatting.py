"""``ruff format`` over the generated Python files, with the repository's ruff.toml.

The generated files are formatted like the hand-written code, so they read well and
``ruff format --check .`` covers them. Output stays a pure function of tools/ and the spec: the
ruff version is pinned in hatch.toml.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Sequence

CONFIG = Path(__file__).resolve().parents[2] / "ruff.toml"


def ruff_format(files: Sequence[Path]) -> None:
    """Format ``files`` in place; raise ``SystemExit`` naming ruff's complaint if it fails."""
    if not files:
        return
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--quiet", "--config", str(CONFIG)]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"ruff format failed on the generated files:\n{done.stderr}")
