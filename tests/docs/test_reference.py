"""The reference site's sources (tools/docs_site.py): every public method and model a user can
reach is documented, with its signature and return model, and every link points at a page.
``hatch run docs:build`` turns the same pages into the site with ``mkdocs build --strict``."""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.plugins.entry_points import in_group
from runai.plugins.known import KNOWN_CATEGORIES
from runai.runai_client import RunaiClient

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from docs_site import site_pages  # noqa: E402

pytestmark = pytest.mark.slow  # the site's sources for every method and model: tens of seconds

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
CODE = re.compile(r"(`+).*?\1|^```.*?^```", re.S | re.M)
ANCHOR = re.compile(r"\{#([\w-]+)\}")


@pytest.fixture(scope="module")
def pages() -> Dict[str, str]:
    return site_pages(ROOT)


def surface() -> Iterator[Tuple[str, str, str]]:
    """(category, group, method) for every method a user can call, as ``options()`` lists them,
    and the ``wait_until_*`` methods of each group."""
    config = Configuration(runai_base_url="https://example.invalid", bearer_token="t")
    client = RunaiClient(ApiClient(config))
    assert set(KNOWN_CATEGORIES) <= set(client.options())
    for category_name in KNOWN_CATEGORIES:
        category = getattr(client, category_name)
        for group_name in category.options():
            group = getattr(category, group_name)
            waiters = [n for n in dir(type(group)) if n.startswith("wait_until_")]
            for method in group.options(include_deprecated=True) + waiters:
                yield category_name, group_name, method


def test_every_method_has_its_signature_and_return_type(pages: Dict[str, str]) -> None:
    methods = list(surface())
    assert len(methods) > 391  # the 391 operations of 2.24, and the waiters
    missing: List[str] = []
    for category, group, method in methods:
        page = pages[f"reference/{category}.md"]
        heading = f"### `{method}` {{#{category}-{group}-{method}}}"
        start = page.find(heading)
        section = page[start : page.find("\n### ", start + 1)]
        call = f"client.{category}.{group}.{method}("
        if start < 0 or call not in section or "\n) -> " not in section:
            missing.append(f"{category}.{group}.{method}")
    assert missing == []


def test_a_method_entry_says_what_it_takes_and_returns(pages: Dict[str, str]) -> None:
    page = pages["reference/organizations.md"]
    entry = page[page.index("{#organizations-projects-get_projects}") :]
    entry = entry[: entry.index("\n### ")]
    assert "filter_by: Optional[List[str]] = None," in entry
    assert "_request_timeout: TimeoutArg = None," in entry
    assert "`GET /api/v1/org-unit/projects`" in entry
    assert "| `filter_by` | `Optional[List[str]]` |" in entry
    assert "[GetProjects200Response](#model-GetProjects200Response)" in entry


def test_every_model_is_documented_once(pages: Dict[str, str]) -> None:
    names = set()
    for entry in in_group("runai.models"):
        if entry.value.split(".")[0] in {"runai_models", *_category_packages()}:
            names |= set(entry.load())
    assert len(names) > 1200
    anchors = [a for text in pages.values() for a in ANCHOR.findall(text)]
    documented = [a[len("model-") :] for a in anchors if a.startswith("model-")]
    assert sorted(set(names) - set(documented)) == []
    assert len(documented) == len(set(documented))


def _category_packages() -> List[str]:
    return [
        e.value.split(".")[0] for e in in_group("runai.categories") if e.name in KNOWN_CATEGORIES
    ]


def test_every_link_between_pages_resolves(pages: Dict[str, str]) -> None:
    anchors = {name: set(ANCHOR.findall(text)) for name, text in pages.items()}
    broken = []
    for name, text in pages.items():
        for target in LINK.findall(CODE.sub("", text)):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, anchor = target.partition("#")
            resolved = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            )
            known = anchors.get(resolved, set())
            if resolved not in pages or (anchor.startswith("model-") and anchor not in known):
                broken.append(f"{name}: {target}")
    assert broken == [], "\n".join(broken)


def test_guides_come_from_the_readme(pages: Dict[str, str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    configuration = pages["configuration.md"]
    assert configuration.startswith("# Configuration\n")
    table_row = next(
        line for line in readme.splitlines() if line.startswith("| `retry_max_retries`")
    )
    assert table_row in configuration
    assert "[docs/migration.md](migration.md)" in pages["getting-started.md"]
    assert "## Client credentials" not in pages["authentication.md"]
    assert "## 1. Client credentials" in pages["authentication.md"]
