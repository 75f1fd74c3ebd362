"""A waiter as data: which operation to poll, where its phase is, and what the phases mean.

Every generated group module with waiters builds its :class:`Waiter` objects when it is imported,
on the way to any first call of that group, so this module stays cheap: a plain class (a frozen
dataclass generates and compiles its methods at import, about 2 ms per class) and no import but
:mod:`runai.operation`, which the group has already loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, FrozenSet, Tuple, Type

if TYPE_CHECKING:
    from runai.operation import Operation

DEFAULT_TIMEOUT = 600.0
DEFAULT_POLL_INTERVAL = 2.0

_FIELDS = (
    "name",
    "resource",
    "operation",
    "id_param",
    "phase_path",
    "message_path",
    "success",
    "failure",
    "waiting",
    "until_deleted",
)


class Waiter:
    """Generated from the spec's phase enums (``tools/runai_codegen/waiters.py``).

    ``operation`` is the GET of one resource, called with ``{id_param: resource_id}``;
    ``phase_path`` and ``message_path`` are wire names leading to the phase and to the control
    plane's explanation of it in the answer. A phase in ``success`` ends the wait, one in
    ``failure`` raises :class:`~runai.exceptions.WaitFailedError`, any other phase (``waiting``,
    or one a newer control plane added) means poll again. ``until_deleted`` waiters succeed on
    404 instead. Read-only, compared by value (and, like the Operation it holds, not hashable).
    """

    __slots__ = _FIELDS

    name: str
    resource: str
    operation: Operation
    id_param: str
    phase_path: Tuple[str, ...]
    message_path: Tuple[str, ...]
    success: FrozenSet[str]
    failure: FrozenSet[str]
    waiting: FrozenSet[str]
    until_deleted: bool

    def __init__(
        self,
        name: str,
        resource: str,
        operation: Operation,
        id_param: str,
        phase_path: Tuple[str, ...] = (),
        message_path: Tuple[str, ...] = (),
        success: FrozenSet[str] = frozenset(),
        failure: FrozenSet[str] = frozenset(),
        waiting: FrozenSet[str] = frozenset(),
        until_deleted: bool = False,
    ) -> None:
        values = (
            name,
            resource,
            operation,
            id_param,
            phase_path,
            message_path,
            success,
            failure,
            waiting,
            until_deleted,
        )
        for field, value in zip(_FIELDS, values):
            object.__setattr__(self, field, value)

    @property
    def goal(self) -> str:
        """What the waiter waits for, as error messages say it."""
        return "deletion" if self.until_deleted else " or ".join(sorted(self.success))

    def _values(self) -> Tuple[object, ...]:
        return tuple(getattr(self, field) for field in _FIELDS)

    def __reduce__(self) -> Tuple[Type[Waiter], Tuple[object, ...]]:
        return (Waiter, self._values())  # pickled and copied through __init__: it is read-only

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Waiter is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Waiter is read-only: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Waiter):
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        fields = ", ".join(f"{field}={getattr(self, field)!r}" for field in _FIELDS)
        return f"Waiter({fields})"
