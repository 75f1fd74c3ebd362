"""Fail when a package's type completeness (``basedpyright --verifytypes``) is below the floor.

``python tools/verifytypes.py runai runai_models ...``: pyright counts every public symbol whose
type is unknown or only inferred; ``hatch run lint`` requires 95% for each package named.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import List

FLOOR = 0.95


def completeness(package: str) -> float:
    """The completeness score basedpyright reports for ``package`` (0..1)."""
    run = subprocess.run(
        ["basedpyright", "--verifytypes", package, "--ignoreexternal", "--outputjson"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(run.stdout)
        return float(report["typeCompleteness"]["completenessScore"])
    except (ValueError, KeyError) as exc:
        raise SystemExit(
            f"basedpyright --verifytypes {package} failed: {run.stderr[-2000:]}"
        ) from exc


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("packages", nargs="+", help="import names to verify")
    parser.add_argument("--floor", type=float, default=FLOOR, help="minimum score (0..1)")
    args = parser.parse_args(argv)
    failed = False
    for package in args.packages:
        score = completeness(package)
        ok = score >= args.floor
        failed |= not ok
        print(
            f"{package}: {score:.1%} type completeness ({'ok' if ok else 'below'} {args.floor:.0%})"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
