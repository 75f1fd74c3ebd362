"""Build the wheels and sdists of every control-plane version, then check them with twine.

    python tools/build.py [--version 2.19 ...] [--patch N] [--out dist] [--no-common]

For each ``specs/runai-2.XX.json`` (or only the ``--version``\\s given), the generator writes
runapy, runai-models and the nine categories into a temporary directory, versioned ``2.2XX.N``
(``--patch N``, default 0), and each is built into ``<out>/2.XX/``. runai-core and
runai-testing, versioned on their own line, are built once into ``<out>/common/``. The
committed ``packages/`` are only read: they stay the 2.24 packages. Each distribution is built
the way ``python -m build`` does (sdist, then the wheel from that sdist, so a file missing from
an sdist fails the build), with the hatchling of this environment (no isolation: no index
access while building). Finally ``twine check --strict`` runs on everything written.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence

from generate import generate  # this directory is sys.path[0] when run as a script
from runai_codegen.spec import Spec

ROOT = Path(__file__).resolve().parent.parent
SPEC_DIR = ROOT / "specs"
COMMON = [ROOT / "packages" / "runai-core", ROOT / "packages" / "runai-testing"]
"""Distributions with their own version line: built once, whatever the control-plane version."""


def spec_versions() -> List[str]:
    """``["2.18", ..., "2.24"]``: the control-plane versions of ``specs/``, oldest first."""
    found = []
    for path in SPEC_DIR.glob("runai-*.json"):
        match = re.fullmatch(r"runai-(\d+)\.(\d+)\.json", path.name)
        if match:
            found.append((int(match.group(1)), int(match.group(2))))
    return [f"{major}.{minor}" for major, minor in sorted(found)]


def build_distribution(project: Path, out: Path) -> None:
    """sdist and wheel of ``project`` into ``out`` (the wheel built from the sdist)."""
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(project)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"building {project.name} failed (output above)")


def build_version(version: str, out: Path, patch: int = 0) -> List[Path]:
    """Generate the distributions of control plane ``version`` and build them into ``out``."""
    spec = SPEC_DIR / f"runai-{version}.json"
    if not spec.is_file():
        known = ", ".join(spec_versions())
        raise SystemExit(f"no spec for control plane {version} ({spec}); known: {known}")
    reset(out)
    with tempfile.TemporaryDirectory(prefix=f"runapy-{version}-") as tmp:
        generated = Path(tmp)
        release = Spec(spec).client_version.rsplit(".", 1)[0] + f".{patch}"
        generate(spec, generated, release)
        projects = sorted(p.parent for p in generated.glob("runai-*/pyproject.toml"))
        for project in projects:
            build_distribution(project, out)
    return sorted(out.iterdir())


def build_common(out: Path) -> List[Path]:
    reset(out)
    for project in COMMON:
        build_distribution(project, out)
    return sorted(out.iterdir())


def reset(directory: Path) -> None:
    """An empty ``directory``: no stale file of an earlier build is checked or published."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)


def twine_check(files: Sequence[Path]) -> None:
    subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, files)], check=True
    )


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--version",
        action="append",
        dest="versions",
        metavar="2.XX",
        help="control-plane version to build (repeatable; default: every spec in specs/)",
    )
    parser.add_argument(
        "--patch", type=int, default=0, help="patch level N of 2.2XX.N (default: 0)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output directory")
    parser.add_argument(
        "--no-common", action="store_true", help="skip runai-core and runai-testing"
    )
    args = parser.parse_args(argv)
    if args.patch < 0:
        parser.error(f"--patch must be 0 or more, not {args.patch}")
    versions = args.versions or spec_versions()
    out: Path = args.out.resolve()
    files: List[Path] = []
    for version in versions:
        files += build_version(version, out / version, args.patch)
        print(f"built control plane {version}: {out / version}")
    if not args.no_common:
        files += build_common(out / "common")
        print(f"built runai-core and runai-testing: {out / 'common'}")
    twine_check(files)


if __name__ == "__main__":
    main()
