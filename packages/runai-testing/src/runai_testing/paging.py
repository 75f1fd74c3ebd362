"""Paging every list operation by its own shape.

How an operation pages is read from its ``x-runai-paging`` entry in the shipped document
(written by tools/simtables.py from the same rule that generates the client's
``Operation.paging``): which query parameters carry the offset and the page size, which
property holds the items, and where the next offset goes (``next``; ``pagination.nextOffset``;
``totalRecords``/``displayRecords``; ``total`` beside ``next``; nothing at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

DEFAULT_PAGE_SIZE = 50
"""Page size of a list whose spec declares no ``limit`` default (and of the audit log, which
has no ``limit`` parameter)."""


@dataclass(frozen=True)
class Paging:
    offset: str
    limit: Optional[str]
    items: Optional[str]  # None: the answer is the array
    next_offset: Tuple[str, ...]  # () or ("next",) or ("pagination", "nextOffset")
    total: Optional[str]  # "total", "totalRecords" or None

    @classmethod
    def from_document(cls, entry: Optional[Mapping[str, Any]]) -> Optional[Paging]:
        if not entry:
            return None
        return cls(
            str(entry["offset"]),
            entry.get("limit"),
            entry.get("items"),
            tuple(entry.get("next") or ()),
            entry.get("total"),
        )

    def window(self, params: Mapping[str, Any], default_size: Optional[int]) -> Tuple[int, int]:
        """``(offset, size)`` the request asks for."""
        start = params.get(self.offset) or 0
        size = params.get(self.limit) if self.limit else None
        return int(start), int(size if size is not None else default_size or DEFAULT_PAGE_SIZE)

    def answer(
        self,
        matching: List[Any],
        params: Mapping[str, Any],
        default_size: Optional[int],
        shape: Optional[Callable[[Any], Any]] = None,
    ) -> Any:
        """The body of the page of ``matching`` (already filtered and sorted) asked for;
        ``shape`` turns each item of that page (only) into what the list answers."""
        start, size = self.window(params, default_size)
        page = matching[start : start + size]
        if shape is not None:
            page = [shape(item) for item in page]
        following = start + size if start + size < len(matching) else None
        if self.items is None:
            return page
        body: Dict[str, Any] = {self.items: page}
        if self.next_offset == ("next",):
            if following is not None:
                body["next"] = following
        elif self.next_offset:
            outer, inner = self.next_offset
            info: Dict[str, Any] = {"limit": size, "offset": start}
            if following is not None:
                info[inner] = following
            body[outer] = info
        if self.total == "totalRecords":
            body["displayRecords"] = len(page)
        if self.total is not None:
            body[self.total] = len(matching)
        return body
