"""What the group template renders: one typed view per operation, built from the spec by
:func:`render.operation_view`. Templates read these and nothing else of the spec, so a new
per-operation feature is one field here plus the template lines that print it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


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
