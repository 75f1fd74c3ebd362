"""runapy 1.x's public import paths, derived from a spec by the rules that named them.

runapy 1.x was openapi-generator 7.8.0's python client plus a hand-written ``runai_client.py``.
Its names follow from the spec: one ``runai.api.<underscore(ApiClass)>`` module per tag, one
``runai.models.<underscore(Model)>`` module per schema that the generator makes a class of, the
API classes and models re-exported at ``runai.<Name>``, the category classes of
``runai.runai_client`` from ``x-tagGroups``. The generator writes, per distribution, where each
of those modules lives now (``LEGACY`` in ``_index.py``); core aliases the old paths to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Tuple

from .inline import InlineResolver
from .layout import Category, build_categories
from .naming import class_name, underscore
from .operations import OperationBuilder, tag_operations
from .spec import Spec
from .types import TypeBuilder

CORE_TOP_LEVEL = (
    "ApiResponse",
    "ApiClient",
    "Configuration",
    "OpenApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiKeyError",
    "ApiAttributeError",
    "ApiException",
)
"""What openapi-generator's package ``__init__`` exports besides the API classes and models."""

EXCEPTIONS = (
    "OpenApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiAttributeError",
    "ApiKeyError",
    "ApiException",
    "BadRequestException",
    "NotFoundException",
    "UnauthorizedException",
    "ForbiddenException",
    "ServiceException",
    "ConflictException",
    "UnprocessableEntityException",
    "render_path",
)
"""``runai.exceptions``: the generator's template plus runapy's 409 and 422 classes."""

CORE_MODULES: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("runai.api_client", ("ApiClient", "AsyncApiClient", "ThreadedApiClient")),
    ("runai.api_response", ("ApiResponse",)),
    ("runai.configuration", ("Configuration",)),
    ("runai.cliv2_config_loader", ("CLIv2Config",)),
    ("runai.exceptions", EXCEPTIONS),
    ("runai.runai_client", ("RunaiClient",)),
)
"""Modules that do not depend on the spec, with their public names."""


def is_runapy_model(schema: Dict[str, Any]) -> bool:
    """openapi-generator writes a class for an object, an enum or a composed schema; a schema
    that is only a primitive, an array, a map or a ``$ref`` is an alias it inlines."""
    return any(schema.get(key) for key in ("properties", "enum", "allOf", "anyOf", "oneOf"))


def runapy_models(schemas: Dict[str, Dict[str, Any]]) -> List[str]:
    """Model names runapy had for these (inline-lifted) schemas. Schemas whose names capitalise
    alike (``Department``/``department``) were one model there."""
    return sorted({class_name(name) for name, schema in schemas.items() if is_runapy_model(schema)})


def api_module(api_class: str) -> str:
    """``NVIDIANIMApi`` -> ``nvidianim_api``: openapi-generator's API file name."""
    return underscore(api_class)


@dataclass
class LegacyIndex:
    """One distribution's share: runapy module name -> where it lives now."""

    api: Dict[str, str] = field(default_factory=dict)  # "projects_api" -> "module:ProjectsApi"
    models: Dict[str, str] = field(default_factory=dict)  # "project" -> "runai_x.models.project"


def legacy_indexes(
    categories: List[Category],
    schemas: Dict[str, Dict[str, Any]],
    class_names: Dict[str, str],
    paths: Dict[str, str],
    homes: Dict[str, str],
) -> Dict[str, LegacyIndex]:
    """Per distribution short name, the runapy modules it provides.

    ``class_names``: schema -> our class; ``paths``: schema -> ``"module:Class"``; ``homes``:
    schema -> distribution short name. A runapy model is our class of the same name.
    """
    indexes: Dict[str, LegacyIndex] = {}
    schema_of = {cls: schema for schema, cls in class_names.items()}
    for model in runapy_models(schemas):
        schema = schema_of.get(model)
        if schema is None:
            raise SystemExit(f"runapy model {model} has no class of the same name")
        module = paths[schema].partition(":")[0]
        indexes.setdefault(homes[schema], LegacyIndex()).models[underscore(model)] = module
    for category in categories:
        index = indexes.setdefault(category.short, LegacyIndex())
        for group in category.groups:
            index.api[api_module(group.class_name)] = f"{group.module}:{group.class_name}"
    return indexes


def top_level_apis(categories: List[Category], models: Iterable[str]) -> List[Tuple[str, str]]:
    """``(ApiClass, module)`` of every API group: runapy 1.x's ``runai.<ApiClass>``.

    ``runai.<Name>`` is one namespace for core's names, API classes and ``models`` (every
    model name); type checkers see all of them at once, so none may name two things.
    """
    apis = [(g.class_name, g.module) for category in categories for g in category.groups]
    names = [name for name, _ in apis]
    clashes = sorted(
        {n for n in names if names.count(n) > 1}
        | (set(names) & set(models))
        | (set(CORE_TOP_LEVEL) & (set(names) | set(models)))
    )
    if clashes:
        raise SystemExit(f"runai.<Name> would mean two things for {clashes}")
    return apis


def runapy_import_paths(
    categories: List[Category], schemas: Dict[str, Dict[str, Any]]
) -> List[str]:
    """Every public import path of the runapy 1.x generated from the same spec, sorted:
    ``"runai.api.projects_api"`` for a module, ``"runai.api.projects_api:ProjectsApi"`` for a
    name in it."""
    apis = [group.class_name for category in categories for group in category.groups]
    models = runapy_models(schemas)
    found = {"runai", "runai.api", "runai.models"}
    found |= {f"runai:{name}" for name in (*apis, *CORE_TOP_LEVEL, *models)}
    for api in apis:
        module = f"runai.api.{api_module(api)}"
        found |= {f"runai.api:{api}", module, f"{module}:{api}"}
    for model in models:
        module = f"runai.models.{underscore(model)}"
        found |= {f"runai.models:{model}", module, f"{module}:{model}"}
    for module, names in CORE_MODULES:
        found.add(module)
        found |= {f"{module}:{name}" for name in names}
    found |= {f"runai.runai_client:{category.class_name}" for category in categories}
    return sorted(found)


def import_paths(spec_path: Path) -> List[str]:
    """runapy 1.x's public import paths for the spec at ``spec_path`` (see
    :func:`runapy_import_paths`)."""
    spec = Spec(spec_path)
    inline = InlineResolver(spec)
    builder = OperationBuilder(spec, inline, TypeBuilder(inline.schemas))
    by_tag = tag_operations([builder.build(raw) for raw in spec.operations()])
    categories = build_categories(spec.tag_groups(), by_tag, {})
    return runapy_import_paths(categories, inline.runapy_schemas())
