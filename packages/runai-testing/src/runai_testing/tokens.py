"""Issuing and checking the simulator's JWTs, and the token endpoints' answers.

Tokens are real HS256 JWTs with an ``exp`` claim, so clients that read the expiry from the token
behave as against a real control plane. The payload's base64url text never holds ``-`` or
``_``, so clients that decode it with the standard alphabet (runapy 1.x does) read it too.
``expire_all`` bumps a generation number: every token issued before it stops working at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from typing import Any, Callable, Dict, Mapping, Optional
from urllib.parse import parse_qsl

from runai_testing.http import Request, Response
from runai_testing.rules import SpecRules
from runai_testing.schemas import BodyChecker, canonical_keys

V1_PATH = "/api/v1/token"
V2_PATH = "/api/v2/token"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _claims_json(claims: Dict[str, Any]) -> bytes:
    """ASCII JSON whose base64 has no character of 62 or 63: with 7-bit bytes only the last
    byte of a 3-byte group can produce one, and only for ``>``, ``?``, ``~`` or DEL, which
    appear only inside strings here and are written as ``\\u`` escapes instead."""
    text = json.dumps(claims, separators=(",", ":"))
    for char in ">?~\x7f":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text.encode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenIssuer:
    """Signs and verifies tokens for one simulator instance."""

    def __init__(self, lifetime: float, wall: Callable[[], float] = time.time) -> None:
        self.lifetime = lifetime
        self._wall = wall
        self._key = secrets.token_bytes(32)
        self._generation = 0
        self._lock = threading.Lock()

    def issue(self, subject: str) -> str:
        now = self._wall()
        claims = {
            "sub": subject,
            "iss": "runai-testing",
            "iat": int(now),
            "exp": round(now + self.lifetime, 3),
            "gen": self._generation,
            "jti": secrets.token_hex(8),
        }
        header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        payload = _b64url(_claims_json(claims))
        signature = hmac.new(self._key, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        return f"{header}.{payload}.{_b64url(signature)}"

    def expire_all(self) -> None:
        with self._lock:
            self._generation += 1

    def problem(self, authorization: Optional[str]) -> Optional[str]:
        """Why this ``Authorization`` header is refused, or ``None`` when it is valid."""
        if not authorization or not authorization.lower().startswith("bearer "):
            return "missing bearer token"
        token = authorization[7:].strip()
        parts = token.split(".")
        if len(parts) != 3:
            return "malformed token"
        expected = hmac.new(self._key, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
        try:
            valid = hmac.compare_digest(_b64url_decode(parts[2]), expected)
            claims = json.loads(_b64url_decode(parts[1]))
        except ValueError:
            return "malformed token"
        if not valid:
            return "invalid token signature"
        if claims.get("gen") != self._generation:
            return "token revoked"
        if self._wall() >= float(claims.get("exp", 0)):
            return "token expired"
        return None


class TokenEndpoint:
    """``POST /api/v1/token`` (JSON) and, on 2.24, ``POST /api/v2/token`` (OAuth2 form)."""

    def __init__(
        self,
        rules: SpecRules,
        bodies: BodyChecker,
        issuer: TokenIssuer,
        credentials: Mapping[str, str],
    ) -> None:
        self.rules = rules
        self.bodies = bodies
        self.issuer = issuer
        self.credentials = credentials

    def handle(self, request: Request) -> Response:
        return self.handle_v2(request) if request.raw_path == V2_PATH else self.handle_v1(request)

    def handle_v1(self, request: Request) -> Response:
        """The JSON token request; keys match the spec's names ignoring case (``AppId``,
        ``ClientSecret``), as the control plane's decoder does."""
        try:
            body = request.json() or {}
        except ValueError:
            return Response.error(400, "request body is not valid JSON")
        if not isinstance(body, dict):
            return Response.error(400, "request body must be a JSON object")
        op = self.rules.operation("POST", V1_PATH)
        if op is not None and op.body_pointer is not None:
            doc = self.bodies.doc
            body = canonical_keys(doc, doc.at(op.body_pointer), body)
        grant = body.get("grantType")
        if grant not in self.rules.grant_types:
            return Response.error(
                400,
                f"grantType: unsupported grant type {grant!r}",
                f"control plane {self.rules.version} accepts: {', '.join(self.rules.grant_types)}",
            )
        if grant == "client_credentials":
            client_id, secret = body.get("clientID"), body.get("clientSecret")
        elif grant == "app_token":
            client_id, secret = body.get("appID"), body.get("appSecret")
        else:
            return Response.error(400, f"grantType: {grant} is not supported by the simulator")
        if not self._valid(client_id, secret):
            return Response.error(401, "invalid client credentials")
        token = self.issuer.issue(str(client_id))
        answer: Dict[str, Any] = {"accessToken": token}
        if "idToken" in self.rules.token_fields:
            answer["idToken"] = token
        if "expiresIn" in self.rules.token_fields:
            answer["expiresIn"] = max(1, int(self.issuer.lifetime))
        return Response.json(200, answer)

    def handle_v2(self, request: Request) -> Response:
        form = dict(parse_qsl(request.body.decode("utf-8", "replace")))
        grant = form.get("grant_type")
        if grant != "client_credentials":
            return Response.json(
                400,
                {
                    "error": "unsupported_grant_type",
                    "error_description": f"grant_type {grant!r} is not supported",
                },
            )
        if not self._valid(form.get("client_id"), form.get("client_secret")):
            return Response.json(
                401, {"error": "invalid_client", "error_description": "invalid client credentials"}
            )
        token = self.issuer.issue(str(form["client_id"]))
        return Response.json(
            200,
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": max(1, int(self.issuer.lifetime)),
            },
        )

    def _valid(self, client_id: Any, secret: Any) -> bool:
        if not isinstance(client_id, str) or not isinstance(secret, str):
            return False
        expected = self.credentials.get(client_id)
        return expected is not None and hmac.compare_digest(expected, secret)
