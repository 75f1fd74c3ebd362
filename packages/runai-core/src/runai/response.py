"""The result of a successful call."""

from __future__ import annotations

from typing import Any, Callable, Generic, Mapping, Optional, TypeVar, cast

from runai._adapters import adapter_for, lenient_hook
from runai.modeling.hooks import RESPONSE_CONTEXT
from runai.operation import ResponseSpec

#: What :meth:`ApiResponse.parsed` returns: the declared model, ``str``/``bytes``, or ``None``.
T_co = TypeVar("T_co", covariant=True)


class ApiResponse(Generic[T_co]):
    """Status, headers and body of a 2xx answer.

    ``data`` is what existing scripts index into: parsed JSON for JSON bodies, ``str`` for text
    bodies, ``bytes`` otherwise, ``None`` for an empty body. :meth:`parsed` returns the body as
    the operation declares it: its pydantic model, ``str`` for a text body, ``bytes`` for another
    non-JSON body, ``None`` for a status without content. Generated methods give type checkers
    that type (``ApiResponse[Project]``); ``client.request(...)`` answers ``ApiResponse[object]``.
    """

    __slots__ = ("_data", "_decode", "_json", "_parsed", "_spec", "headers", "raw", "status_code")

    def __init__(
        self,
        status_code: int,
        headers: Mapping[str, str],
        data: Any,
        raw: bytes,
        spec: Optional[ResponseSpec] = None,
        *,
        decode: Optional[Callable[[], Any]] = None,
        json_body: bool = False,
    ) -> None:
        """``decode``, when given, computes ``data`` on first access (``data`` is then ignored);
        ``json_body`` says that ``raw`` is a JSON document, which :meth:`parsed` validates
        directly without building ``data``."""
        self.status_code: int = status_code
        self.headers: Mapping[str, str] = headers
        self._data = data
        self._decode = decode
        self._json = json_body
        self.raw: bytes = raw
        self._spec = spec
        self._parsed: Any = _UNSET

    @property
    def data(self) -> Any:
        """The decoded body (decoded on first access, then kept)."""
        decode = self._decode
        if decode is not None:
            self._data = decode()
            self._decode = None
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data = value
        self._decode = None

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
            self._parsed = self._declared_body()
        return cast(T_co, self._parsed)

    def _declared_body(self) -> Any:
        spec = self._spec
        if spec is not None:
            if spec.model is not None:
                return self._validate(spec.model)
            media = (spec.content_type or "").split(";", 1)[0].strip().lower()
            if not media:
                return None
            if media.startswith("text/"):
                data = self.data
                return data if isinstance(data, str) else self.raw.decode("utf-8", "replace")
            if media != "application/json" and not media.endswith("+json"):
                return self.raw
        raise TypeError(
            f"this response (status {self.status_code}) has no declared model; "
            "use .data for the raw body"
        )

    def _validate(self, model_ref: str) -> Any:
        from pydantic import ValidationError

        adapter = adapter_for(model_ref)
        try:
            if self._json and self._decode is not None:
                return adapter.validate_json(self.raw, context=RESPONSE_CONTEXT)
            return adapter.validate_python(self.data, context=RESPONSE_CONTEXT)
        except ValidationError:
            # A value that does not fit its type: the models' slow lenient path keeps it as
            # received, so a response parses whenever its body has the declared shape.
            hook = lenient_hook(model_ref)
            if hook is None:
                raise
            try:
                return hook(self.data)
            except ValueError:
                pass
            raise

    def __repr__(self) -> str:
        return f"<ApiResponse status={self.status_code} model={self.model_name}>"


_UNSET: Any = object()
