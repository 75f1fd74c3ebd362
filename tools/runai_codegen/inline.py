"""Naming of inline schemas, following openapi-generator's InlineModelResolver (SPEC-NOTES §4).

Every inline schema that needs a class is lifted to a named schema and replaced by a ``$ref``.
Paths are processed before components, and an inline schema identical to one already lifted
reuses that name, so the names match what runapy users know (``GetWorkloads200Response``).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Set

from .allof import PropertyMerger
from .naming import camelize
from .spec import SCHEMA_PREFIX, RawOperation, Spec, ref_name

_REF_SIBLINGS = ("nullable", "description", "readOnly", "writeOnly", "deprecated")


def model_needed(schema: Any) -> bool:
    """An inline schema gets a class: an object with properties, any anyOf/oneOf, or an allOf
    with at least two structural members (or one inline object member)."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return False
    if schema.get("anyOf") or schema.get("oneOf"):
        return True
    if schema.get("properties") and schema.get("type", "object") == "object":
        return True
    members = schema.get("allOf") or []
    refs = [m for m in members if "$ref" in m]
    objects = [m for m in members if "$ref" not in m and m.get("properties")]
    return len(refs) + len(objects) >= 2 or bool(objects)


class InlineResolver:
    """Lifts inline schemas of one spec into named schemas."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._synthesized: Dict[str, Dict[str, Any]] = {}
        self._by_shape: Dict[str, str] = {}
        self._taken = set(spec.schemas)
        self.bodies: Dict[str, Dict[str, Any]] = {}
        self.responses: Dict[str, Dict[str, Dict[str, Any]]] = {}
        for raw in spec.operations():
            self._flatten_operation(raw.operation_id, raw.op)
        components = {name: self.gather(s, name) for name, s in spec.schemas.items()}
        self.schemas: Dict[str, Dict[str, Any]] = {**components, **self._synthesized}
        self.merged: Set[str] = set()
        """Models of properties several allOf members define (runapy 1.x had none of them)."""
        PropertyMerger(self.schemas, self._lift_merged).merge_all()

    def _flatten_operation(self, op_id: str, op: Dict[str, Any]) -> None:
        body = op.get("requestBody")
        if body is not None:
            content = self.spec.resolve(body).get("content", {})
            for media, entry in content.items():
                schema = entry.get("schema")
                if schema is not None and media != "application/x-www-form-urlencoded":
                    self.bodies[op_id] = self.lift(schema, f"{op_id}_request")
        flattened: Dict[str, Dict[str, Any]] = {}
        for code, response in op.get("responses", {}).items():
            content = self.spec.resolve(response).get("content", {})
            for media, entry in content.items():
                schema = entry.get("schema")
                if schema is None:
                    continue
                force = str(code).startswith("2") and "json" in media
                lifted = self.lift(schema, f"{op_id}_{code}_response", force=force)
                flattened.setdefault(str(code), {})[media] = lifted
        self.responses[op_id] = flattened

    def operation_view(self, raw: RawOperation) -> List[Any]:
        """Everything of an operation that can name a schema, with inline schemas lifted."""
        params = [self.spec.resolve(p) for p in raw.path_item.get("parameters", [])]
        params += [self.spec.resolve(p) for p in raw.op.get("parameters", [])]
        body = self.bodies.get(raw.operation_id)
        return [params, body or {}, self.responses.get(raw.operation_id, {})]

    def lift(self, schema: Dict[str, Any], key: str, force: bool = False) -> Dict[str, Any]:
        """``schema`` with inline models replaced; itself lifted when it needs a class (or
        ``force``: a JSON success body always gets a name, so a response can point at it)."""
        if "$ref" in schema:
            return schema
        flat: Dict[str, Any] = self.gather(schema, key)
        if model_needed(flat) or force:
            return self._register(key, flat)
        return flat

    def gather(self, schema: Any, prefix: str) -> Any:
        if not isinstance(schema, dict) or "$ref" in schema:
            return schema
        out = dict(schema)
        if isinstance(schema.get("properties"), dict):
            out["properties"] = {
                name: self._child(prop, f"{prefix}_{name}")
                for name, prop in schema["properties"].items()
            }
        if isinstance(schema.get("items"), dict):
            out["items"] = self._child(schema["items"], f"{prefix}_inner")
        if isinstance(schema.get("additionalProperties"), dict):
            out["additionalProperties"] = self._child(
                schema["additionalProperties"], f"{prefix}_value"
            )
        for key in ("allOf", "anyOf", "oneOf"):
            if key in schema:
                out[key] = [self.gather(member, f"{prefix}_{key}") for member in schema[key]]
        return out

    def _child(self, schema: Any, key: str) -> Any:
        flat = self.gather(schema, key)
        if model_needed(flat):
            return self._register(key, flat)
        return flat

    def _lift_merged(self, key: str, schema: Dict[str, Any]) -> Dict[str, Any]:
        known = len(self._synthesized)
        ref = self._register(key, schema)
        if len(self._synthesized) > known:
            self.merged.add(ref_name(ref))
        return ref

    def runapy_schemas(self) -> Dict[str, Dict[str, Any]]:
        """The schemas runapy 1.x's generator saw: all but the merged models."""
        return {name: s for name, s in self.schemas.items() if name not in self.merged}

    def _register(self, key: str, schema: Dict[str, Any]) -> Dict[str, Any]:
        shape = json.dumps(schema, sort_keys=True)
        name: Optional[str] = self._by_shape.get(shape)
        if name is None:
            name = camelize(key)
            n = 0
            while name in self._taken:
                n += 1
                name = camelize(f"{key}_{n}")
            self._taken.add(name)
            self._by_shape[shape] = name
            self._synthesized[name] = schema
        ref: Dict[str, Any] = {"$ref": SCHEMA_PREFIX + name}
        ref.update({k: schema[k] for k in _REF_SIBLINGS if k in schema})
        return ref
