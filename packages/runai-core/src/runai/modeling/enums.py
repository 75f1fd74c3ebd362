"""Base of every generated enum."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any, Type, TypeVar, Union

from pydantic_core import core_schema

E = TypeVar("E", bound="RunaiEnum")


class RunaiEnum(str, Enum):
    """An enum of the Run:ai API; members compare equal to, and print as, their wire value.

    Validation accepts any string (a value newer than this client stays a ``str``); requests are
    checked against the members by the models' ``__runai_check__``.
    """

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    @classmethod
    def from_json(cls: Type[E], json_str: Union[str, bytes]) -> E:
        """The member a JSON string names (runapy 1.x): ``Phase.from_json('"Running"')``."""
        return cls(json.loads(json_str))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        known = handler(source)
        return core_schema.union_schema(
            [known, core_schema.str_schema()],
            mode="left_to_right",
            metadata={"runai_enum": known},
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> Any:
        return handler(schema["metadata"]["runai_enum"])
