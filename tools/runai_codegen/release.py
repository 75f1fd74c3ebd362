"""Release metadata of the generated distributions: the core range they need and index fields.

Core has its own version line, written once in ``runai/_version.py``; the generated
distributions accept any core of the same major version from that one on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Tuple

ROOT = Path(__file__).resolve().parents[2]
CORE_VERSION_FILE = ROOT / "packages" / "runai-core" / "src" / "runai" / "_version.py"
LICENSE_FILE = ROOT / "LICENSE"
REPOSITORY = "https://github.com/runai-professional-services/runapy"

PROJECT_URLS: List[Tuple[str, str]] = [
    ("Homepage", REPOSITORY),
    ("Repository", REPOSITORY),
    ("Documentation", f"{REPOSITORY}#readme"),
    ("Changelog", f"{REPOSITORY}/blob/main/CHANGELOG.md"),
]
KEYWORDS = ["runai", "run:ai", "kubernetes", "gpu", "api", "client", "rest"]
CLASSIFIERS = [
    "Development Status :: 5 - Production/Stable",
    "Intended Audience :: Developers",
    "Intended Audience :: System Administrators",
    "Operating System :: OS Independent",
    "Programming Language :: Python :: 3",
    "Programming Language :: Python :: 3 :: Only",
    *(f"Programming Language :: Python :: 3.{minor}" for minor in range(9, 14)),
    "Topic :: Software Development :: Libraries :: Python Modules",
    "Typing :: Typed",
]
"""No ``License ::`` classifier: PEP 639 deprecates them next to an SPDX ``license``."""


def core_version() -> str:
    text = CORE_VERSION_FILE.read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "(\d+)\.(\d+)\.(\d+)"$', text, re.MULTILINE)
    if not match:
        raise SystemExit(f'{CORE_VERSION_FILE}: expected a line __version__ = "X.Y.Z"')
    return ".".join(match.groups())


def core_requirement(extra: str = "") -> str:
    """``runai-core>=2.0.0,<3``: the core generated code was written against, same major."""
    version = core_version()
    major = int(version.split(".")[0])
    return f"runai-core{extra}>={version},<{major + 1}"


def license_text() -> str:
    return LICENSE_FILE.read_text(encoding="utf-8")


def release_note(spec_file_name: str, version: str) -> str:
    """What the runapy page on the index says about picking the release for a control plane."""
    plane = spec_file_name[len("runai-") : -len(".json")]
    return (
        f"runapy {version} is the client for Run:ai control plane {plane}. Every control-plane "
        "version 2.XX has its own release line, 2.2XX.Z: install the one that matches your "
        'control plane, for example `pip install "runapy~=2.219.0"` for 2.19. '
        f"Documentation: {REPOSITORY}#readme"
    )
