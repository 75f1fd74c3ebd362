"""Properties that several allOf members define, merged into the one schema an instance must meet.

An instance of ``allOf: [A, B]`` is valid against A and against B, so a property both define
must satisfy both definitions (``SupersetSpec.restartPolicy`` is the ``DistributedInference-
RestartPolicy`` enum in one member and a plain string in another: it is the enum). Taking one
member's definition, as a plain dict merge does, loses the other's.

Rules, for two definitions of one property (three or more are merged pairwise, in spec order):

- one only annotates (description, example...): the other stands;
- a string enum and a plain string: the enum (its values are strings; the string's own length
  or pattern limits are the enum's business);
- two objects: a new model ``<Owner><Property>``, ``allOf`` of both, so the merged property has
  the properties and required names of each and every property both define is merged by these
  rules again;
- two primitives or arrays of one type: the definition whose limits include the other's
  (``minLength: 1`` over no limit), a named schema kept when it is the stricter one; else one
  schema with every limit, the tighter bound of each;
- anything else is a contradiction no value satisfies: two enums with other values (2.22's
  ``restartPolicy``: ``Always|Never|OnFailure`` and ``RecreateGroupOnPodRestart|None``), a string
  and an integer, two patterns or formats. The spec's authors mean "one or the other" there (a
  superset of several kinds of workload), so the property keeps the JSON type both share, with
  no limit (``str`` for two string enums), or no type at all when they share none.

A merged property admits ``null`` only when both definitions do; it is ``readOnly`` when either is.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from .spec import ref_name

Schema = Dict[str, Any]
Register = Callable[[str, Schema], Schema]
"""Lifts an inline schema under a name derived from a key and returns the ``$ref`` to it."""

_ANNOTATIONS = frozenset(
    [
        "description",
        "example",
        "examples",
        "title",
        "readOnly",
        "writeOnly",
        "deprecated",
        "default",
    ]
)
_LOWER_BOUNDS = ("minLength", "minimum", "minItems")
_UPPER_BOUNDS = ("maxLength", "maximum", "maxItems")
_EXACT = (
    "enum",  # of numbers: string enums are told apart before limits are compared
    "format",
    "pattern",
    "items",
    "additionalProperties",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "uniqueItems",
)
_LIMITS = _LOWER_BOUNDS + _UPPER_BOUNDS + _EXACT
_PENDING = "x-merged-objects"
"""Key of a merge of object definitions not lifted yet: the allOf members so far."""


class PropertyMerger:
    """Rewrites, in place, every named schema whose allOf members define a property twice: the
    merged definition becomes a property of the schema itself (read after the members')."""

    def __init__(self, schemas: Dict[str, Schema], register: Register) -> None:
        self.schemas = schemas
        self._register = register
        self._effective: Dict[str, Dict[str, Schema]] = {}

    def merge_all(self) -> None:
        for name in list(self.schemas):
            self.properties(name, frozenset())

    def properties(self, name: str, seen: FrozenSet[str]) -> Dict[str, Schema]:
        """The properties of the named schema after merging, each as one definition."""
        found = self._effective.get(name)
        if found is not None:
            return found
        schema = self.schemas[name]
        by_name: Dict[str, List[Schema]] = {}
        for prop, definition in self._definitions(schema, seen | {name}):
            by_name.setdefault(prop, []).append(definition)
        found = {}
        updates: Dict[str, Schema] = {}
        for prop, definitions in by_name.items():
            typed = [d for d in definitions if not _annotation_only(d)] or definitions[-1:]
            result = typed[0]
            for later in typed[1:]:
                result = self._merge(result, later)
            if _PENDING in result:
                result = self._lift(name, prop, result)
            result = _annotated(result, definitions)
            if result != typed[-1]:
                updates[prop] = result
            found[prop] = result
        if updates:
            schema["properties"] = {**(schema.get("properties") or {}), **updates}
        self._effective[name] = found
        return found

    def _definitions(self, schema: Schema, seen: FrozenSet[str]) -> List[Tuple[str, Schema]]:
        """Every definition of every property, members first, in spec order."""
        found: List[Tuple[str, Schema]] = []
        parents = [{"$ref": schema["$ref"]}] if "$ref" in schema else []
        for member in parents + list(schema.get("allOf") or []):
            if "$ref" in member:
                target = ref_name(member)
                if target not in seen:
                    found += self.properties(target, seen).items()
            else:
                found += self._definitions(member, seen)
        found += (schema.get("properties") or {}).items()
        return found

    def _merge(self, a: Schema, b: Schema) -> Schema:
        if _bare(a) == _bare(b):
            return b
        ra, rb = self._resolve(a), self._resolve(b)
        nullable = self._nullable(a) and self._nullable(b)
        ea, eb = _string_enum(ra), _string_enum(rb)
        ta, tb = _json_type(ra), _json_type(rb)
        if ea is not None and eb is not None:
            return (
                self._with_nullable(b, nullable)
                if set(ea) == set(eb)
                else _common(ta, tb, nullable)
            )
        if ea is not None or eb is not None:
            if ta != tb:
                return _common(ta, tb, nullable)
            return self._with_nullable(a if ea is not None else b, nullable)
        if ta == tb == "object":
            return self._merge_objects(a, b, ra, rb, nullable)
        if ta != tb or ta is None:
            return _common(ta, tb, nullable)
        return self._merge_limits(a, b, ra, rb, nullable)

    def _merge_objects(
        self, a: Schema, b: Schema, ra: Schema, rb: Schema, nullable: bool
    ) -> Schema:
        """Two objects: both definitions' members of one allOf, lifted once every definition of
        the property is in (:meth:`_lift`)."""
        shaped = [d for d, r in ((a, ra), (b, rb)) if _shaped(r)]
        if len(shaped) < 2:  # a free-form object and one with properties: the latter
            return self._with_nullable(shaped[0] if shaped else b, nullable)
        members: List[Schema] = []
        for definition in (a, b):
            parts = definition.get(_PENDING) or [_bare(definition)]
            members += [m for m in parts if m not in members]
        pending: Schema = {_PENDING: members}
        if nullable:
            pending["nullable"] = True
        return pending

    def _lift(self, owner: str, prop: str, pending: Schema) -> Schema:
        """The model ``<Owner><Property>``: the allOf of the object definitions merged."""
        members: List[Schema] = pending[_PENDING]
        names = [ref_name(m) if "$ref" in m else "an inline object" for m in members]
        lifted: Schema = {
            "description": f"``{prop}`` of {owner}: a {' and a '.join(names)} at once (allOf), "
            "with the properties of each.",
            "type": "object",
            "allOf": members,
        }
        if pending.get("nullable"):
            lifted["nullable"] = True
        ref = self._register(f"{owner}_{prop}", lifted)
        name = ref_name(ref)
        if name not in self.schemas:
            self.schemas[name] = lifted
            self.properties(name, frozenset())
        return {k: v for k, v in ref.items() if k != "description"}

    def _merge_limits(self, a: Schema, b: Schema, ra: Schema, rb: Schema, nullable: bool) -> Schema:
        """Two definitions of one primitive or array type: the stricter, or both limits in one."""
        la = {k: ra[k] for k in _LIMITS if k in ra}
        lb = {k: rb[k] for k in _LIMITS if k in rb}
        if la.items() <= lb.items():
            return self._with_nullable(b, nullable)
        if lb.items() <= la.items():
            return self._with_nullable(a, nullable)
        merged: Schema = {"type": ra["type"]}
        for key in _EXACT:
            values = [limits[key] for limits in (la, lb) if key in limits]
            if len(values) == 2 and values[0] != values[1]:
                return _common(ra["type"], rb["type"], nullable)
            if values:
                merged[key] = values[0]
        for key in _LOWER_BOUNDS:
            lows = [limits[key] for limits in (la, lb) if key in limits]
            if lows:
                merged[key] = max(lows)
        for key in _UPPER_BOUNDS:
            highs = [limits[key] for limits in (la, lb) if key in limits]
            if highs:
                merged[key] = min(highs)
        return self._with_nullable(merged, nullable)

    def _resolve(self, schema: Schema) -> Schema:
        """The schema a definition names: through ``$ref`` and one-``$ref`` allOf wrappers."""
        seen: Set[str] = set()
        while True:
            target = _only_ref(schema)
            if target is None or target in seen:
                return schema
            seen.add(target)
            schema = self.schemas[target]

    def _with_nullable(self, schema: Schema, nullable: bool) -> Schema:
        """``schema`` admitting ``null`` exactly when both merged definitions do."""
        if self._nullable(schema) == nullable:
            return schema
        return {**schema, "nullable": nullable}

    def _nullable(self, schema: Schema) -> bool:
        if "nullable" in schema:
            return bool(schema["nullable"])
        target = _only_ref(schema)
        return target is not None and self._nullable(self.schemas[target])


def _only_ref(schema: Schema) -> Optional[str]:
    """The one schema a definition names: ``$ref``, or an allOf of one ``$ref`` whose other
    members only annotate (``nullable``, ``description``)."""
    if "$ref" in schema:
        return ref_name(schema)
    members = schema.get("allOf") or []
    refs = [m for m in members if "$ref" in m]
    if len(refs) != 1 or schema.get("properties"):
        return None
    if any(m.get("properties") or m.get("allOf") for m in members):
        return None
    return ref_name(refs[0])


def _shaped(schema: Schema) -> bool:
    """An object definition with properties of its own (not a free-form map)."""
    return bool(schema.get("properties") or schema.get("allOf") or schema.get(_PENDING))


def _annotation_only(schema: Schema) -> bool:
    return all(key in _ANNOTATIONS for key in schema)


def _annotated(result: Schema, definitions: List[Schema]) -> Schema:
    """``result`` with the annotations a merge must not lose: ``readOnly`` when any definition
    says so; the last description and default given when the result has none."""
    extra: Schema = {}
    if any(d.get("readOnly") for d in definitions) and not result.get("readOnly"):
        extra["readOnly"] = True
    for key in ("description", "default"):
        given = [d[key] for d in definitions if key in d]
        if given and key not in result:
            extra[key] = given[-1]
    return {**result, **extra} if extra else result


def _bare(schema: Schema) -> Schema:
    """A definition without its annotations (what it accepts)."""
    return {k: v for k, v in schema.items() if k not in _ANNOTATIONS}


def _string_enum(schema: Schema) -> Optional[List[str]]:
    values = schema.get("enum")
    if values and all(isinstance(v, str) for v in values):
        return list(values)
    return None


def _json_type(schema: Schema) -> Optional[str]:
    if "type" in schema:
        return str(schema["type"])
    if _shaped(schema) or schema.get("additionalProperties"):
        return "object"
    if _string_enum(schema) is not None:
        return "string"
    return None


def _common(ta: Optional[str], tb: Optional[str], nullable: bool) -> Schema:
    """The contradiction fallback: the JSON type both definitions share, no limit."""
    common: Schema = {"type": ta} if ta is not None and ta == tb else {}
    if nullable:
        common["nullable"] = True
    return common
