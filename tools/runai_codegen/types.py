"""Python types for the named schemas: pydantic models, enums and type aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Set, Tuple

from .inline import model_needed
from .naming import class_name, enum_member_name, safe_identifier, underscore, unique
from .spec import ref_name

# Attributes of pydantic's BaseModel that a field must not shadow.
_BASEMODEL_ATTRS = frozenset(
    [
        "copy",
        "dict",
        "json",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "construct",
        "schema",
        "schema_json",
        "validate",
        "update_forward_refs",
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        # runapy 1.x's helpers, which every model has too
        "to_dict",
        "to_json",
        "to_str",
        "from_dict",
        "from_json",
        "additional_properties",
    ]
)

# Property names openapi-generator reserves for Python besides keywords; runapy 1.x named such a
# field ``var_<name>`` (``ComplianceInfoReason.var_field``), and 1.x code uses those names.
_RUNAPY_RESERVED = frozenset(["field"])

# Keywords that describe a schema without changing which values it accepts or how they are
# named: a schema that differs from the one it refers to only by these is the same schema.
_ANNOTATIONS = frozenset(
    [
        "description",
        "example",
        "examples",
        "title",
        "readOnly",
        "writeOnly",
        "deprecated",
        "externalDocs",
    ]
)


@dataclass
class TypeExpr:
    """A rendered annotation plus what it needs: typing names and the schemas it references."""

    code: str
    typing: Set[str] = field(default_factory=set)
    stdlib: Set[Tuple[str, str]] = field(default_factory=set)
    refs: Set[str] = field(default_factory=set)
    uses_field: bool = False

    def wrap(self, template: str, *typing_names: str) -> TypeExpr:
        return TypeExpr(
            template.format(self.code),
            self.typing | set(typing_names),
            set(self.stdlib),
            set(self.refs),
            self.uses_field,
        )


@dataclass
class ModelField:
    name: str
    wire: str
    type: TypeExpr
    required: bool
    description: str
    nullable: bool = False
    default: Any = None
    read_only: bool = False


@dataclass
class NamedType:
    """One named schema (component or lifted inline) and the Python object it becomes."""

    schema_name: str
    class_name: str
    kind: str  # "model", "enum", "union" (anyOf/oneOf) or "alias"
    description: str = ""
    nullable: bool = False
    fields: List[ModelField] = field(default_factory=list)
    open: bool = False
    members: List[Tuple[str, str]] = field(default_factory=list)
    alias: Optional[TypeExpr] = None

    @property
    def refs(self) -> Set[str]:
        found: Set[str] = set()
        for f in self.fields:
            found |= f.type.refs
        if self.alias is not None:
            found |= self.alias.refs
        return found


def assign_class_names(schema_names: List[str]) -> Dict[str, str]:
    """Class name per schema. Capitalised and sanitised; when two schemas capitalise to the
    same name, the schema already spelled that way keeps it and the others keep their exact
    spec spelling (``Department`` is the org unit, ``department`` the report)."""
    wanted = {name: class_name(name) for name in schema_names}
    by_class: Dict[str, List[str]] = {}
    for name, cls in wanted.items():
        by_class.setdefault(cls, []).append(name)
    result: Dict[str, str] = {}
    for cls, names in by_class.items():
        for name in names:
            if len(names) == 1 or name == cls:
                result[name] = cls
            elif name.isidentifier():
                result[name] = name
            else:
                raise SystemExit(f"schema {name!r} collides with {names} and is no identifier")
    if len(set(result.values())) != len(result):
        raise SystemExit("class names still collide after disambiguation")
    return result


class TypeBuilder:
    """Turns flattened schemas into :class:`NamedType` objects."""

    def __init__(self, schemas: Dict[str, Dict[str, Any]]) -> None:
        self.schemas = schemas
        self.class_names = assign_class_names(list(schemas))
        self._kinds: Dict[str, str] = {}

    def build_all(self) -> Dict[str, NamedType]:
        return {name: self.build(name, schema) for name, schema in self.schemas.items()}

    def kind(self, name: str) -> str:
        """What the named schema becomes: ``enum`` (string enum), ``union`` (anyOf/oneOf),
        ``model`` (an object, or a variant of one: other required fields, other nullability),
        else ``alias`` (the same schema as the one it refers to, or a primitive, array or map)."""
        found = self._kinds.get(name)
        if found is None:
            self._kinds[name] = "alias"  # a cycle of bare $refs stays an alias
            found = self._kinds[name] = self._decide_kind(self.schemas[name])
        return found

    def _decide_kind(self, schema: Dict[str, Any]) -> str:
        values = schema.get("enum")
        if values and all(isinstance(v, str) for v in values):
            return "enum"
        if schema.get("anyOf") or schema.get("oneOf"):
            return "union"
        if self.same_as(schema) is not None:
            return "alias"
        if self._is_model(schema):
            return "model"
        target = _single_ref(schema)
        if target is not None and self._final_kind(target) == "model":
            return "model"
        return "alias"

    def _final_kind(self, name: str) -> str:
        """The kind of ``name``, through aliases that are the same schema as their target."""
        seen: Set[str] = set()
        while self.kind(name) == "alias" and name not in seen:
            seen.add(name)
            target = self.same_as(self.schemas[name])
            if target is None:
                break
            name = target
        return self.kind(name)

    def same_as(self, schema: Dict[str, Any]) -> Optional[str]:
        """The named schema ``schema`` is only another name of, or ``None``.

        That is ``{$ref: X}`` or ``allOf: [{$ref: X}]`` where nothing besides annotations
        (description, example...) is added: no required field, no property, the same
        nullability and type. Anything else would make the alias change the schema."""
        target = _single_ref(schema)
        if target is None:
            return None
        referenced = self.schemas[target]
        members = [m for m in schema.get("allOf", []) if "$ref" not in m]
        for part in [schema, *members]:
            for key, value in part.items():
                if key in ("$ref", "allOf", "nullable") or key in _ANNOTATIONS:
                    continue
                if key == "type" and value == _schema_type(referenced):
                    continue
                return None
        if any(m.get("nullable") for m in members):
            return None
        if self.nullable_schema(schema) != self.nullable_schema(referenced):
            return None
        return target

    def nullable_schema(self, schema: Dict[str, Any]) -> bool:
        """Whether a named schema accepts ``null``: its own ``nullable``, else (``$ref``, or an
        ``allOf`` of one ``$ref`` without a ``type`` of its own) that of the schema it names."""
        if "nullable" in schema:
            return bool(schema["nullable"])
        target = _single_ref(schema)
        if target is not None and ("$ref" in schema or "type" not in schema):
            return self.nullable_schema(self.schemas[target])
        return False

    def build(self, name: str, schema: Dict[str, Any]) -> NamedType:
        named = NamedType(
            schema_name=name,
            class_name=self.class_names[name],
            kind=self.kind(name),
            description=str(schema.get("description") or ""),
            nullable=bool(schema.get("nullable")),
        )
        if named.kind == "enum":
            taken: Set[str] = set()
            named.members = [(enum_member_name(v, taken), v) for v in schema["enum"]]
        elif named.kind == "model":
            props, required, named.open = self._collect(schema, set())
            taken_names: Set[str] = set()
            for wire, prop in props.items():
                py = self._field_name(wire, taken_names)
                # Every field is Optional: responses may omit or null any of them (parsed in
                # pydantic-core alone); requests are checked by the base's __runai_check__.
                ftype = self.type_of(prop).wrap("Optional[{}]", "Optional")
                named.fields.append(
                    ModelField(
                        py,
                        wire,
                        ftype,
                        wire in required,
                        str(prop.get("description") or ""),
                        nullable=self.nullable_schema(prop),
                        default=self._default(prop),
                        read_only=self._read_only(prop),
                    )
                )
        elif named.kind == "union":
            members: List[Any] = schema.get("anyOf") or schema.get("oneOf") or []
            union = _join("Union[{}]", [self._bare_type(m) for m in members], "Union")
            named.alias = union.wrap("Optional[{}]", "Optional")
        else:
            target = self.same_as(schema)
            if target is not None:
                named.alias = TypeExpr(self.class_names[target], refs={target})
            else:
                named.alias = self.type_of(schema, top=True)
        return named

    def _default(self, prop: Dict[str, Any]) -> Any:
        """The spec's default of a property (its own, else that of the schema it refers to),
        which runapy 1.x's ``from_dict`` filled in for a missing value (never for arrays)."""
        target = _single_ref(prop)
        referenced = self.schemas[target] if target is not None else {}
        if "array" in (prop.get("type"), referenced.get("type")):
            return None
        return prop["default"] if "default" in prop else referenced.get("default")

    @staticmethod
    def _is_model(schema: Dict[str, Any]) -> bool:
        if schema.get("anyOf") or schema.get("oneOf"):
            return False
        return model_needed(schema) or (
            bool(schema.get("properties")) and schema.get("type", "object") == "object"
        )

    @staticmethod
    def _field_name(wire: str, taken: Set[str]) -> str:
        name = safe_identifier(underscore(wire))
        if name in _BASEMODEL_ATTRS or name in _RUNAPY_RESERVED or name.startswith("_"):
            name = "var_" + name.lstrip("_")
        name = unique(name, taken)
        taken.add(name)
        return name

    def _collect(
        self, schema: Dict[str, Any], seen: Set[str]
    ) -> Tuple[Dict[str, Any], Set[str], bool]:
        """Merged properties, required names and openness of an object or allOf schema."""
        props: Dict[str, Any] = {}
        required: Set[str] = set()
        is_open = bool(schema.get("additionalProperties"))
        parents = [{"$ref": schema["$ref"]}] if "$ref" in schema else []
        for member in parents + schema.get("allOf", []):
            if "$ref" in member:
                target = ref_name(member)
                if target in seen:
                    continue
                sub = self._collect(self.schemas[target], seen | {target})
            else:
                sub = self._collect(member, seen)
            _refine(props, sub[0])
            required |= sub[1]
            is_open = is_open or sub[2]
        _refine(props, schema.get("properties") or {})
        required |= set(schema.get("required") or [])
        return props, required, is_open

    def _read_only(self, schema: Dict[str, Any]) -> bool:
        """``readOnly`` on the property or on the one schema it refers to: the server sends the
        value, a request need not (OpenAPI 3.0: a required readOnly property is required in
        responses only)."""
        if schema.get("readOnly"):
            return True
        target = _single_ref(schema)
        return target is not None and bool(self.schemas[target].get("readOnly"))

    def type_of(self, schema: Dict[str, Any], top: bool = False) -> TypeExpr:
        """Annotation for ``schema``; ``top`` is set for an alias's own schema (nullable kept)."""
        expr = self._bare_type(schema)
        if top and schema.get("nullable") and not expr.code.startswith("Optional["):
            expr = expr.wrap("Optional[{}]", "Optional")
        return expr

    def _bare_type(self, schema: Dict[str, Any]) -> TypeExpr:
        if "$ref" in schema:
            target = ref_name(schema)
            return TypeExpr(self.class_names[target], refs={target})
        for key in ("anyOf", "oneOf"):
            if schema.get(key):
                parts = [self._bare_type(m) for m in schema[key]]
                return _join("Union[{}]", parts, "Union")
        if "allOf" in schema:
            return self._all_of_type(schema)
        values = schema.get("enum")
        if values:
            literal = ", ".join(repr(v) for v in values)
            return TypeExpr(f"Literal[{literal}]", {"Literal"})
        kind = schema.get("type")
        if kind == "array":
            item = self._bare_type(schema.get("items") or {})
            if schema.get("items", {}).get("nullable"):
                item = item.wrap("Optional[{}]", "Optional")
            return self._constrained(item.wrap("List[{}]", "List"), schema)
        if kind == "string":
            fmt = schema.get("format")
            if fmt == "date-time":
                return TypeExpr("datetime", stdlib={("datetime", "datetime")})
            if fmt == "date":
                return TypeExpr("date", stdlib={("datetime", "date")})
            return self._constrained(TypeExpr("str"), schema)
        if kind == "integer":
            return self._constrained(TypeExpr("int"), schema)
        if kind == "number":
            return self._constrained(TypeExpr("float"), schema)
        if kind == "boolean":
            return TypeExpr("bool")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            value = self._bare_type(extra)
            if extra.get("nullable"):
                value = value.wrap("Optional[{}]", "Optional")
            return value.wrap("Dict[str, {}]", "Dict")
        if kind == "object" or schema.get("properties") or extra:
            return TypeExpr("Dict[str, Any]", {"Dict", "Any"})
        return TypeExpr("Any", {"Any"})

    def _all_of_type(self, schema: Dict[str, Any]) -> TypeExpr:
        """A non-model allOf: the one referenced type, or the merged primitive members."""
        members = schema["allOf"]
        refs = [m for m in members if "$ref" in m]
        if refs:
            return self._bare_type(refs[0])
        merged: Dict[str, Any] = {}
        for member in members:
            merged.update(member)
        merged.update({k: v for k, v in schema.items() if k != "allOf"})
        return self._bare_type(merged)

    @staticmethod
    def _constrained(expr: TypeExpr, schema: Dict[str, Any]) -> TypeExpr:
        args = []
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and len(pattern) > 1 and pattern[0] == pattern[-1] == "/":
            pattern = pattern[1:-1]  # a JavaScript regex literal: /.../ delimits, matches nothing
        if isinstance(pattern, str) and _compiles(pattern):
            args.append(f"pattern={pattern!r}")
        kind = schema.get("type")
        keywords = {
            "string": (("minLength", "min_length"), ("maxLength", "max_length")),
            "array": (("minItems", "min_length"), ("maxItems", "max_length")),
            "integer": (("minimum", "ge"), ("maximum", "le")),
            "number": (("minimum", "ge"), ("maximum", "le")),
        }.get(kind or "", ())
        for key, arg in keywords:
            value = schema.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                if key in ("minimum", "maximum") and schema.get("exclusive" + key.title()):
                    arg = "gt" if key == "minimum" else "lt"
                args.append(f"{arg}={value!r}")
        if not args:
            return expr
        wrapped = expr.wrap(
            "Annotated[{}, Field(" + ", ".join(args).replace("{", "{{").replace("}", "}}") + ")]",
            "Annotated",
        )
        wrapped.uses_field = True
        return wrapped


def _single_ref(schema: Dict[str, Any]) -> Optional[str]:
    """``X`` when ``schema`` is ``{$ref: X}`` or an ``allOf`` whose one ``$ref`` is ``X`` (its
    other members, if any, declare no properties), else ``None``."""
    if "$ref" in schema:
        return None if schema.get("allOf") or schema.get("properties") else ref_name(schema)
    if schema.get("properties") or schema.get("anyOf") or schema.get("oneOf"):
        return None
    members = schema.get("allOf") or []
    refs = [m for m in members if "$ref" in m]
    if len(refs) != 1 or any(m.get("properties") or m.get("allOf") for m in members):
        return None
    return ref_name(refs[0])


def _schema_type(schema: Dict[str, Any]) -> Optional[str]:
    """The JSON type of a schema: its ``type``, else ``object`` for one with properties/allOf."""
    if "type" in schema:
        return str(schema["type"])
    if schema.get("properties") or schema.get("allOf"):
        return "object"
    return None


def _join(template: str, parts: List[TypeExpr], *typing_names: str) -> TypeExpr:
    out = TypeExpr(template.format(", ".join(p.code for p in parts)), set(typing_names))
    for p in parts:
        out.typing |= p.typing
        out.stdlib |= p.stdlib
        out.refs |= p.refs
        out.uses_field = out.uses_field or p.uses_field
    return out


def _refine(props: Dict[str, Any], later: Dict[str, Any]) -> None:
    """Add an allOf member's properties: a property the member only annotates (``departments``
    items give ``timeRange`` just ``{"example": null}``) keeps the type an earlier member gave it,
    as allOf asks an instance to satisfy both."""
    for name, prop in later.items():
        if name in props and all(key in _ANNOTATIONS for key in prop):
            continue
        props[name] = prop


def _compiles(pattern: str) -> bool:
    """Python's ``re`` must accept the pattern (the spec double-escapes one of them)."""
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True
