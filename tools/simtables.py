"""Ship the OpenAPI documents with the simulator, reduced to what a server needs.

runai-testing builds everything it serves (routes, parameter rules, bodies, statuses, response
schemas, token grants) from the document of the control-plane version it simulates, and depends
on no client package. This script writes ``runai_testing/specs/runai-2.XX.json`` from every
``specs/runai-2.XX.json``: the same document without what only people read (descriptions,
summaries, examples, tags, ``x-`` extensions) plus how each list operation pages
(``x-runai-paging``, from the generator's rule in runai_codegen/paging.py), as plain JSON with
one path or component per line (a spec change shows as a readable diff) and byte-for-byte the
same on every run and platform (no compression, whose output depends on the zlib build).

Usage: ``python tools/simtables.py [--specs DIR] [--out DIR]``
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Dict, List, Optional

from runai_codegen.paging import paging_shape
from runai_codegen.spec import HTTP_METHODS, Spec

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPECS = ROOT / "specs"
DEFAULT_OUT = ROOT / "packages" / "runai-testing" / "src" / "runai_testing" / "specs"
DOCUMENTATION_KEYS = frozenset(
    ("description", "summary", "example", "examples", "externalDocs", "tags", "title")
)
# members whose keys are names or data, never documentation: keep them all
DATA_KEYS = frozenset(("properties", "default", "enum", "mapping", "required"))
COMPONENT_SECTIONS = ("schemas", "parameters", "requestBodies", "responses")


def reduced(node: Any) -> Any:
    """``node`` without documentation keys (looked for only where keys are keywords)."""
    if isinstance(node, list):
        return [reduced(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: Dict[str, Any] = {}
    for key, value in node.items():
        if key in DOCUMENTATION_KEYS or key.startswith("x-"):
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: reduced(schema) for name, schema in value.items()}
        elif key in DATA_KEYS:
            out[key] = value
        else:
            out[key] = reduced(value)
    return out


def server_document(spec: Spec) -> Dict[str, Any]:
    """The parts of the document a server reads: operations and the components they use, and
    on each list operation that pages, how (``x-runai-paging``: the generator's rule, the data
    the client's ``Operation.paging`` is generated from)."""
    paths: Dict[str, Any] = {}
    for path, item in spec.doc.get("paths", {}).items():
        kept = {k: v for k, v in item.items() if k in HTTP_METHODS or k == "parameters"}
        paths[path] = reduced(kept)
    for raw in spec.operations():
        shape = paging_shape(spec, raw)
        if shape is not None:
            paths[raw.path][raw.method]["x-runai-paging"] = shape.as_json()
    components = spec.doc.get("components", {})
    return {
        "openapi": spec.doc.get("openapi", "3.0.3"),
        "info": {"version": spec.file_name[len("runai-") : -len(".json")]},
        "paths": paths,
        "components": {
            section: {name: reduced(value) for name, value in components[section].items()}
            for section in COMPONENT_SECTIONS
            if section in components
        },
    }


def dumps(document: Dict[str, Any]) -> str:
    """Compact JSON with each path and each component on a line of its own."""

    def entries(mapping: Dict[str, Any]) -> str:
        lines = [f"{json.dumps(k, ensure_ascii=False)}:{_compact(v)}" for k, v in mapping.items()]
        return "{\n" + ",\n".join(lines) + "\n}"

    head = {k: v for k, v in document.items() if k not in ("paths", "components")}
    parts = [f"{json.dumps(k)}:{_compact(v)}" for k, v in head.items()]
    parts.append(f'"paths":{entries(document["paths"])}')
    sections = [f"{json.dumps(k)}:{entries(v)}" for k, v in document["components"].items()]
    parts.append('"components":{\n' + ",\n".join(sections) + "\n}")
    return "{" + ",\n".join(parts) + "}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_documents(spec_dir: Path, out: Path) -> List[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(spec_dir.glob("runai-*.json")):
        target = out / source.name
        target.write_text(dumps(server_document(Spec(source))), encoding="utf-8", newline="\n")
        written.append(target)
    for stale in set(out.glob("runai-*.json")) - set(written):
        stale.unlink()
    return written


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, default=DEFAULT_SPECS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    write_documents(args.specs, args.out)


if __name__ == "__main__":
    main()
