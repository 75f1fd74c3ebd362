"""What one control-plane version declares: its operations, parameter rules and token grants.

Read from the tables that ``tools/simtables.py`` derives from the specs, so the simulator needs
no spec at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from runai_testing._generated import tables

DEFAULT_VERSION = "2.24"
VERSIONS: Tuple[str, ...] = tables.VERSIONS


@dataclass(frozen=True)
class TypeRule:
    """The schema of a parameter value (or of an array's items)."""

    type: Optional[str]
    format: Optional[str] = None
    enum: Optional[Tuple[Any, ...]] = None
    pattern: Optional[str] = None
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    items: Optional[TypeRule] = None


@dataclass(frozen=True)
class ParamRule:
    name: str
    location: str
    required: bool
    schema: TypeRule
    default: Any = None


@dataclass(frozen=True)
class OperationRule:
    params: Tuple[ParamRule, ...]
    body_required: bool
    statuses: Tuple[int, ...]


def _type_rule(row: Optional[Tuple[Any, ...]]) -> Optional[TypeRule]:
    if row is None:
        return None
    kind, fmt, enum, pattern, minimum, maximum, items = row
    return TypeRule(kind, fmt, enum, pattern, minimum, maximum, _type_rule(items))


def _param_rule(row: Tuple[Any, ...]) -> ParamRule:
    schema = _type_rule(row[4:])
    assert schema is not None
    return ParamRule(row[0], row[1], row[2], schema, row[3])


class SpecRules:
    """The rules of one spec version, keyed by ``(METHOD, path template)``."""

    def __init__(self, version: str = DEFAULT_VERSION) -> None:
        if version not in tables.VERSIONS:
            raise ValueError(
                f"unknown spec version {version!r}; choose one of {', '.join(tables.VERSIONS)}"
            )
        self.version = version
        self.grant_types: Tuple[str, ...] = tables.GRANT_TYPES[version]
        self.token_fields: Tuple[str, ...] = tables.TOKEN_FIELDS[version]
        params = [_param_rule(row) for row in tables.PARAMS]
        self._operations: Dict[Tuple[str, str], OperationRule] = {}
        for key, variants in tables.OPERATIONS.items():
            for versions, ids, body_required, statuses in variants:
                if version in versions:
                    rule = OperationRule(tuple(params[i] for i in ids), body_required, statuses)
                    self._operations[key] = rule

    def operation(self, method: str, path: str) -> Optional[OperationRule]:
        """The rule of an operation, or ``None`` when this version does not have it."""
        return self._operations.get((method, path))

    def __contains__(self, key: Tuple[str, str]) -> bool:
        return key in self._operations

    def __len__(self) -> int:
        return len(self._operations)
