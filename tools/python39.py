"""Find a real Python 3.9: the oldest Python we promise, checked at run time and by mypy."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict, Optional

VERSION = "3.9"


class NoPython39(LookupError):
    """There is no ``python3.9`` that runs; the message says what was found."""


def _probe(exe: str, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess[str]:
    code = "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.executable)"
    return subprocess.run([exe, "-c", code], capture_output=True, text=True, env=env, check=False)


def find_python39() -> str:
    """The real executable of the ``python3.9`` on PATH.

    A pyenv shim only runs the versions pyenv has selected; when 3.9 is installed but not
    selected, the shim is asked again with the versions ``pyenv whence`` names for it.
    """
    exe = shutil.which(f"python{VERSION}")
    if exe is None:
        raise NoPython39(f"there is no python{VERSION} on PATH")
    probe = _probe(exe)
    shims = Path(exe).parent
    pyenv = shutil.which("pyenv") or shutil.which("pyenv", path=str(shims.parent / "bin"))
    if probe.returncode != 0 and pyenv and shims.name == "shims":
        whence = subprocess.run(
            [pyenv, "whence", f"python{VERSION}"], capture_output=True, text=True, check=False
        )
        versions = whence.stdout.split()
        if versions:
            probe = _probe(exe, env={**os.environ, "PYENV_VERSION": ":".join(versions)})
    lines = probe.stdout.split()
    if probe.returncode != 0 or len(lines) != 2 or lines[0] != VERSION:
        raise NoPython39(f"{exe} does not run as {VERSION}: {probe.stderr.strip() or lines}")
    return lines[1]
