"""The guides of the site, cut from README.md by its ``##`` sections (the README stays the one
source), and the other pages copied from the repository, with their links rewritten to pages."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Dict, List, Tuple

# page -> (title, README sections in the order they appear on the page)
GUIDES: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "getting-started.md": (
        "Getting started",
        ("Requirements", "Installation", "Getting started", "API structure", "Examples"),
    ),
    "configuration.md": ("Configuration", ("Client configuration options",)),
    "authentication.md": ("Authentication", ("Authentication methods",)),
    "errors.md": ("Errors", ("Errors",)),
    "observing-calls.md": ("Observing calls", ("Observing calls",)),
    "types.md": ("Responses, models and types", ("Responses and models", "Types and editors")),
    "paging-and-waiters.md": (
        "Listing, waiting and downloading",
        ("Listing everything", "Waiting for a workload", "Downloading large files"),
    ),
    "testing-with-the-simulator.md": (
        "Testing with the simulator",
        ("Testing your code with the simulator",),
    ),
    "versioning.md": ("Versioning", ("Versioning",)),
    "development.md": ("Development", ("Development",)),
}
# repository file -> page; these are copied whole
COPIED = {
    "docs/migration.md": "migration.md",
    "CHANGELOG.md": "changelog.md",
    "docs/design.md": "design.md",
    "docs/testing.md": "testing.md",
    "docs/benchmarks.md": "benchmarks.md",
    "packages/runai-testing/README.md": "simulator.md",
}
SKIPPED = ("Table of contents", "About", "License")
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~)")


def slug(title: str) -> str:
    """GitHub's anchor of a heading, which README links use."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def sections(text: str) -> Tuple[str, Dict[str, str]]:
    """The README's text before its first ``##`` heading, and each ``##`` section's body."""
    head: List[str] = []
    found: Dict[str, List[str]] = {}
    current = head
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            current = found.setdefault(line[3:].strip(), [])
            continue
        current.append(line)
    return "\n".join(head), {title: "\n".join(body) for title, body in found.items()}


class LinkRewriter:
    """README and docs links, made to work on the site: a section anchor becomes the page that
    holds the section, a copied file its page, any other repository path plain code."""

    def __init__(self, anchors: Dict[str, str]) -> None:
        self.anchors = anchors  # README anchor -> its page (and anchor on a page of several)

    def __call__(self, text: str, source: str) -> str:
        base = posixpath.dirname(source)

        def rewrite(match: re.Match[str]) -> str:
            label, target = match[1], match[2]
            if target.startswith(("http://", "https://", "mailto:")):
                return match[0]
            path, _, anchor = target.partition("#")
            if not path:
                page = self.anchors.get(anchor) if source == "README.md" else None
                return f"[{label}]({page})" if page else match[0]
            normal = posixpath.normpath(posixpath.join(base, path))
            if normal == "README.md":
                return f"[{label}]({self.anchors.get(anchor, 'index.md')})"
            if normal in COPIED:
                return f"[{label}]({COPIED[normal]}{'#' + anchor if anchor else ''})"
            return label if label.startswith("`") else f"{label} (`{normal}`)"

        out: List[str] = []
        fenced = False
        for line in text.splitlines():
            if FENCE.match(line):
                fenced = not fenced
            out.append(line if fenced else LINK.sub(rewrite, line))
        return "\n".join(out) + "\n"


def _demote(body: str) -> str:
    """A README section's own ``###`` headings become the page's ``##``."""
    out = []
    fenced = False
    for line in body.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        out.append(line[1:] if not fenced and line.startswith("###") else line)
    return "\n".join(out)


def guide_pages(root: Path) -> Dict[str, str]:
    """The guide and copied pages, and the home page, keyed by their path in the site."""
    head, found = sections((root / "README.md").read_text(encoding="utf-8"))
    placed = {title for _, titles in GUIDES.values() for title in titles}
    unplaced = sorted(set(found) - placed - set(SKIPPED))
    if unplaced:
        raise SystemExit(f"README sections with no page in tools/runai_docs/guides.py: {unplaced}")
    anchors = {
        slug(t): page if len(titles) == 1 else f"{page}#{slug(t)}"
        for page, (_, titles) in GUIDES.items()
        for t in titles
    }
    rewrite = LinkRewriter(anchors)
    pages = {"index.md": rewrite(head, "README.md")}
    for page, (title, titles) in GUIDES.items():
        parts = [f"# {title}", ""]
        for section in titles:
            if len(titles) > 1:
                parts += [f"## {section}", ""]
            parts.append(_demote(found[section]) if len(titles) == 1 else found[section])
        pages[page] = rewrite("\n".join(parts), "README.md")
    for source, page in COPIED.items():
        pages[page] = rewrite((root / source).read_text(encoding="utf-8"), source)
    return pages
