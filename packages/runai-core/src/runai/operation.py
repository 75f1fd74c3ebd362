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
class QueryParam:
    """A query parameter; arrays are comma-joined unless ``explode`` is true (repeated keys)."""

    wire_name: str
    explode: bool = False


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
class Operation:
    """One operation of the spec, as the generator saw it.

    ``path`` is the spec's template (``/api/v1/projects/{projectId}``); ``path_params`` lists the
    placeholder names in it. ``body_media_type`` is ``application/json``,
    ``application/x-www-form-urlencoded`` or ``None``; ``body_model`` names the request model
    (``"module:Name"``) used to validate a plain ``dict`` body.
    """

    operation_id: str
    method: str
    path: str
    path_params: Tuple[str, ...] = ()
    query_params: Tuple[QueryParam, ...] = ()
    body_media_type: Optional[str] = None
    body_model: Optional[str] = None
    accept: str = "application/json"
    responses: Mapping[int, ResponseSpec] = field(default_factory=dict)
    deprecated: bool = False

    @property
    def idempotent(self) -> bool:
        return self.method in IDEMPOTENT_METHODS
