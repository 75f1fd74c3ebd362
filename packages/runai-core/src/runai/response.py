"""The result of a successful call."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from runai._adapters import adapter_for
from runai.operation import ResponseSpec

RESPONSE_CONTEXT = {"runai_response": True}
"""Validation context passed to response models so that they can parse leniently."""


class ApiResponse:
    """Status, headers and body of a 2xx answer.

    ``data`` is what existing scripts index into: parsed JSON for JSON bodies, ``str`` for text
    bodies, ``bytes`` otherwise, ``None`` for an empty body. :meth:`parsed` returns the body as the
    operation's declared pydantic model.
    """

    __slots__ = ("_parsed", "_spec", "data", "headers", "raw", "status_code")

    def __init__(
        self,
        status_code: int,
        headers: Mapping[str, str],
        data: Any,
        raw: bytes,
        spec: Optional[ResponseSpec] = None,
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.data = data
        self.raw = raw
        self._spec = spec
        self._parsed: Any = _UNSET

    @property
    def model_name(self) -> Optional[str]:
        """Name of the model this status declares, or ``None``."""
        if self._spec is None or self._spec.model is None:
            return None
        return self._spec.model.rpartition(":")[2]

    def parsed(self) -> Any:
        """The body validated into the operation's response model (cached).

        Raises ``TypeError`` when the operation declares no model for this status; read
        ``data`` instead.
        """
        if self._parsed is _UNSET:
            if self._spec is None or self._spec.model is None:
                raise TypeError(
                    f"this response (status {self.status_code}) has no declared model; "
                    "use .data for the raw body"
                )
            self._parsed = adapter_for(self._spec.model).validate_python(
                self.data, context=RESPONSE_CONTEXT
            )
        return self._parsed

    def __repr__(self) -> str:
        return f"<ApiResponse status={self.status_code} model={self.model_name}>"


_UNSET: Any = object()
