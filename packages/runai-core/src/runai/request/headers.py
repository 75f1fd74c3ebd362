"""Headers the caller adds: ``default_headers`` checked once when configured, a call's
``_headers`` when the call is built; merged per call.

A bad name or value is refused at construction, naming the header but never showing the value
(it may be a key); a CR or LF in a value would otherwise split the request on the wire.
"""

from __future__ import annotations

import platform
import re
from typing import Dict, Mapping, Optional

from runai import __version__
from runai.exceptions import ApiValueError, ConfigurationError

USER_AGENT = f"runapy/{__version__} python/{platform.python_version()}"

_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # RFC 9110 token
_VALUE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")  # field-value: no control character (CR, LF...)
_PRODUCTS = re.compile(r"[\x21-\x7e]+(?: [\x21-\x7e]+)*")  # "my-app/1.2 (team-a)"

_NOT_YOURS = {
    "authorization": "is set from the credentials; pass client_id and client_secret, or "
    "bearer_token",
    "proxy-authorization": "belongs to the proxy; put its credentials in proxy_url or "
    "proxy_headers",
    "host": "is set by the HTTP layer from runai_base_url",
    "content-length": "is set by the HTTP layer from the body",
    "transfer-encoding": "is set by the HTTP layer from the body",
    "connection": "is managed by the connection pool",
}


def checked_headers(option: str, headers: Optional[Mapping[str, str]]) -> Dict[str, str]:
    """``headers`` as a dict, or a ConfigurationError naming the first bad header."""
    if headers is None:
        return {}
    if not isinstance(headers, Mapping):
        raise ConfigurationError(
            option, f"must be a mapping of header names to values, got {type(headers).__name__}"
        )
    seen: Dict[str, str] = {}
    for name, value in headers.items():
        problem = _name_problem(name)
        if problem:
            raise ConfigurationError(option, problem)
        lower = name.lower()
        if lower in _NOT_YOURS:
            raise ConfigurationError(option, f"{name!r} cannot be set here: it {_NOT_YOURS[lower]}")
        if lower in seen:
            raise ConfigurationError(
                option, f"{seen[lower]!r} and {name!r} are the same header; give it once"
            )
        problem = _value_problem(name, value)
        if problem:
            raise ConfigurationError(option, problem)
        seen[lower] = name
    return dict(headers)


def checked_user_agent_suffix(value: Optional[str]) -> Optional[str]:
    """The application's part of the User-Agent, e.g. ``"my-app/1.2"``, or a ConfigurationError."""
    if value is None:
        return None
    if not isinstance(value, str) or not _PRODUCTS.fullmatch(value):
        shown = value if isinstance(value, str) else type(value).__name__
        raise ConfigurationError(
            "user_agent_suffix",
            f"must be product tokens separated by single spaces, e.g. 'my-app/1.2', got {shown!r}",
        )
    return value


def user_agent(suffix: Optional[str]) -> str:
    """What every request announces: runapy, its version, Python, then the application's part."""
    return USER_AGENT if suffix is None else f"{USER_AGENT} {suffix}"


def call_headers(headers: Mapping[str, str]) -> Dict[str, str]:
    """A call's ``_headers``, checked like ``default_headers`` but refused with ApiValueError
    (nothing is sent), never showing a value. An ``Authorization`` in another case is named
    ``Authorization``, so that the client's credentials replace it rather than go out beside it."""
    result: Dict[str, str] = {}
    for name, value in headers.items():
        problem = _name_problem(name) or _value_problem(name, value)
        if problem:
            raise ApiValueError(f"_headers: {problem}")
        result["Authorization" if name.lower() == "authorization" else name] = value
    return result


def _name_problem(name: object) -> str:
    """Why ``name`` cannot be a header name, or ``""``."""
    if isinstance(name, str) and _NAME.fullmatch(name):
        return ""
    return f"{name!r} is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)"


def _value_problem(name: str, value: object) -> str:
    """Why ``value`` cannot be sent as header ``name`` (never showing it), or ``""``."""
    if not isinstance(value, str):
        return f"the value of {name!r} must be a str, got {type(value).__name__}"
    if not _VALUE.fullmatch(value):
        return (
            f"the value of {name!r} contains a line break or another control character;"
            " a header value is one line of text"
        )
    return ""


def merged(base: Mapping[str, str], extra: Mapping[str, str]) -> Dict[str, str]:
    """``base`` with ``extra`` on top; names compare case-insensitively, so a header given in
    another case replaces the base one instead of going out twice."""
    if not extra:
        return dict(base)
    replaced = {name.lower() for name in extra}
    result = {name: value for name, value in base.items() if name.lower() not in replaced}
    result.update(extra)
    return result
