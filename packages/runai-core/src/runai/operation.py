"""Declarative description of one REST operation.

Generated category packages describe every endpoint with these objects; the clients turn them into
HTTP requests. Keeping the description as data lets one request-building path serve the sync,
threaded and async clients alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Tuple

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class ValueRule:
    """What the spec allows for one path or query value, checked before anything is sent.

    ``kind`` is the schema type (``string``, ``integer``, ``number``, ``boolean``; empty: any
    scalar); ``array`` means a list of such values. ``enum`` lists the allowed values as sent,
    ``minimum``/``maximum`` bound a number.
    """

    kind: str = ""
    array: bool = False
    enum: Tuple[str, ...] = ()
    minimum: Optional[float] = None
    maximum: Optional[float] = None


ANY_VALUE = ValueRule()


@dataclass(frozen=True)
class QueryParam:
    """A query parameter; arrays are comma-joined unless ``explode`` is true (repeated keys).
    A ``required`` one must be given; ``rule`` is what its value may be."""

    wire_name: str
    explode: bool = False
    rule: ValueRule = ANY_VALUE
    required: bool = False


@dataclass(frozen=True)
class ResponseSpec:
    """What a success status returns.

    ``model`` is ``"package.module:Name"`` resolved lazily on first use, or ``None`` when the
    operation declares no JSON schema. ``content_type`` is the media type the spec lists first
    for that status (``application/json`` wins when several are offered).
    """

    content_type: Optional[str] = "application/json"
    model: Optional[str] = None


@dataclass(frozen=True)
class Paging:
    """How a list operation pages, as the generator read it from the spec (SPEC-NOTES §5).

    ``offset`` and ``limit`` are the request's query parameters (the audit log has no
    ``limit``). ``items`` is the answer's property holding the items (``None``: the answer is
    the array) and ``items_field`` the parsed page's attribute for it. The next page starts at
    the value found at the property path ``next_offset`` (``("next",)``,
    ``("pagination", "nextOffset")``); without one, after the items counted so far, while that
    is below the ``total`` property (``totalRecords``) when there is one.
    """

    items: Optional[str]
    items_field: Optional[str] = None
    next_offset: Tuple[str, ...] = ()
    total: Optional[str] = None
    offset: str = "offset"
    limit: Optional[str] = "limit"


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, as the generator saw it.

    ``path`` is the spec's template (``/api/v1/projects/{projectId}``); ``path_params`` lists the
    placeholder names in it, ``path_rules`` the rule of each (same order; empty: none declared).
    ``body_required`` says the spec requires a body. ``body_media_type`` is ``application/json``,
    ``application/x-www-form-urlencoded`` or ``None``; ``body_model`` names the request model
    (``"module:Name"``) used to validate a plain ``dict`` body. ``paging`` is set on the list
    operations that page: their responses iterate every item of every page.
    """

    operation_id: str
    method: str
    path: str
    path_params: Tuple[str, ...] = ()
    path_rules: Tuple[ValueRule, ...] = ()
    query_params: Tuple[QueryParam, ...] = ()
    body_media_type: Optional[str] = None
    body_model: Optional[str] = None
    body_required: bool = False
    accept: str = "application/json"
    responses: Mapping[int, ResponseSpec] = field(default_factory=dict)
    deprecated: bool = False
    paging: Optional[Paging] = None

    @property
    def idempotent(self) -> bool:
        return self.method in IDEMPOTENT_METHODS
