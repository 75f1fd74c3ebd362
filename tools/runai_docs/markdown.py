"""The API reference as Markdown pages: one per category (its groups, methods and models), one
for the shared models, and an index. Anchors are explicit (``{#id}``, attr_list), so a return
model links to its section on whichever page holds it."""

from __future__ import annotations

import re
from typing import Dict, Iterable, List

from runai_docs.reference import Category, Group, Method, Model

IDENTIFIER = re.compile(r"\b[A-Z]\w*\b")
SITE_LINK = re.compile(r"\[([^\]]*)\]\((/[^)\s]*)\)")


def prose(text: str) -> str:
    """Spec text for a page: a link into the Run:ai documentation site by path alone (``/latest/
    #tag/...``) leads nowhere here, so only its label is kept."""
    return SITE_LINK.sub(r"\1", text)


def page_of(category: Category) -> str:
    return f"reference/{category.attribute}.md"


SHARED_PAGE = "reference/models.md"


def method_anchor(category: str, group: str, method: str) -> str:
    return f"{category}-{group}-{method}"


def model_anchor(name: str) -> str:
    return f"model-{name}"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split()) or " "


def _code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    return f"{ticks}{text}{ticks}"


class ReferenceWriter:
    """Writes the pages; ``homes`` says which page documents each model (for links)."""

    def __init__(self, categories: List[Category], shared: List[Model]) -> None:
        self.categories = categories
        self.shared = shared
        self.homes: Dict[str, str] = {m.name: SHARED_PAGE for m in shared}
        for category in categories:
            self.homes.update({m.name: page_of(category) for m in category.models})

    def _link(self, name: str, page: str) -> str:
        home = self.homes[name]
        target = "" if home == page else home.rsplit("/", 1)[1]
        return f"[{name}]({target}#{model_anchor(name)})"

    def _links(self, text: str, page: str) -> List[str]:
        names = dict.fromkeys(n for n in IDENTIFIER.findall(text) if n in self.homes)
        return [self._link(name, page) for name in names]

    def pages(self) -> Dict[str, str]:
        pages = {page_of(c): self.category_page(c) for c in self.categories}
        pages[SHARED_PAGE] = self.models_page()
        pages["reference/index.md"] = self.index_page()
        return pages

    def index_page(self) -> str:
        lines = [
            "# API reference",
            "",
            "Every category of `RunaiClient`, as `pip install runapy` installs it: its API "
            "groups, their methods (signature, summary, parameters, return model) and the "
            "category's models. Models that more than one category uses are on "
            "[Shared models](models.md); the hand-written core (configuration, clients, "
            "responses, errors) is on [Core](core.md).",
            "",
            "| category | distribution | groups | methods | models |",
            "|---|---|---|---|---|",
        ]
        for c in self.categories:
            methods = sum(len(g.methods) for g in c.groups)
            lines.append(
                f"| [`client.{c.attribute}`]({c.attribute}.md) | `{c.distribution}` | "
                f"{len(c.groups)} | {methods} | {len(c.models)} |"
            )
        lines.append(f"| [shared models](models.md) | `runai-models` | | | {len(self.shared)} |")
        return "\n".join(lines) + "\n"

    def category_page(self, category: Category) -> str:
        page = page_of(category)
        lines = [f"# {category.class_name}: `client.{category.attribute}`", ""]
        lines += [
            f"Distribution `{category.distribution}`, import package `{category.package}`.",
            "",
            "| group | methods |",
            "|---|---|",
        ]
        for group in category.groups:
            anchor = f"{category.attribute}-{group.attribute}"
            lines.append(f"| [`{group.attribute}`](#{anchor}) | {len(group.methods)} |")
        lines.append("")
        for group in category.groups:
            lines += self._group(category, group, page)
        lines += [f"## Models {{#{category.attribute}-models}}", ""]
        lines += self._models(category.models, page)
        return "\n".join(lines) + "\n"

    def models_page(self) -> str:
        lines = [
            "# Shared models",
            "",
            "Models used by more than one category, in the `runai-models` distribution (import "
            "package `runai_models`). Like every model, each is also `runai.models.<Name>`.",
            "",
        ]
        return "\n".join(lines + self._models(self.shared, SHARED_PAGE)) + "\n"

    def _group(self, category: Category, group: Group, page: str) -> List[str]:
        path = f"client.{category.attribute}.{group.attribute}"
        lines = [f"## `{group.attribute}` {{#{category.attribute}-{group.attribute}}}", ""]
        lines += [
            f"Class `{group.class_name}` (module `{group.module}`).",
            "",
            prose(group.summary),
            "",
        ]
        for method in group.methods:
            lines += self._method(category, group, method, page, path)
        return lines

    def _method(
        self, category: Category, group: Group, method: Method, page: str, path: str
    ) -> List[str]:
        anchor = method_anchor(category.attribute, group.attribute, method.name)
        lines = [f"### `{method.name}` {{#{anchor}}}", ""]
        if method.deprecated:
            lines += [
                '!!! warning "Deprecated"',
                "    Deprecated by the Run:ai API: calling it warns once.",
                "",
            ]
        arguments = []
        keyword_only = False
        for p in method.params:
            if p.keyword_only and not keyword_only:
                arguments.append("*")
                keyword_only = True
            default = "" if p.default is None else f" = {p.default}"
            arguments.append(f"{p.name}: {p.annotation}{default}")
        listed = "".join(f"    {a},\n" for a in arguments)
        signature = f"{path}.{method.name}(\n{listed}) -> {method.returns}"
        lines += ["```python", signature, "```", ""]
        summary = method.summary.replace("Deprecated by the Run:ai API: calling it warns once.", "")
        lines += [prose(summary).strip(), ""]
        described = [p for p in method.params if not p.name.startswith("_")]
        if described:
            lines += ["| parameter | type | description |", "|---|---|---|"]
            for p in described:
                required = " (required)" if p.default is None else ""
                text = _cell(prose(p.description))
                lines.append(f"| `{p.name}`{required} | {_code(p.annotation)} | {text} |")
            lines.append("")
        links = self._links(method.returns, page)
        returned = f"Returns {_code(method.returns)} on an `ApiClient`"
        if links:
            returned += " (" + ", ".join(links) + ")"
        lines += [returned + ".", ""]
        return lines

    def _models(self, models: Iterable[Model], page: str) -> List[str]:
        lines: List[str] = []
        for m in models:
            lines += [f"### `{m.name}` {{#{model_anchor(m.name)}}}", ""]
            lines += [f"`from runai.models import {m.name}` ({m.kind}, module `{m.module}`)", ""]
            if m.summary:
                lines += [prose(m.summary), ""]
            if m.kind == "enum":
                lines += ["Values: " + ", ".join(_code(v) for v in m.values), ""]
            elif m.kind in ("union", "alias"):
                lines += [f"One of {_code(m.values[0])}.", ""]
                links = self._links(m.values[0], page)
                if links:
                    lines += ["See " + ", ".join(links) + ".", ""]
            elif m.fields:
                lines += ["| field | API name | type | required |", "|---|---|---|---|"]
                for f in m.fields:
                    lines.append(
                        f"| `{f.name}` | {_code(f.alias) if f.alias else ''} | "
                        f"{_code(f.annotation)} | {'yes' if f.required else ''} |"
                    )
                lines.append("")
        return lines
