"""List semantics shared by the stateful collections: ``filterBy``, ``sortBy``/``sortOrder``
and ``offset``/``limit`` with ``next``, as the spec describes them."""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from runai_testing.validation import InvalidRequest

_FILTER = re.compile(r"^([A-Za-z0-9_.\-]+?)(==|!=|<=|>=|=@|!@|=\^|=\$)(.*)$")
_NESTED = ("meta", "spec", "status")
_NO_ALIASES: Mapping[str, str] = {}


def field_value(item: Mapping[str, Any], name: str) -> Any:
    """A field by wire name: top level first, then inside ``meta``, ``spec`` and ``status``;
    dots walk nested objects."""
    if "." in name:
        value: Any = item
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return value
    if name in item:
        return item[name]
    for section in _NESTED:
        inner = item.get(section)
        if isinstance(inner, Mapping) and name in inner:
            return inner[name]
    return None


def _comparable(value: Any) -> Tuple[int, Any]:
    """Numbers compare as numbers, everything else as text; missing values sort first."""
    if value is None:
        return (0, "")
    if isinstance(value, bool):
        return (2, str(value).lower())
    if isinstance(value, (int, float)):
        return (1, float(value))
    try:
        return (1, float(value))
    except (TypeError, ValueError):
        return (2, str(value))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


_TESTS: Dict[str, Callable[[Any, str], bool]] = {
    "==": lambda v, x: _text(v) == x or _comparable(v) == _comparable(x),
    "!=": lambda v, x: not (_text(v) == x or _comparable(v) == _comparable(x)),
    "<=": lambda v, x: _comparable(v) <= _comparable(x),
    ">=": lambda v, x: _comparable(v) >= _comparable(x),
    "=@": lambda v, x: x.lower() in _text(v).lower(),
    "!@": lambda v, x: x.lower() not in _text(v).lower(),
    "=^": lambda v, x: _text(v).lower().startswith(x.lower()),
    "=$": lambda v, x: _text(v).lower().endswith(x.lower()),
}


def parse_filter(expression: str) -> Tuple[str, str, str]:
    match = _FILTER.match(expression)
    if match is None:
        raise InvalidRequest(
            f"filterBy: {expression!r} is not <field><operator><value> "
            "with an operator of ==, !=, <=, >=, =@, !@, =^, =$"
        )
    return match.group(1), match.group(2), match.group(3)


def apply_filters(
    items: Sequence[Dict[str, Any]],
    expressions: Sequence[str],
    aliases: Mapping[str, str] = _NO_ALIASES,
) -> List[Any]:
    """Items matching every expression (the spec ANDs the ``filterBy`` entries)."""
    tests = [parse_filter(e) for e in expressions]
    return [
        item
        for item in items
        if all(
            _TESTS[op](field_value(item, aliases.get(name, name)), value)
            for name, op, value in tests
        )
    ]


def sort_items(
    items: List[Dict[str, Any]],
    sort_by: Optional[str],
    sort_order: Optional[str],
    aliases: Mapping[str, str] = _NO_ALIASES,
) -> List[Dict[str, Any]]:
    if not sort_by:
        return items
    field = aliases.get(sort_by, sort_by)
    return sorted(
        items,
        key=lambda item: _comparable(field_value(item, field)),
        reverse=(sort_order or "asc").lower() == "desc",
    )


def paginate(
    items: List[Any], offset: Optional[int], limit: Optional[int], default_limit: Optional[int]
) -> Tuple[List[Any], Optional[int]]:
    """One page and the offset of the next one (``None`` on the last page)."""
    start = offset or 0
    size = limit if limit is not None else default_limit
    if size is None:
        return items[start:], None
    end = start + size
    return items[start:end], (end if end < len(items) else None)


def list_view(
    items: List[Dict[str, Any]],
    params: Mapping[str, Any],
    default_limit: Optional[int] = None,
    search_fields: Sequence[str] = ("name",),
    aliases: Mapping[str, str] = _NO_ALIASES,
) -> Tuple[List[Dict[str, Any]], Optional[int], int]:
    """Filtered, sorted page, the next offset and the number of matching items.

    ``search`` is free text looked for in ``search_fields``; ``aliases`` maps the names the
    spec filters and sorts by to the object's properties where they differ.
    """
    chosen = apply_filters(items, params.get("filterBy") or (), aliases)
    search = str(params.get("search") or "").lower()
    if search:
        chosen = [
            i
            for i in chosen
            if any(search in _text(field_value(i, f)).lower() for f in search_fields)
        ]
    chosen = sort_items(chosen, params.get("sortBy"), params.get("sortOrder"), aliases)
    page, next_offset = paginate(chosen, params.get("offset"), params.get("limit"), default_limit)
    return page, next_offset, len(chosen)
