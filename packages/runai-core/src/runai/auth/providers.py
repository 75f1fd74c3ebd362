"""Where tokens come from.

A provider never performs I/O itself: :meth:`TokenProvider.login` is a generator that yields the
token requests to send and receives their answers. The sync and async clients drive the same
generator with their own transport, so the login logic (including the ``app_token`` fallback for
2.18/2.19 control planes) exists once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Generator, Optional

from runai.auth.token import Token, jwt_expiry, token_from_response
from runai.exceptions import ApiException, UnexpectedAnswerError, exception_for_status
from runai.transport.secrets import hide_tokens, redact

if TYPE_CHECKING:
    from runai.transport.base import HttpResponse

TOKEN_PATH = "/api/v1/token"


@dataclass(frozen=True)
class TokenRequest:
    """A JSON POST to the token endpoint (the body, holding the secret, stays out of the repr)."""

    path: str
    body: Dict[str, Any] = field(repr=False)
    grant_type: str


@dataclass(frozen=True)
class TokenAnswer:
    """The token endpoint's answer; its body (the token, when it succeeded) is left out of the
    repr."""

    status: int
    reason: str
    headers: Dict[str, str]
    text: str = field(repr=False)
    data: Any = field(repr=False)
    url: str = TOKEN_PATH

    @classmethod
    def of(cls, response: HttpResponse, url: str = TOKEN_PATH) -> TokenAnswer:
        """The answer read once, whatever its status: its text, and its JSON when it is JSON;
        ``url`` is where the token request went (errors name it)."""
        text = response.body.decode("utf-8", "replace")
        try:
            data = json.loads(text) if text else None
        except ValueError:
            data = None
        return cls(response.status, response.reason, dict(response.headers), text, data, url)


LoginFlow = Generator[TokenRequest, TokenAnswer, Token]


class TokenProvider:
    """Base: a source of tokens. ``refreshable`` says whether a new token can be obtained."""

    refreshable: bool = False

    def initial_token(self) -> Optional[Token]:
        """A token available without any request, if the provider has one."""
        return None

    def login(self) -> LoginFlow:
        """Obtain a new token by exchanging requests with the control plane."""
        raise NotImplementedError(f"{type(self).__name__} cannot obtain new tokens")
        yield  # pragma: no cover  (makes this a generator)


class StaticTokenProvider(TokenProvider):
    """A bearer token given by the user (or read from the CLI v2 config); never refreshed."""

    def __init__(self, token: str) -> None:
        self._token = Token(token, jwt_expiry(token))

    def initial_token(self) -> Token:
        return self._token

    def __repr__(self) -> str:
        return "StaticTokenProvider(token='***')"


class ClientCredentialsProvider(TokenProvider):
    """Service-account / application credentials exchanged at ``POST /api/v1/token``.

    Control planes 2.20+ take ``grant_type=client_credentials``; 2.18 and 2.19 only know the
    deprecated ``app_token`` grant. When the first answer says the grant is unsupported (a 400),
    the provider switches to ``app_token`` for this and every later login.
    """

    refreshable = True

    def __init__(self, client_id: str, client_secret: str) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._grant = "client_credentials"

    @property
    def grant_type(self) -> str:
        return self._grant

    def _request(self) -> TokenRequest:
        if self._grant == "client_credentials":
            body = {
                "grantType": "client_credentials",
                "clientID": self._client_id,
                "clientSecret": self._client_secret,
            }
        else:
            body = {
                "grantType": "app_token",
                "appID": self._client_id,
                "appSecret": self._client_secret,
            }
        return TokenRequest(TOKEN_PATH, body, self._grant)

    def login(self) -> LoginFlow:
        answer = yield self._request()
        if answer.status == 400 and self._grant == "client_credentials":
            rejected = answer
            self._grant = "app_token"
            answer = yield self._request()
            if not 200 <= answer.status < 300:
                # The fallback did not help either: report both answers, keep the current grant.
                self._grant = "client_credentials"
                raise _login_error(answer, "app_token", after=rejected)
        if not 200 <= answer.status < 300:
            raise _login_error(answer, self._grant)
        try:
            return token_from_response(answer.data)
        except ValueError as exc:
            raise _unusable_answer(answer, self._client_secret) from exc

    def __repr__(self) -> str:
        return f"ClientCredentialsProvider(client_id={self._client_id!r}, client_secret='***')"


def _login_error(
    answer: TokenAnswer, grant: str, after: Optional[TokenAnswer] = None
) -> ApiException:
    exc = exception_for_status(
        answer.status,
        answer.reason,
        answer.headers,
        answer.text,
        method="POST",
        url=TOKEN_PATH,
        data=answer.data,
    )
    message = f"login with grant type {grant} failed: {exc.args[0]}"
    if after is not None:
        first = exception_for_status(
            after.status, after.reason, after.headers, after.text, data=after.data
        )
        message = f"login with client_credentials failed: {first.args[0]}; then {message}"
    exc.args = (message,)
    return exc


BODY_START = 120
"""How much of an unusable token answer's body an error quotes."""


def _unusable_answer(answer: TokenAnswer, secret: str) -> UnexpectedAnswerError:
    """A 2xx token answer that holds no token: a captive proxy's login page, a wrong URL.

    The message names the status, the content type and what the body holds; a JSON object is
    described by its field names only, since its values may be credentials.
    """
    content_type = answer.headers.get("Content-Type") or answer.headers.get("content-type")
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if isinstance(answer.data, dict):
        fields = ", ".join(sorted(str(key) for key in answer.data)) or "none"
        holds = f"a JSON object with the fields: {fields}"
    elif not answer.text:
        holds = "an empty body"
    else:
        start = hide_tokens(redact(answer.text[:BODY_START], [secret]))
        holds = f"a body starting {start!r}" + ("..." if len(answer.text) > BODY_START else "")
    if media in ("text/html", "application/xhtml+xml"):
        holds = f"an HTML page, not the Run:ai API ({holds})"
    exc = UnexpectedAnswerError(
        answer.status, answer.reason, answer.headers, None, method="POST", url=answer.url
    )
    base_url = answer.url[: -len(TOKEN_PATH)] if answer.url.endswith(TOKEN_PATH) else answer.url
    exc.args = (
        f"login failed: POST {answer.url} answered ({answer.status}) {answer.reason} with content "
        f"type {content_type or 'none'} and {holds}: no accessToken in it. Check "
        f"runai_base_url ({base_url or 'not known'}): a proxy or a login page may be answering "
        "instead of the control plane.",
    )
    return exc
