"""Reading a 2xx answer: what ``ApiResponse.data`` holds, what ``parsed()`` validates, and the
clear error for an answer the client cannot use.

Every client, the streamed calls and the paged lists read answers through here, so a body is
decoded once and an unusable answer gets the same :class:`UnexpectedAnswerError` whichever of
``data`` and ``parsed()`` is read first. Nothing here imports pydantic until a model is
validated.
"""

from __future__ import annotations

import codecs
import json
from typing import Any, Mapping, Optional

from runai._adapters import adapter_for, lenient_hook
from runai.exceptions import UnexpectedAnswerError
from runai.modeling.hooks import RESPONSE_CONTEXT
from runai.operation import Operation, ResponseSpec
from runai.transport.base import HttpRequest

_HTML_MEDIA = frozenset({"text/html", "application/xhtml+xml"})
_UNDECODED: Any = object()


def media_of(content_type: Optional[str]) -> str:
    """``"Application/JSON; charset=utf-8"`` -> ``"application/json"``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json_media(media: str) -> bool:
    """``application/json`` and the ``+json`` types (``application/problem+json``)."""
    return media == "application/json" or media.endswith("+json")


class Body:
    """The body of one 2xx answer as received, and where it came from (for errors).

    :meth:`data` decodes it on first use and keeps the result, or the error: reading it again,
    or validating it after, never decodes twice and always gives the same outcome.
    """

    __slots__ = (
        "_data",
        "content_type",
        "headers",
        "media",
        "raw",
        "reason",
        "request",
        "status",
        "streamed",
    )

    def __init__(
        self,
        raw: bytes,
        headers: Mapping[str, str],
        status: int,
        reason: str = "",
        request: Optional[HttpRequest] = None,
        streamed: bool = False,
    ) -> None:
        """``request``: what was sent (its method and URL name the answer in errors);
        ``streamed``: the body is still on the wire (``raw`` is empty, errors say so)."""
        self.raw: bytes = raw
        self.headers: Mapping[str, str] = headers
        self.status: int = status
        self.reason: str = reason
        self.request: Optional[HttpRequest] = request
        self.streamed: bool = streamed
        self.content_type: str = headers.get("Content-Type") or headers.get("content-type") or ""
        self.media: str = media_of(self.content_type)
        self._data: Any = _UNDECODED

    @property
    def is_json(self) -> bool:
        """Whether the body is non-empty and declared JSON."""
        return bool(self.raw) and is_json_media(self.media)

    @property
    def decoded(self) -> bool:
        """Whether :meth:`data` ran (or was given by :meth:`keep`)."""
        return self._data is not _UNDECODED

    def data(self) -> Any:
        """JSON for JSON media types, text for ``text/*``, bytes otherwise; ``None`` when empty.

        Without a content type, a body that parses as JSON is JSON (runapy 1.x did the same).
        A JSON media type whose body does not parse raises :class:`UnexpectedAnswerError`.
        """
        data = self._data
        if data is _UNDECODED:
            try:
                data = self._decode()
            except UnexpectedAnswerError as error:
                data = error
            self._data = data
        if isinstance(data, UnexpectedAnswerError):
            raise data.with_traceback(None)
        return data

    def _decode(self) -> Any:
        raw = self.raw
        if not raw:
            return None
        media = self.media
        if is_json_media(media):
            try:
                return json.loads(raw)
            except ValueError as exc:
                raise self.error(
                    f"the body is not valid JSON ({exc})",
                    "the control plane or a proxy in between sent a broken answer "
                    "(.raw holds the bytes received)",
                ) from None
        if media.startswith("text/"):
            return raw.decode(_charset(self.content_type), "replace")
        if not media:
            try:
                return json.loads(raw)
            except ValueError:
                return raw
        return raw

    def keep(self, data: Any) -> None:
        """Make ``data`` the decoded body (an ``ApiResponse`` built around its ``data``); it is
        taken as it is, whatever the content type said."""
        self._data = data
        self.media = ""

    def declared(self, spec: Optional[ResponseSpec]) -> Any:
        """The body as ``spec`` declares it: its model, ``str`` for a text media type, the raw
        ``bytes`` for another non-JSON one, ``None`` for a status without content."""
        if spec is not None:
            if spec.model is not None:
                return self.validate(spec, spec.model)
            media = media_of(spec.content_type)
            if not media:
                return None
            if media.startswith("text/"):
                data = self.data()
                return data if isinstance(data, str) else self.raw.decode("utf-8", "replace")
            if not is_json_media(media):
                return self.raw
        raise TypeError(
            f"this response (status {self.status}) has no declared model; "
            "use .data for the raw body"
        )

    def validate(self, spec: ResponseSpec, model_ref: str) -> Any:
        """The body as ``model_ref`` (the status's declared model), from the raw JSON bytes when
        nothing decoded them yet; the models' lenient hook keeps values that do not fit."""
        from pydantic import ValidationError

        if self.media and not is_json_media(self.media):
            expected = media_of(spec.content_type) or "application/json"
            raise self.error(
                f"the operation declares {expected}",
                "the body was not read as JSON (.data holds it as received)",
            )
        adapter = adapter_for(model_ref)
        try:
            if self.is_json and not self.decoded:
                return adapter.validate_json(self.raw, context=RESPONSE_CONTEXT)
            return adapter.validate_python(self._json_data(spec), context=RESPONSE_CONTEXT)
        except ValidationError:
            # Not valid JSON (data() raises the error .data gives), or a value that does not fit
            # its type: the models' slow lenient path keeps it as received.
            data = self._json_data(spec)
            hook = lenient_hook(model_ref)
            if hook is None:
                raise
            try:
                return hook(data)
            except ValueError:
                pass
            raise

    def _json_data(self, spec: ResponseSpec) -> Any:
        data = self.data()
        if isinstance(data, bytes):  # no content type, and the body is not JSON either
            expected = media_of(spec.content_type) or "application/json"
            raise self.error(
                f"the body is not JSON, and the operation declares {expected}",
                ".data holds it as received",
            )
        return data

    def error(self, problem: str, hint: str) -> UnexpectedAnswerError:
        """The error for this answer: ``problem`` says what is wrong, ``hint`` what to do."""
        request = self.request
        return UnexpectedAnswerError(
            self.status,
            self.reason,
            self.headers,
            None if self.streamed else self.raw.decode("utf-8", "replace"),
            method="" if request is None else request.method,
            url="" if request is None else request.url.split("?", 1)[0],  # the query left out
            problem=problem,
            hint=hint,
        )


def refuse_html(op: Optional[Operation], body: Body, base_url: str) -> None:
    """Raise when an operation that does not answer HTML got an HTML page: the host behind
    ``base_url`` is a web UI, a captive portal or a login page, not the Run:ai API."""
    if op is None or body.media not in _HTML_MEDIA:
        return
    spec = op.responses.get(body.status)
    if spec is not None and media_of(spec.content_type) in _HTML_MEDIA:
        return
    raise body.error(
        "an HTML page, not the Run:ai API",
        f"check runai_base_url ({base_url}): it must be the control plane's URL; a web UI, a "
        "proxy or a login page may be answering instead",
    )


def _charset(content_type: str) -> str:
    """The ``charset`` parameter when Python knows it, else UTF-8."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        charset = value.strip().strip('"')
        if key.strip().lower() == "charset" and charset:
            try:
                return codecs.lookup(charset).name
            except LookupError:
                return "utf-8"
    return "utf-8"
