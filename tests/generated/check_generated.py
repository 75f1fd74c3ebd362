"""Run in a subprocess: import every module generated into a directory and build every model's
JSON schema. Prints one JSON line of counts. Usage: check_generated.py <packages dir>."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path


def main(root: Path) -> None:
    sources = sorted(p for p in root.glob("runai-*/src") if p.is_dir())
    sys.path[:0] = [str(p) for p in sources]
    from pydantic import TypeAdapter

    counts = {"modules": 0, "models": 0, "methods": 0, "categories": 0}
    for source in sources:
        for package_dir in source.iterdir():
            package = package_dir.name
            for info in pkgutil.walk_packages([str(package_dir)], package + "."):
                importlib.import_module(info.name)
                counts["modules"] += 1
            index = importlib.import_module(package + "._index").MODELS
            for name, module in index.items():
                TypeAdapter(getattr(importlib.import_module(module), name)).json_schema()
                counts["models"] += 1
            if (package_dir / "_category.py").exists():
                category = importlib.import_module(package + "._category")
                for cls in vars(category).values():
                    groups = getattr(cls, "_groups", None)
                    if isinstance(groups, dict) and groups:
                        counts["categories"] += 1
                        for target in groups.values():
                            module, _, attr = target.partition(":")
                            counts["methods"] += len(
                                getattr(importlib.import_module(module), attr)._methods
                            )
    print(json.dumps(counts))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
