"""What the group template renders: one typed view per operation, built from the spec by
:func:`render.operation_view`. Templates read these and nothing else of the spec, so a new
per-operation feature is one field here plus the template lines that print it.

:func:`check_context` holds every template to that: ``Renderer.write`` refuses a context with
anything but text, numbers, sequences and these views."""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import Mapping, Optional, Tuple


@dataclass(frozen=True)
class SignatureParam:
    """One argument of the generated method: its Python name and annotation."""

    name: str
    required: bool
    annotation: str


@dataclass(frozen=True)
class RuleView:
    """A parameter's ``runai.operation.ValueRule``: schema type, array, enum, bounds."""

    kind: str = ""
    array: bool = False
    enum: Tuple[str, ...] = ()
    minimum: Optional[float] = None
    maximum: Optional[float] = None


@dataclass(frozen=True)
class QueryParamView:
    wire: str
    explode: bool
    rule: RuleView
    required: bool


@dataclass(frozen=True)
class ResponseView:
    """A success status: its media type and the ``"module:Name"`` of its JSON model."""

    status: int
    content_type: Optional[str]
    ref: Optional[str]


@dataclass(frozen=True)
class PagingView:
    """The ``runai.operation.Paging`` of a paged list operation (wire names, and the parsed
    page's attribute holding the items)."""

    items: Optional[str]
    items_field: Optional[str]
    next_offset: Tuple[str, ...]
    total: Optional[str]
    limit: Optional[str]


@dataclass(frozen=True)
class OperationView:
    """Everything the generated ``Operation`` constant and method of one operation need."""

    operation_id: str
    http_method: str  # upper case
    path: str
    name: str
    constant: str
    deprecated: bool
    path_params: Tuple[str, ...]
    path_rules: Tuple[RuleView, ...]
    query_params: Tuple[QueryParamView, ...]
    body_media_type: Optional[str]
    body_ref: Optional[str]
    body_required: bool
    accept: str
    responses: Tuple[ResponseView, ...]
    signature: Tuple[SignatureParam, ...]
    returns: str  # the type ``ApiResponse.parsed()`` gives
    results: Tuple[Tuple[str, str], ...]  # (client class, what the method returns on it)
    doc: str  # the method's docstring, quoted and indented
    path_args: Tuple[Tuple[str, str], ...]  # (placeholder, argument)
    query_args: Tuple[Tuple[str, str], ...]  # (wire name, argument)
    form_args: Tuple[Tuple[str, str], ...]  # (wire name, argument)
    body_arg: Optional[str]
    paging: Optional[PagingView]


@dataclass(frozen=True)
class WaiterView:
    """The generated ``runai.waiting.waiter.Waiter`` constant and ``wait_until_*`` method of one
    waiter (:func:`waiters.waiter_view`)."""

    method: str
    constant: str
    resource: str
    op_constant: str  # the ``Operation`` constant that fetches the resource
    id_wire: str
    id_name: str
    id_type: str
    phase_path: Tuple[str, ...]
    message_path: Tuple[str, ...]
    success: Tuple[str, ...]
    failure: Tuple[str, ...]
    waiting: Tuple[str, ...]
    until_deleted: bool
    returns: str  # what the waiter returns: the model's class name, or ``None``
    doc: str  # the method's docstring, quoted and indented


@dataclass(frozen=True)
class GroupView:
    """An API group as its category's module names it: ``client.<category>.<attr>``."""

    tag: str
    attr: str
    class_name: str
    module: str


@dataclass(frozen=True)
class CategoryView:
    """A category module: its class and the groups it imports lazily."""

    name: str
    attr: str
    class_name: str
    groups: Tuple[GroupView, ...]


@dataclass(frozen=True)
class FieldView:
    """One field of a generated model: ``name: annotation = default``."""

    name: str
    annotation: str
    default: str  # ``None`` or a ``Field(None, ...)`` call


@dataclass(frozen=True)
class NamedTypeView:
    """One class (or alias) of a model module. The frozenset and mapping fields are Python
    literals ready to print, empty when the model has none."""

    kind: str  # "model", "enum", "union" or "alias"
    class_name: str
    doc: str  # quoted and indented
    members: Tuple[Tuple[str, str], ...]  # an enum's (member, value)
    fields: Tuple[FieldView, ...]
    init: Tuple[Tuple[str, str], ...]  # (keyword, annotation) of ``__init__`` for type checkers
    required: str
    nullable: str
    read_only: str
    open: bool
    defaults: str
    alias: Optional[str]  # the annotation a union or alias stands for


_PLAIN = (str, int, float, bool, type(None))


def check_context(template: str, context: Mapping[str, object]) -> None:
    """Refuse what a template must not read: a dict, a set or an object of the spec reader
    (``Group``, ``Operation``, ``TypeExpr``...) anywhere in ``context``."""
    for key, value in context.items():
        _check(template, key, value)


def _check(template: str, where: str, value: object) -> None:
    if isinstance(value, _PLAIN):
        return
    if isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            _check(template, f"{where}[{index}]", item)
        return
    kind = type(value)
    if not (is_dataclass(value) and kind.__module__ == __name__ and _frozen(kind)):
        name = kind.__qualname__
        name = name if kind.__module__ == "builtins" else f"{kind.__module__}.{name}"
        raise TypeError(
            f"{template}: {where} is a {name}; templates read only text, numbers, sequences "
            "and the frozen views of tools/runai_codegen/view.py: add a field to a view instead"
        )
    for f in fields(value):
        _check(template, f"{where}.{f.name}", getattr(value, f.name))


def _frozen(kind: type) -> bool:
    params: object = getattr(kind, "__dataclass_params__", None)
    return bool(getattr(params, "frozen", False))
