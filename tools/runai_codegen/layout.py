"""Where everything goes: categories, distributions, group modules and model modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Set, Tuple

from .inline import InlineResolver
from .naming import underscore, unique, words_class_name
from .operations import Operation
from .spec import ref_name
from .types import NamedType

SHARED = "models"
"""Short name of the distribution holding schemas that several categories use."""

CATEGORY_SHORT = {
    "organizations": "organizations",
    "authentication_and_authorization": "authz",
    "audit": "audit",
    "datavolumes": "datavolumes",
    "workloads": "workloads",
    "workload_assets": "assets",
    "policies": "policies",
    "notifications": "notifications",
    "ai_applications": "ai-applications",
}
"""Distribution short names of the categories users know; a new category uses its attribute."""

_RESERVED_MODULES = {"models", "_category", "_index"}
_CATEGORY_MEMBERS = {"api_client", "options", "group"}
"""What runai.api_group.ApiCategory defines: no group attribute may hide it."""


def package_of(short: str) -> str:
    return "runai_" + short.replace("-", "_")


@dataclass
class Group:
    tag: str
    attr: str
    class_name: str
    module: str
    description: str
    operations: List[Operation]


@dataclass
class Category:
    name: str
    attr: str
    class_name: str
    short: str
    groups: List[Group] = field(default_factory=list)

    @property
    def package(self) -> str:
        return package_of(self.short)

    @property
    def distribution(self) -> str:
        return "runai-" + self.short


def build_categories(
    tag_groups: List[Tuple[str, List[str]]],
    by_tag: Dict[str, List[Operation]],
    descriptions: Dict[str, str],
) -> List[Category]:
    categories = []
    for name, tags in tag_groups:
        attr = underscore(name)
        category = Category(
            name=name,
            attr=attr,
            class_name=words_class_name(name),
            short=CATEGORY_SHORT.get(attr, attr.replace("_", "-")),
        )
        for tag in tags:
            if tag not in by_tag:
                continue
            group_attr = underscore(tag)
            if group_attr in _RESERVED_MODULES:
                raise SystemExit(f"tag {tag!r} would shadow the package's {group_attr} module")
            if group_attr in _CATEGORY_MEMBERS:
                raise SystemExit(f"tag {tag!r} would hide ApiCategory.{group_attr}")
            category.groups.append(
                Group(
                    tag=tag,
                    attr=group_attr,
                    class_name=words_class_name(tag, "Api"),
                    module=f"{category.package}.{group_attr}",
                    description=descriptions.get(tag, ""),
                    operations=by_tag[tag],
                )
            )
        categories.append(category)
    missing = set(by_tag) - {g.tag for c in categories for g in c.groups}
    if missing:
        raise SystemExit(f"tags used by operations but in no x-tagGroup: {sorted(missing)}")
    return categories


def place_schemas(categories: List[Category], inline: InlineResolver) -> Dict[str, str]:
    """Short name of the distribution that holds each schema: its category when exactly one
    category uses it (any schema an operation mentions, transitively, allOf parents included),
    else the shared ``runai-models``. A schema no operation uses goes with the schemas it
    refers to. Whatever a shared schema refers to is shared too, so ``runai-models`` never
    imports a category."""
    users: Dict[str, Set[str]] = {name: set() for name in inline.schemas}
    for category in categories:
        stack: List[str] = []
        for group in category.groups:
            for op in group.operations:
                stack += _schema_refs(inline.operation_view(op.raw))
        seen: Set[str] = set()
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            users[name].add(category.short)
            stack += _schema_refs(inline.schemas[name])
    for name in [n for n, u in users.items() if not u]:  # unused: go where its parts are
        seen = {name}
        stack = _schema_refs(inline.schemas[name])
        while stack:
            ref = stack.pop()
            if ref not in seen:
                seen.add(ref)
                users[name] |= users[ref]
                stack += _schema_refs(inline.schemas[ref])
    homes = {name: next(iter(u)) if len(u) == 1 else SHARED for name, u in users.items()}
    stack = [name for name, home in homes.items() if home == SHARED]
    while stack:  # what a shared schema refers to is shared too (unused schemas refer to some)
        for ref in _schema_refs(inline.schemas[stack.pop()]):
            if homes[ref] != SHARED:
                homes[ref] = SHARED
                stack.append(ref)
    return homes


def _schema_refs(value: Any) -> List[str]:
    if isinstance(value, dict):
        found = [ref_name(value)] if "$ref" in value else []
        for item in value.values():
            found += _schema_refs(item)
        return found
    if isinstance(value, list):
        return [name for item in value for name in _schema_refs(item)]
    return []


def strongly_connected(types: Dict[str, NamedType]) -> List[List[str]]:
    """Groups of mutually recursive schemas (Tarjan), each in schema order."""
    order = {name: i for i, name in enumerate(types)}
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    result: List[List[str]] = []

    def visit(root: str) -> None:
        work = [(root, iter(sorted(types[root].refs, key=order.__getitem__)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(types[child].refs, key=order.__getitem__))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(sorted(component, key=order.__getitem__))

    for name in types:
        if name not in index:
            visit(name)
    return result


@dataclass
class ModelModule:
    short: str
    name: str
    members: List[str]
    recursive: bool

    @property
    def path(self) -> str:
        package = package_of(self.short)
        return f"{package}.{self.name}" if self.short == SHARED else f"{package}.models.{self.name}"


def model_modules(types: Dict[str, NamedType], homes: Dict[str, str]) -> List[ModelModule]:
    """One module per schema (per group of mutually recursive schemas). A module is named
    ``underscore(class name)``; when two names are equal ignoring case, the class that sorts
    later (``department`` after ``Department``) gets ``_2``, so no two files collide on a
    case-insensitive filesystem."""
    components = strongly_connected(types)
    components.sort(key=lambda c: min(types[m].class_name for m in c))
    taken: Set[str] = set()
    modules = []
    for component in components:
        lead = min(types[m].class_name for m in component)
        name = unique(underscore(lead), taken)
        taken.add(name)
        recursive = len(component) > 1 or component[0] in types[component[0]].refs
        modules.append(ModelModule(homes[component[0]], name, component, recursive))
    return modules
