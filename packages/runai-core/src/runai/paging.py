"""Auto-paging: the answer of a paged list call iterates every item of every page.

The generated methods of the list operations that page (``Operation.paging``) return a
:class:`PagedResponse` (sync and threaded clients) or an :class:`AsyncPagedResponse` (async
client). Each is the first page's :class:`ApiResponse` (``data`` stays that one page, as in
runapy 1.x) and, iterated, yields the parsed items of that page and then of the following
pages, each fetched when the previous one is used up, with the same arguments and a new
``offset``, through the client's usual request flow (auth, retries). A page that fails raises
its error from the iteration.
"""

from __future__ import annotations

from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Dict,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    TypeVar,
    cast,
)

from runai.operation import Paging
from runai.response import ApiResponse

#: The parsed page (the list operation's answer model).
PageT = TypeVar("PageT", covariant=True)
#: One item of a page.
ItemT = TypeVar("ItemT", covariant=True)


class _Page(ApiResponse[PageT], Generic[PageT, ItemT]):
    """What both paged responses know: this page's items and where the next one starts."""

    __slots__ = ("_fetch", "_paging", "_query")

    def _bind(self, paging: Paging, query: Optional[Mapping[str, Any]], fetch: Any) -> None:
        self._paging = paging
        self._query: Dict[str, Any] = dict(query or {})
        self._fetch = fetch

    def page_items(self) -> List[ItemT]:
        """The parsed items of this page only."""
        paging: Paging = self._paging
        self._body.data()  # next_offset() reads the page too: decode once, validate that
        page: Any = self.parsed()
        items = page if paging.items_field is None else getattr(page, paging.items_field, None)
        return list(cast("List[ItemT]", items or []))

    def next_offset(self) -> Optional[int]:
        """The offset of the next page, or ``None`` when this page is the last one.

        The next page starts where this answer says (``next``, ``pagination.nextOffset``) or,
        for lists without such a marker, after the items counted so far. An empty page, a
        missing or null marker, a marker that does not move forward and a ``total`` already
        reached all end the list. Lists without a marker can end on an empty page.
        """
        paging: Paging = self._paging
        data = self.data
        body = data if isinstance(data, dict) else {}
        items = data if paging.items is None else body.get(paging.items)
        count = len(items) if isinstance(items, list) else 0
        if count == 0:
            return None
        start = _integer(self._query.get(paging.offset)) or 0
        if paging.next_offset:
            found: Any = body
            for key in paging.next_offset:
                found = found.get(key) if isinstance(found, dict) else None
            following = _integer(found)
            if following is None or following <= start:
                return None
        else:
            following = start + count
            limit = _integer(self._query.get(paging.limit)) if paging.limit else None
            if paging.total is None and limit is not None and count < limit:
                return None
        total = _integer(body.get(paging.total)) if paging.total else None
        if total is not None and following >= total:
            return None
        return following

    def has_next_page(self) -> bool:
        """Whether another page follows this one (see :meth:`next_offset`)."""
        return self.next_offset() is not None

    def _next_query(self, offset: int) -> Dict[str, Any]:
        return {**self._query, self._paging.offset: offset}

    def _check_moved(self, following: ApiResponse[Any], offset: int) -> None:
        if following.raw and following.raw == self.raw:
            raise RuntimeError(
                f"the control plane answered offset {offset} with the same page as offset "
                f"{self._query.get(self._paging.offset) or 0}: it ignores {self._paging.offset!r}"
                ", so paging would never end; read .data of one call instead"
            )


class PagedResponse(_Page[PageT, ItemT]):
    """The first page of a paged list (sync and threaded clients); iterating it yields every
    item of every page: ``for project in client.organizations.projects.get_projects(): ...``.
    """

    __slots__ = ()

    def next_page(self) -> Optional[PagedResponse[PageT, ItemT]]:
        """The following page (one request), or ``None`` when this is the last page."""
        offset = self.next_offset()
        if offset is None:
            return None
        fetch = cast("Callable[[Dict[str, Any]], PagedResponse[PageT, ItemT]]", self._fetch)
        following = fetch(self._next_query(offset))
        self._check_moved(following, offset)
        return following

    def iter_pages(self) -> Iterator[PagedResponse[PageT, ItemT]]:
        """This page, then each following page as it is fetched."""
        page: Optional[PagedResponse[PageT, ItemT]] = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.page_items()

    def __repr__(self) -> str:
        return f"<PagedResponse status={self.status_code} model={self.model_name}>"


class AsyncPagedResponse(_Page[PageT, ItemT]):
    """The first page of a paged list (async client); ``async for`` yields every item of every
    page: ``async for p in await aclient.organizations.projects.get_projects(): ...``."""

    __slots__ = ()

    async def next_page(self) -> Optional[AsyncPagedResponse[PageT, ItemT]]:
        """The following page (one request), or ``None`` when this is the last page."""
        offset = self.next_offset()
        if offset is None:
            return None
        fetch = cast(
            "Callable[[Dict[str, Any]], Awaitable[AsyncPagedResponse[PageT, ItemT]]]",
            self._fetch,
        )
        following = await fetch(self._next_query(offset))
        self._check_moved(following, offset)
        return following

    async def iter_pages(self) -> AsyncIterator[AsyncPagedResponse[PageT, ItemT]]:
        """This page, then each following page as it is fetched."""
        page: Optional[AsyncPagedResponse[PageT, ItemT]] = self
        while page is not None:
            yield page
            page = await page.next_page()

    def __aiter__(self) -> AsyncIterator[ItemT]:
        # Not itself an async generator: jedi (editors) reads the item type from this
        # annotation, where it drops it from an async generator's.
        return self._items()

    async def _items(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.page_items():
                yield item

    def __repr__(self) -> str:
        return f"<AsyncPagedResponse status={self.status_code} model={self.model_name}>"


def _integer(value: Any) -> Optional[int]:
    """An offset, count or total as the answer gives it (``PaginationInfo`` uses numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)
