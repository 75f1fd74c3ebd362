"""Generate the runapy category packages, the shared models and the meta-package from a spec.

    python tools/generate.py [--spec specs/runai-2.24.json] [--out packages]

The output is a pure function of the spec file: running it twice gives identical bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from runai_codegen.formatting import ruff_format
from runai_codegen.inline import InlineResolver
from runai_codegen.layout import (
    SHARED,
    build_categories,
    model_modules,
    package_of,
    place_schemas,
)
from runai_codegen.legacy import LegacyIndex, legacy_indexes, top_level_apis
from runai_codegen.operations import OperationBuilder, name_methods, tag_operations
from runai_codegen.release import core_requirement, release_note
from runai_codegen.render import GENERATED_MARK, Renderer
from runai_codegen.spec import Spec
from runai_codegen.types import TypeBuilder
from runai_codegen.waiters import derive_waiters

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT / "specs" / "runai-2.24.json"


def generate(spec_path: Path, out: Path, version: Optional[str] = None) -> None:
    spec = Spec(spec_path)
    version = version or spec.client_version
    inline = InlineResolver(spec)
    type_builder = TypeBuilder(inline.schemas)
    types = type_builder.build_all()
    op_builder = OperationBuilder(spec, inline, type_builder)
    by_tag = tag_operations([op_builder.build(raw) for raw in spec.operations()])
    for ops in by_tag.values():
        name_methods(ops)
    descriptions = {tag: spec.tag_description(tag) for tag in by_tag}
    categories = build_categories(spec.tag_groups(), by_tag, descriptions)

    homes = place_schemas(categories, inline)
    modules = model_modules(types, homes)
    paths: Dict[str, str] = {}
    for module in modules:
        for name in module.members:
            paths[name] = f"{module.path}:{types[name].class_name}"

    renderer = Renderer(
        out, f"# {GENERATED_MARK} from {spec.file_name}. Do not edit by hand.", version
    )
    renderer.clean()
    for module in modules:
        renderer.model_module(module, types, paths)
    index: Dict[str, List[Tuple[str, str]]] = {}
    for name, target in paths.items():
        module_path, _, class_name = target.partition(":")
        index.setdefault(homes[name], []).append((class_name, module_path))
    legacy = legacy_indexes(
        categories, inline.runapy_schemas(), type_builder.class_names, paths, homes
    )

    all_models = [model for models in index.values() for model in models]
    renderer.all_models_stub(all_models)
    renderer.all_apis_stub(top_level_apis(categories, (name for name, _ in all_models)))
    shared = package_of(SHARED)
    renderer.init_module(SHARED, shared, "Models of the Run:ai API that several categories use.")
    renderer.index_module(SHARED, index.get(SHARED, []), legacy.get(SHARED, LegacyIndex()))
    renderer.package_files(
        SHARED,
        "Pydantic models shared by the Run:ai API categories of the runapy client",
        ["pydantic>=2.6,<3", core_requirement()],
        [
            ("runai.models", [(SHARED, f"{shared}._index:MODELS")]),
            ("runai.legacy", [(SHARED, f"{shared}._index:LEGACY")]),
        ],
        "Pydantic models that more than one Run:ai API category uses. Reach them through "
        "`from runai import models`.",
    )
    for category in categories:
        package = category.package
        renderer.init_module(
            category.short,
            package,
            f"The {category.name} category of the Run:ai API: "
            f"``RunaiClient(...).{category.attr}``.",
        )
        renderer.init_module(
            category.short, f"{package}.models", f"Models only the {category.name} category uses."
        )
        renderer.category_module(category)
        renderer.index_module(
            category.short, index.get(category.short, []), legacy.get(category.short, LegacyIndex())
        )
        for group in category.groups:
            waiters = derive_waiters(group.operations, inline.schemas)
            renderer.group_module(category, group, paths, type_builder.class_names, types, waiters)
        renderer.package_files(
            category.short,
            f"The {category.name} category of the Run:ai API for the runapy client",
            [core_requirement(), f"runai-models=={version}"],
            [
                (
                    "runai.categories",
                    [(category.attr, f"{package}._category:{category.class_name}")],
                ),
                ("runai.models", [(category.short, f"{package}._index:MODELS")]),
                ("runai.legacy", [(category.short, f"{package}._index:LEGACY")]),
            ],
            f"The {category.name} category of the Run:ai API: "
            f"`RunaiClient(...).{category.attr}`. Part of `runapy`.",
        )
    renderer.package_files(
        "meta",
        "Python client for the Run:ai REST API: the core plus every API category",
        [core_requirement("[async]")] + [f"{c.distribution}=={version}" for c in categories],
        [],
        "Python client for the Run:ai REST API. Installs `runai-core` and every API category: "
        + ", ".join(f"`{c.distribution}`" for c in categories)
        + ".\n\n"
        + release_note(spec.file_name, version),
    )
    ruff_format(renderer.python_files)


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="OpenAPI JSON document")
    parser.add_argument("--out", type=Path, default=ROOT / "packages", help="packages directory")
    parser.add_argument("--version", help="distribution version (default: from the file name)")
    args = parser.parse_args(argv)
    generate(args.spec, args.out, args.version)


if __name__ == "__main__":
    main()
