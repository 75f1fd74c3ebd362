"""The result of a successful call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Mapping, Optional, TypeVar, cast

from runai.operation import ResponseSpec

if TYPE_CHECKING:
    from runai.decoding import Body

#: What :meth:`ApiResponse.parsed` returns: the declared model, ``str``/``bytes``, or ``None``.
T_co = TypeVar("T_co", covariant=True)


class ApiResponse(Generic[T_co]):
    """Status, headers and body of a 2xx answer.

    ``data`` is what existing scripts index into: parsed JSON for JSON bodies, ``str`` for text
    bodies, ``bytes`` otherwise, ``None`` for an empty body. :meth:`parsed` returns the body as
    the operation declares it: its pydantic model, ``str`` for a text body, ``bytes`` for another
    non-JSON body, ``None`` for a status without content. Generated methods give type checkers
    that type (``ApiResponse[Project]``); ``client.request(...)`` answers ``ApiResponse[object]``.
    An answer the client cannot use (a JSON body that does not parse, another content type than
    the operation declares) raises :class:`~runai.exceptions.UnexpectedAnswerError` from both.
    """

    __slots__ = ("_body", "_parsed", "_spec", "headers", "raw", "status_code")

    def __init__(
        self,
        status_code: int,
        headers: Mapping[str, str],
        data: Any,
        raw: bytes,
        spec: Optional[ResponseSpec] = None,
        *,
        body: Optional[Body] = None,
    ) -> None:
        """``body``, when given, is the answer as received (the clients pass it): ``data`` is
        then decoded from it on first access, and the ``data`` argument ignored."""
        self.status_code: int = status_code
        self.headers: Mapping[str, str] = headers
        self.raw: bytes = raw
        self._spec = spec
        self._parsed: Any = _UNSET
        if body is None:
            from runai.decoding import Body

            body = Body(raw, headers, status_code)
            body.keep(data)
        self._body = body

    @property
    def data(self) -> Any:
        """The decoded body (decoded on first access, then kept)."""
        return self._body.data()

    @data.setter
    def data(self, value: Any) -> None:
        self._body.keep(value)

    @property
    def model_name(self) -> Optional[str]:
        """Name of the model this status declares, or ``None``."""
        if self._spec is None or self._spec.model is None:
            return None
        return self._spec.model.rpartition(":")[2]

    def parsed(self) -> T_co:
        """The body as the operation declares it for this status (cached).

        A JSON schema gives its model; a text media type the body as ``str``; another non-JSON
        media type the raw ``bytes``; a status without content ``None``. Raises ``TypeError``
        when the operation declares nothing for this status (a raw ``request()``, or a JSON
        body without a schema); read ``data`` instead.
        """
        if self._parsed is _UNSET:
            self._parsed = self._body.declared(self._spec)
        return cast(T_co, self._parsed)

    def __repr__(self) -> str:
        return f"<ApiResponse status={self.status_code} model={self.model_name}>"


_UNSET: Any = object()
