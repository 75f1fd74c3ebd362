"""Base of the generated anyOf/oneOf schemas: one value that is any of the member models.

``models.X(member)``, ``models.X(**fields)`` and ``models.X.model_validate(data)`` pick, in the
spec's order, the first member that is a valid request (as runapy 1.x did); responses validate
inside pydantic-core, which picks the member that fits best. Either way the value serialises as
the member itself. runapy 1.x's ``actual_instance`` and helpers work on it.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Dict, List, Optional, Tuple, Type, TypeVar, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    RootModel,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from runai.modeling import runapy
from runai.modeling.check import raise_if_invalid
from runai.modeling.hooks import in_response
from runai.modeling.lenient import best_member, parse_body, parse_value
from runai.modeling.typeinfo import annotation, options

U = TypeVar("U", bound="RunaiUnion")
_UNSET: Any = object()


class RunaiUnion(RootModel[Any]):
    """An anyOf/oneOf schema of the Run:ai API; ``root`` (alias ``actual_instance``) holds the
    member value, ``None`` when empty."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        protected_namespaces=(), regex_engine="python-re"
    )

    __runai_union__: ClassVar[bool] = True

    def __init__(self, /, actual_instance: Any = _UNSET, **fields: Any) -> None:
        """``X(member)``, ``X(actual_instance=member)`` (runapy 1.x) or ``X(**member_fields)``."""
        if fields and actual_instance is not _UNSET:
            raise TypeError(f"{type(self).__name__}() takes one member or its fields, not both")
        if set(fields) in ({"actual_instance"}, {"root"}):
            actual_instance = next(iter(fields.values()))
        elif fields:
            actual_instance = fields
        super().__init__(type(self)._pick(None if actual_instance is _UNSET else actual_instance))
        self.__runai_check__()

    # Validation of responses (TypeAdapter, nested fields) must not call this __init__.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @model_validator(mode="wrap")
    @classmethod
    def _declared_member(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        """A request object becomes the first member it is a valid request of (``_pick``).

        In a response every member accepts any object (unknown keys are kept), so pydantic may
        take one that holds the body's keys as unknown fields because the member that declares
        them has a value that does not fit: take that member, keeping the value as received."""
        if isinstance(data, dict) and not in_response(info.context):
            return cls.model_construct(cls._pick(data))
        value = handler(data)
        root = getattr(value, "root", None)
        if isinstance(data, dict) and getattr(root, "__pydantic_extra__", None):
            member = best_member(cls.members(), data)
            if member is not None and type(root) is not member:
                return cls.model_construct(parse_value(member, data))
        return value

    @property
    def actual_instance(self) -> Any:
        """The member value (runapy 1.x's name for ``root``)."""
        return self.root

    @actual_instance.setter
    def actual_instance(self, value: Any) -> None:
        self.root = type(self)._pick(value)
        self.__runai_check__()

    @classmethod
    def members(cls) -> Tuple[Any, ...]:
        """The member types, in the spec's order."""
        return options(annotation(cls.model_fields["root"]))

    @classmethod
    def _pick(cls, value: Any) -> Any:
        """``value`` as the first member it is a valid request of (a dict), else as given."""
        if value is None or not isinstance(value, dict):
            return value
        failures: List[str] = []
        for member in cls.members():
            try:
                if isinstance(member, type) and issubclass(member, BaseModel):
                    return member.model_validate(value)
                return TypeAdapter(member).validate_python(value)
            except ValidationError as exc:
                name = getattr(member, "__name__", repr(member))
                failures.append(f"{name}: {exc.error_count()} error(s), first: {_first(exc)}")
        raise ValidationError.from_exception_data(
            cls.__name__,
            [
                {
                    "type": PydanticCustomError(
                        "union_no_match",
                        "{model} is none of its members: {details}",
                        {"model": cls.__name__, "details": "; ".join(failures)},
                    ),
                    "loc": (),
                    "input": value,
                }
            ],
        )

    @classmethod
    def model_validate(cls: Type[U], obj: Any, *args: Any, **kwargs: Any) -> U:
        if in_response(kwargs.get("context")):
            return super().model_validate(obj, *args, **kwargs)
        if isinstance(obj, cls):
            obj.__runai_check__()
            return obj
        return cls(obj)

    @classmethod
    def model_validate_json(cls: Type[U], json_data: Any, *args: Any, **kwargs: Any) -> U:
        if in_response(kwargs.get("context")):
            return super().model_validate_json(json_data, *args, **kwargs)
        return cls(json.loads(json_data))

    def __runai_check__(self) -> None:
        """Raise ``ValidationError`` unless the member value is a valid request body."""
        raise_if_invalid(self)

    @staticmethod
    def __runai_lenient__(tp: Any, data: Any) -> Any:
        """A response body as ``tp``, keeping what does not fit (a def: before Python 3.10 a
        ``staticmethod`` object stored in a ClassVar is not callable)."""
        return parse_body(tp, data)

    def to_dict(self) -> Any:
        """The member's ``to_dict()`` (its value when it is no model), ``None`` when empty."""
        root = self.root
        return root.to_dict() if hasattr(root, "to_dict") else root

    def to_json(self) -> str:
        """The member's ``to_json()``; ``"null"`` when empty."""
        return runapy.to_json(self.to_dict())

    def to_str(self) -> str:
        """The member value pretty-printed by wire name."""
        return runapy.to_str(self)

    @classmethod
    def from_dict(cls: Type[U], obj: Optional[Dict[str, Any]]) -> Optional[U]:
        """The first member (in the spec's order) that declares every key of ``obj`` and whose
        runapy ``from_dict`` accepts it; ``None`` for ``None``."""
        if obj is None:
            return None
        if not isinstance(obj, dict):
            return cls(obj)
        for member in cls.members():
            if not _declares(member, obj):
                continue  # runapy took it and dropped the keys it did not know: data lost
            try:
                return cls(member.from_dict(obj))
            except ValidationError:
                continue
        return cls(obj)  # fits no member: raises the error that names every member's problem

    @classmethod
    def from_json(cls: Type[U], json_str: Union[str, bytes]) -> Optional[U]:
        """``from_dict(json.loads(json_str))``."""
        return cls.from_dict(json.loads(json_str))


def _declares(member: Any, obj: Dict[str, Any]) -> bool:
    """``member`` is a generated model that can hold every key of ``obj``."""
    if not hasattr(member, "from_dict") or not hasattr(member, "model_fields"):
        return False
    keys = {info.alias or name for name, info in member.model_fields.items()}
    return bool(member.__runai_open__) or set(obj) <= keys


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else str(error["msg"])
