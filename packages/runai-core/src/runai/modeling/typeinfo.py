"""What the runtime needs to know about annotations and generated classes, in one place.

Generated classes are recognised by the attributes their bases declare (``__runai_required__``
on models, ``__runai_union__`` on unions), so the modules that walk types need not import the
bases (which import them).
"""

from __future__ import annotations

from typing import Annotated, Any, Tuple, Type, Union, get_args, get_origin

NoneType: Type[None] = type(None)


def annotation(info: Any) -> Any:
    """The full annotation of a pydantic ``FieldInfo`` (constraints included)."""
    if info.metadata:
        args = (info.annotation, *info.metadata)
        return Annotated[args]
    return info.annotation


def is_model_class(tp: Any) -> bool:
    """``tp`` is a generated model (a ``RunaiModel`` subclass)."""
    return isinstance(tp, type) and hasattr(tp, "__runai_required__")


def is_union_class(tp: Any) -> bool:
    """``tp`` is a generated anyOf/oneOf class (a ``RunaiUnion`` subclass)."""
    return isinstance(tp, type) and bool(getattr(tp, "__runai_union__", False))


def options(tp: Any) -> Tuple[Any, ...]:
    """The non-``None`` members of a ``Union``/``Optional`` type, or ``(tp,)``."""
    if get_origin(tp) is Union:
        return tuple(a for a in get_args(tp) if a is not NoneType)
    return (tp,)


def unwrap(tp: Any) -> Any:
    """``tp`` without ``Annotated`` and, when it is ``Optional[X]``, without the ``Optional``."""
    if get_origin(tp) is Annotated:
        return unwrap(get_args(tp)[0])
    members = options(tp)
    return unwrap(members[0]) if len(members) == 1 and members[0] is not tp else tp
