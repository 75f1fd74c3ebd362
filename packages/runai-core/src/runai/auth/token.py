"""An access token and when it stops being valid."""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True)
class Token:
    """A bearer token; ``expires_at`` is a ``time.time()`` value, or ``None`` when unknown."""

    value: str
    expires_at: Optional[float] = None

    def usable(self, margin: float, now: Optional[float] = None) -> bool:
        """True while more than ``margin`` seconds remain (always, when expiry is unknown)."""
        if self.expires_at is None:
            return True
        return (time.time() if now is None else now) < self.expires_at - margin

    def __repr__(self) -> str:
        return f"Token(value='***', expires_at={self.expires_at!r})"


def jwt_expiry(token: str) -> Optional[float]:
    """The ``exp`` claim of a JWT, or ``None`` when the token is not a JWT or has none."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims: Any = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")))
    except (ValueError, UnicodeEncodeError):
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    if isinstance(exp, (int, float)) and not isinstance(exp, bool):
        return float(exp)
    return None


def token_from_response(data: Any, now: Optional[float] = None) -> Token:
    """Read ``accessToken`` (v1) or ``access_token`` (v2) and the expiry from a token answer.

    ``expiresIn`` wins when the server sends it; otherwise the JWT ``exp`` claim; otherwise
    the token is used until the server answers 401.
    """
    if not isinstance(data, dict):
        raise ValueError("the token endpoint answered without a JSON object")
    value = data.get("accessToken") or data.get("access_token")
    if not isinstance(value, str) or not value:
        raise ValueError("the token endpoint answered without an accessToken")
    expires_in = data.get("expiresIn", data.get("expires_in"))
    if isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool) and expires_in > 0:
        return Token(value, (time.time() if now is None else now) + float(expires_in))
    return Token(value, jwt_expiry(value))
