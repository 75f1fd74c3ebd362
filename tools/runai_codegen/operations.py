"""Operations as generated methods: names, parameters, bodies and declared responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Set

from .inline import InlineResolver
from .naming import method_name, safe_identifier, underscore, unique
from .paging import PagingShape, item_schema, paging_shape
from .spec import RawOperation, Spec, ref_name
from .types import TypeBuilder, TypeExpr
from .view import RuleView

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


@dataclass
class Param:
    name: str  # Python argument name
    wire: str  # name on the wire (path placeholder, query key or form field)
    location: str  # "path", "query", "body" or "form"
    required: bool
    type: TypeExpr
    description: str = ""
    explode: bool = False
    rule: RuleView = field(default_factory=RuleView)


@dataclass
class Response:
    status: int
    content_type: Optional[str]
    model: Optional[str]  # schema name of the JSON body


@dataclass
class Operation:
    raw: RawOperation
    name: str = ""
    params: List[Param] = field(default_factory=list)
    body_media_type: Optional[str] = None
    body_schema: Optional[str] = None
    body_required: bool = False
    accept: str = JSON
    responses: List[Response] = field(default_factory=list)
    paging: Optional[PagingShape] = None
    item_type: Optional[TypeExpr] = None  # one item of a paged answer

    @property
    def deprecated(self) -> bool:
        return self.raw.deprecated

    @property
    def constant(self) -> str:
        return "_" + self.name.upper()

    @property
    def summary(self) -> str:
        return str(self.raw.op.get("summary") or "")

    @property
    def description(self) -> str:
        return str(self.raw.op.get("description") or "")

    def signature_params(self) -> List[Param]:
        """Required first, then optional; spec order inside each, the body last of its group."""
        ordered = [p for p in self.params if p.location != "body"]
        ordered += [p for p in self.params if p.location == "body"]
        return [p for p in ordered if p.required] + [p for p in ordered if not p.required]

    def referenced_schemas(self) -> Set[str]:
        names = {r.model for r in self.responses if r.model}
        if self.body_schema:
            names.add(self.body_schema)
        for p in self.params:
            names |= p.type.refs
        return names

    @property
    def page_model(self) -> Optional[str]:
        """Schema name of the 200 answer of a paged operation."""
        return next((r.model for r in self.responses if r.status == 200), None)


class OperationBuilder:
    def __init__(self, spec: Spec, inline: InlineResolver, types: TypeBuilder) -> None:
        self.spec = spec
        self.inline = inline
        self.types = types

    def build(self, raw: RawOperation) -> Operation:
        op = Operation(raw)
        taken: Set[str] = {"self"}
        for param in self.spec.parameters(raw):
            if param["in"] not in ("path", "query"):
                continue  # header parameters (User-Agent in old specs) are set by the client
            schema = param.get("schema") or {}
            explode = param.get("explode", param.get("style", "form") == "form")
            op.params.append(
                Param(
                    name=self._arg_name(param["name"], taken),
                    wire=param["name"],
                    location=param["in"],
                    required=bool(param.get("required")) or param["in"] == "path",
                    type=self._param_type(schema),
                    description=str(param.get("description") or ""),
                    explode=bool(explode) and schema.get("type") == "array",
                    rule=self._rule(schema),
                )
            )
        self._body(op, taken)
        self._responses(op)
        self._paging(op)
        return op

    def _paging(self, op: Operation) -> None:
        shape = paging_shape(self.spec, op.raw)
        page = op.page_model
        if shape is None or page is None:
            return
        op.paging = shape
        item = item_schema(self.inline.schemas, self.inline.schemas[page], shape.items)
        op.item_type = self.types.type_of(item)

    @staticmethod
    def _arg_name(wire: str, taken: Set[str]) -> str:
        name = unique(safe_identifier(underscore(wire)), taken)
        taken.add(name)
        return name

    def _param_type(self, schema: Dict[str, Any]) -> TypeExpr:
        """Parameters take plain values: enum schemas become ``Literal`` of their values."""
        if "$ref" in schema:
            return self._param_type(self.inline.schemas[ref_name(schema)])
        if schema.get("type") == "array":
            return self._param_type(schema.get("items") or {}).wrap("List[{}]", "List")
        plain = {k: v for k, v in schema.items() if k not in ("pattern", "minimum", "maximum")}
        plain.pop("minLength", None)
        plain.pop("maxLength", None)
        return self.types.type_of(plain)

    def _rule(self, schema: Dict[str, Any]) -> RuleView:
        """What a path or query value may be (core checks it before sending): the schema's
        type, enum and bounds; an array's rule is its items' with ``array`` set."""
        if "$ref" in schema:
            return self._rule(self.inline.schemas[ref_name(schema)])
        if schema.get("type") == "array":
            items = self._rule(schema.get("items") or {})
            if items == RuleView():
                return items
            return RuleView(items.kind, True, items.enum, items.minimum, items.maximum)
        kind = schema.get("type")
        enum = tuple(str(v) for v in schema.get("enum") or () if v is not None)
        return RuleView(
            kind if kind in ("string", "integer", "number", "boolean") else "",
            False,
            enum if kind == "string" else (),
            schema.get("minimum"),
            schema.get("maximum"),
        )

    def _body(self, op: Operation, taken: Set[str]) -> None:
        body = op.raw.op.get("requestBody")
        if body is None:
            return
        body = self.spec.resolve(body)
        content = body.get("content", {})
        media = JSON if JSON in content else next(iter(content), None)
        if media is None:
            return
        op.body_media_type = media
        required = bool(body.get("required"))
        op.body_required = required and media != FORM
        if media == FORM:
            schema = content[media].get("schema") or {}
            if "$ref" in schema:
                schema = self.inline.schemas[ref_name(schema)]
            needed = set(schema.get("required") or [])
            for wire, prop in (schema.get("properties") or {}).items():
                op.params.append(
                    Param(
                        name=self._arg_name(wire, taken),
                        wire=wire,
                        location="form",
                        required=wire in needed,
                        type=self._param_type(prop),
                        description=str(prop.get("description") or ""),
                    )
                )
            return
        lifted = self.inline.bodies.get(op.raw.operation_id)
        if lifted is None or "$ref" not in lifted:
            raise SystemExit(f"{op.raw.operation_id}: request body has no named schema")
        schema_name = ref_name(lifted)
        op.body_schema = schema_name
        target = self.inline.schemas[schema_name]
        if schema_name not in self.spec.schemas:
            arg = underscore(op.raw.operation_id) + "_request"
        elif target.get("type") == "array" and "$ref" in target.get("items", {}):
            arg = underscore(ref_name(target["items"]))
        else:
            arg = underscore(schema_name)
        expr = TypeExpr(self.types.class_names[schema_name], refs={schema_name})
        expr = TypeExpr(
            f"Union[{expr.code}, Dict[str, Any]]"
            if target.get("type") != "array"
            else f"Union[{expr.code}, List[Any]]",
            {"Union", "Dict", "Any", "List"},
            refs=expr.refs,
        )
        op.params.append(
            Param(
                name=self._arg_name(arg, taken),
                wire="",
                location="body",
                required=required,
                type=expr,
                description=str(body.get("description") or ""),
            )
        )

    def _responses(self, op: Operation) -> None:
        """Every 2xx status; ``Accept`` is JSON when any success offers it, else the first type."""
        lifted = self.inline.responses.get(op.raw.operation_id, {})
        offered: List[str] = []
        for code, response in op.raw.op.get("responses", {}).items():
            if not str(code).startswith("2"):
                continue
            content = self.spec.resolve(response).get("content", {})
            offered += list(content)
            media = JSON if JSON in content else next(iter(content), None)
            model = None
            if media is not None and "json" in media:
                schema = lifted.get(str(code), {}).get(media)
                if schema is not None and "$ref" in schema:
                    model = ref_name(schema)
            op.responses.append(Response(int(code), media, model))
        op.accept = JSON if JSON in offered or not offered else offered[0]


def name_methods(ops: List[Operation]) -> None:
    """Method names per tag: a name shared by several operations stays with the first
    non-deprecated one; the others take ``_0``, ``_1``... in spec order, so a name never moves
    to another endpoint between spec versions (runapy's suffixes did)."""
    base = {id(op): method_name(op.raw.operation_id) for op in ops}
    by_name: Dict[str, List[Operation]] = {}
    for op in ops:
        by_name.setdefault(base[id(op)], []).append(op)
    taken = set(by_name)
    for name, group in by_name.items():
        keeper = next((op for op in group if not op.deprecated), group[0])
        keeper.name = name
        n = 0
        for op in group:
            if op is keeper:
                continue
            while f"{name}_{n}" in taken:
                n += 1
            op.name = f"{name}_{n}"
            taken.add(op.name)


def tag_operations(ops: List[Operation]) -> Dict[str, List[Operation]]:
    by_tag: Dict[str, List[Operation]] = {}
    for op in ops:
        by_tag.setdefault(op.raw.tag, []).append(op)
    return by_tag
