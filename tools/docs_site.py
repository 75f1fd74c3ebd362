"""Writes the reference site's sources into build/site-src/ for mkdocs (``hatch run docs:build``).

    python tools/docs_site.py [--out build/site-src]

Guides are cut from README.md, docs/ pages copied, docs/site/ pages (hand-written for the site)
taken as they are, and the API reference generated from the installed packages.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from runai_docs.guides import guide_pages
from runai_docs.markdown import ReferenceWriter
from runai_docs.reference import categories, shared_models
from runai_docs.waiters import waiter_table

ROOT = Path(__file__).resolve().parent.parent
SITE_PAGES = ROOT / "docs" / "site"


def site_pages(root: Path = ROOT) -> Dict[str, str]:
    """Every page of the site, keyed by its path under the docs directory."""
    found = categories()
    pages = guide_pages(root)
    for source in sorted(SITE_PAGES.rglob("*.md")):
        pages[source.relative_to(SITE_PAGES).as_posix()] = source.read_text(encoding="utf-8")
    workloads = next(c for c in found if c.attribute == "workloads")
    trainings = next(g for g in workloads.groups if g.attribute == "trainings")
    pages["workload-phases.md"] = pages["workload-phases.md"].replace(
        "WAITER_TABLE", waiter_table(trainings)
    )
    pages.update(ReferenceWriter(found, shared_models()).pages())
    return pages


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site-src")
    out: Path = parser.parse_args(argv).out
    pages = site_pages()
    shutil.rmtree(out, ignore_errors=True)
    for name, text in pages.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"{len(pages)} pages in {out}")


if __name__ == "__main__":
    main()
