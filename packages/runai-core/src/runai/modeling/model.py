"""Base of every generated model: lenient responses, strict requests, runapy 1.x helpers.

Responses are parsed leniently and entirely inside pydantic-core: every field is optional
(fields the spec marks required may be missing or null, as older control planes omit some),
enums accept values newer than this client (kept as the received ``str``), and unknown fields are
kept. Nothing here runs Python code per field or per object on that path.

Requests are strict: building a model (``models.X(...)``, ``X.model_validate(...)`` without the
response context) runs ``__runai_check__`` on the built tree, which names every unknown field,
missing or null required field (readOnly ones excepted: only responses must have them) and
unknown enum value with its path; core calls the same hook after validating a dict body (see
:mod:`runai.modeling.hooks`).
"""

from __future__ import annotations

import json
from typing import (
    Any,
    ClassVar,
    Dict,
    FrozenSet,
    Mapping,
    Optional,
    Type,
    TypeVar,
    Union,
    overload,
)

from pydantic import BaseModel, ConfigDict

from runai.modeling import runapy
from runai.modeling.check import raise_if_invalid
from runai.modeling.hooks import in_response
from runai.modeling.lenient import parse_body

M = TypeVar("M", bound="RunaiModel")


def _schema_required(schema: Dict[str, Any], cls: Any) -> None:
    """Put the spec's required fields back into the JSON schema (they default to None here),
    and its ``readOnly`` marks (a required readOnly field is required in responses only)."""
    required = sorted(
        cls.model_fields[name].alias or name for name in getattr(cls, "__runai_required__", ())
    )
    if required:
        schema["required"] = required
    properties = schema.get("properties") or {}
    for name in getattr(cls, "__runai_read_only__", ()):
        found = properties.get(cls.model_fields[name].alias or name)
        if isinstance(found, dict):
            found["readOnly"] = True


class RunaiModel(BaseModel):
    """A schema of the Run:ai API. Accepts field names and camelCase aliases alike."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        populate_by_name=True,
        protected_namespaces=(),
        regex_engine="python-re",
        extra="allow",
        json_schema_extra=_schema_required,
    )

    __runai_required__: ClassVar[FrozenSet[str]] = frozenset()
    """Fields the spec marks required (by Python name)."""
    __runai_nullable__: ClassVar[FrozenSet[str]] = frozenset()
    """Fields the spec marks nullable (by Python name)."""
    __runai_read_only__: ClassVar[FrozenSet[str]] = frozenset()
    """Fields the spec marks readOnly (by Python name): the server sets them, so a request body
    need not have them even when they are required (OpenAPI 3.0)."""
    __runai_open__: ClassVar[bool] = False
    """Whether the schema allows properties it does not declare."""
    __runai_defaults__: ClassVar[Mapping[str, Any]] = {}
    """The spec's defaults (by Python name), applied by :meth:`from_dict` as runapy 1.x did."""

    def __init__(self, /, **data: Any) -> None:
        super().__init__(**data)
        self.__runai_check__()

    # Validation of responses (TypeAdapter, nested models) must not call this __init__.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls: Type[M], obj: Any, *args: Any, **kwargs: Any) -> M:
        model = super().model_validate(obj, *args, **kwargs)
        if not in_response(kwargs.get("context")):
            model.__runai_check__()
        return model

    @classmethod
    def model_validate_json(cls: Type[M], json_data: Any, *args: Any, **kwargs: Any) -> M:
        model = super().model_validate_json(json_data, *args, **kwargs)
        if not in_response(kwargs.get("context")):
            model.__runai_check__()
        return model

    def __runai_check__(self) -> None:
        """Raise ``ValidationError`` unless this tree is a valid request body."""
        raise_if_invalid(self)

    @staticmethod
    def __runai_lenient__(tp: Any, data: Any) -> Any:
        """A response body as ``tp``, keeping what does not fit (a def: before Python 3.10 a
        ``staticmethod`` object stored in a ClassVar is not callable)."""
        return parse_body(tp, data)

    @property
    def additional_properties(self) -> Dict[str, Any]:
        """The fields the schema does not declare (runapy 1.x's name for ``model_extra``)."""
        if self.__pydantic_extra__ is None:
            object.__setattr__(self, "__pydantic_extra__", {})
        extra: Dict[str, Any] = self.__pydantic_extra__  # type: ignore[assignment]
        return extra

    def to_dict(self) -> Dict[str, Any]:
        """The fields by wire name, as runapy 1.x's ``to_dict()``: ``None`` left out except for
        nullable fields set to ``None``."""
        return runapy.to_dict(self)

    def to_json(self) -> str:
        """``json.dumps(self.to_dict())`` (datetimes as ISO 8601)."""
        return runapy.to_json(self.to_dict())

    def to_str(self) -> str:
        """``model_dump(by_alias=True)`` pretty-printed, as runapy 1.x's ``to_str()``."""
        return runapy.to_str(self)

    @overload
    @classmethod
    def from_dict(cls: Type[M], obj: None) -> None: ...

    @overload
    @classmethod
    def from_dict(cls: Type[M], obj: Union[Dict[str, Any], M]) -> M: ...

    @classmethod
    def from_dict(cls: Type[M], obj: Union[Dict[str, Any], M, None]) -> Optional[M]:
        """A request model from a dict keyed by wire name, as runapy 1.x's ``from_dict``: every
        declared field is set (a missing or null one to the spec's default, else ``None``),
        undeclared keys are dropped unless the schema is open, and the result is checked."""
        if obj is None:
            return None
        if not isinstance(obj, dict):
            return cls.model_validate(obj)
        return cls.model_validate(runapy.from_dict_data(cls, obj))

    @classmethod
    def from_json(cls: Type[M], json_str: Union[str, bytes]) -> Optional[M]:
        """``from_dict(json.loads(json_str))``: ``None`` for the JSON ``null``."""
        data: Optional[Dict[str, Any]] = json.loads(json_str)
        return cls.from_dict(data)
