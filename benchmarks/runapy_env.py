"""runapy 1.224.0 (the client this project replaces) in a throwaway virtual environment.

It installs a package named ``runai`` too, so it can never share an environment with ours.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Optional, Tuple

VERSION = "1.224.0"


def install(directory: str) -> Tuple[Optional[str], str]:
    """``(python, "")`` of a venv in ``directory`` holding runapy, or ``(None, reason)``."""
    venv = os.path.join(directory, "runapy-venv")
    python = os.path.join(venv, "bin", "python")
    steps = (
        [sys.executable, "-m", "venv", venv],
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         f"runapy=={VERSION}"],
    )  # fmt: skip
    for command in steps:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"{command[2]} failed: {exc}"
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            return (
                None,
                f"{' '.join(command[1:4])} failed: {lines[-1] if lines else done.returncode}",
            )
    return python, ""
