"""``mypy --strict`` for Python 3.9 over every distribution's sources, generated ones included.

The workspace's mypy (2.x) accepts no target below 3.10, and the workspace's libraries need 3.10
(some are written with ``match``), so the 3.9 check runs in a venv of its own, ``build/mypy39``:
a real Python 3.9 holding what pip picks for 3.9 (mypy 1.x and the 3.9 releases of our
dependencies). The venv is made again when ``REQUIREMENTS`` change. ``hatch run lint`` runs this.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import List

from python39 import NoPython39, find_python39

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "build" / "mypy39"
REQUIREMENTS = [
    "mypy>=1.10,<2",  # the last line of mypy that targets 3.9
    "pydantic>=2.6,<3",
    "urllib3>=2,<3",
    "aiohttp>=3.9,<4",
    "importlib-metadata>=4.6",
    "opentelemetry-api>=1.20",  # runai.tracing's optional import
    "jsonschema>=4.18,<5",  # runai-testing
    "pytest>=8",  # runai-testing's pytest plugin
]


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def _ensure_venv() -> Path:
    python = _venv_python()
    stamp = VENV / "requirements.txt"
    wanted = "\n".join(REQUIREMENTS) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    base = find_python39()
    subprocess.run([base, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *REQUIREMENTS,
        ],
        check=True,
    )
    stamp.write_text(wanted)
    return python


def main() -> int:
    try:
        python = _ensure_venv()
    except NoPython39 as exc:
        print(f"mypy for Python 3.9 needs python3.9 (README: 'Python 3.9 or newer'): {exc}")
        return 2
    sources = sorted((ROOT / "packages").glob("*/src"))
    packages = [path for src in sources for path in sorted(src.glob("*/__init__.py"))]
    env = {**os.environ, "MYPYPATH": os.pathsep.join(str(src) for src in sources)}
    command: List[str] = [
        str(python),
        "-m",
        "mypy",
        "--python-version",
        "3.9",
        "--strict",
        "--cache-dir",
        str(VENV / "cache"),
        *(str(init.parent) for init in packages),
    ]
    print("mypy --python-version 3.9 --strict (build/mypy39):", flush=True)
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
