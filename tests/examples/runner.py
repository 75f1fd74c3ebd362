"""Running an example script in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional, Protocol

from runai_testing import ControlPlane

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class RunExample(Protocol):
    """The ``run_example`` fixture: run ``examples/<name>`` against the simulator."""

    def __call__(self, name: str, *args: str, expect_rc: int = 0, **env: str) -> str: ...


def example_env(plane: Optional[ControlPlane], **extra: str) -> Dict[str, str]:
    """The caller's environment without any Run:ai connection, plus the simulator's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNAI_")}
    if plane is not None:
        env.update(
            RUNAI_BASE_URL=plane.url,
            RUNAI_CLIENT_ID=plane.client_id,
            RUNAI_CLIENT_SECRET=plane.client_secret,
        )
    env.update(extra)
    return env


def run_script(name: str, *args: str, env: Dict[str, str], expect_rc: int = 0) -> str:
    """Run ``examples/<name>`` with this interpreter; return its stdout."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == expect_rc, (
        f"{name} exited {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    )
    return done.stdout + done.stderr if expect_rc else done.stdout
