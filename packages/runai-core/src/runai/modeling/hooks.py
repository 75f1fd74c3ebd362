"""The names core and the generated models agree on; core reads them without importing pydantic.

- ``instance.__runai_check__()`` raises ``pydantic.ValidationError`` unless the instance (and what
  it holds) is a valid request body: required fields present (readOnly ones excepted), no unknown
  field unless the schema is open, known enum values.
- ``Model.__runai_lenient__(tp, data)`` parses JSON-decoded ``data`` as the type ``tp`` (a model,
  or a ``List``/``Dict``/``Union`` of models), keeping the values that do not fit as received;
  raises ``ValueError`` when ``data`` does not have the shape of ``tp``. Looked up on the type or
  on a type argument of it (``List[Model]``).
- Validation with :data:`RESPONSE_CONTEXT` as pydantic context parses a response: lenient, no
  request check.
"""

from __future__ import annotations

from typing import Any, Dict

CHECK_HOOK = "__runai_check__"
LENIENT_HOOK = "__runai_lenient__"
RESPONSE_CONTEXT_KEY = "runai_response"

RESPONSE_CONTEXT: Dict[str, bool] = {RESPONSE_CONTEXT_KEY: True}
"""Validation context of response bodies."""


def in_response(context: Any) -> bool:
    """Whether a pydantic validation ``context`` is that of a response body."""
    return isinstance(context, dict) and bool(context.get(RESPONSE_CONTEXT_KEY))
