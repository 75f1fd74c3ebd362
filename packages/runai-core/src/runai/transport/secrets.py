"""What a transport must never show: credentials in headers and URLs, and how to hide them."""

from __future__ import annotations

import re
from typing import Dict, Iterable, List, Mapping, Optional, Tuple
from urllib.parse import unquote

from runai._userinfo import userinfo_parts

_CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization"})


def split_userinfo(url: str) -> Tuple[str, Optional[str]]:
    """``http://user:pw@proxy:3128`` -> ``("http://proxy:3128", "user:pw")`` (percent-decoded)."""
    head, raw, tail = userinfo_parts(url)
    if raw is None:
        return url, None
    user, colon, password = raw.partition(":")
    return head + tail, unquote(user) + (":" + unquote(password) if colon else "")


def url_secrets(url: str) -> List[str]:
    """The userinfo of ``url`` and its password, as written and percent-decoded."""
    raw = userinfo_parts(url).userinfo
    if raw is None:
        return []
    decoded = split_userinfo(url)[1] or ""
    return [raw, raw.partition(":")[2], decoded, decoded.partition(":")[2]]


def secret_values(headers: Mapping[str, str], *extra: Optional[str]) -> List[str]:
    """The credential values among ``headers`` (whole, and after the scheme word) and ``extra``."""
    values: List[str] = []
    for name, value in headers.items():
        if name.lower() in _CREDENTIAL_HEADERS:
            values.append(value)
            values.append(value.partition(" ")[2])
    values.extend(v for v in extra if v)
    return sorted({v for v in values if len(v) >= 4}, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every occurrence of each secret replaced by ``***``."""
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def redacted_headers(headers: Mapping[str, str]) -> Dict[str, str]:
    """A copy of ``headers`` with the value of each credential header replaced by ``***``."""
    return {
        name: "***" if name.lower() in _CREDENTIAL_HEADERS else value
        for name, value in headers.items()
    }


_TOKEN_SHAPES = r"(?i)\b(bearer|basic)\s+[^\s\"'<>,;]+|\beyJ[\w-]+\.[\w-]+(?:\.[\w-]*)?"


def hide_tokens(text: str) -> str:
    """``text`` (a body quoted in an error) with ``Bearer``/``Basic`` credentials and
    JWT-shaped strings replaced by ``***``: a page may echo the request's headers."""
    return re.sub(
        _TOKEN_SHAPES, lambda found: f"{found.group(1)} ***" if found.group(1) else "***", text
    )
