"""Client configuration: the options of the README's table, validated at construction."""

from __future__ import annotations

import copy
import logging
import math
import os
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Tuple, Union
from urllib.parse import SplitResult, urlsplit

from runai._userinfo import hide_password, userinfo_parts
from runai.exceptions import ConfigurationError
from runai.request.headers import checked_headers, checked_user_agent_suffix, merged

if TYPE_CHECKING:
    from runai.event_hooks import EventHooks

TimeoutValue = Union[float, Tuple[float, float]]

_SECRET_OPTIONS = frozenset({"client_secret", "bearer_token"})


class Configuration:
    """Everything a client needs to reach and authenticate to a Run:ai control plane.

    Exactly one way to authenticate: ``client_id`` + ``client_secret`` (service account or
    application) or ``bearer_token``. ``timeout`` is ``(connect, read)`` in seconds, or one number
    for both; ``request_deadline`` bounds a whole attempt (connect, headers and body), so a
    server that trickles its answer cannot hold a call for ever (``None``: no such bound). Every
    call can override them: ``_request_timeout=<seconds>`` is the deadline of that call.
    Without ``proxy_url``, the proxy variables of the environment apply (``HTTPS_PROXY``,
    ``NO_PROXY``...) unless ``trust_env=False``.
    ``default_headers`` go out with every API call (not with token requests);
    ``user_agent_suffix`` (e.g. ``"my-app/1.2"``) is appended to the User-Agent, which names
    runapy, its version and Python.
    """

    def __init__(
        self,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        runai_base_url: Optional[str] = None,
        bearer_token: Optional[str] = None,
        verify_ssl: bool = True,
        ssl_ca_cert: Optional[str] = None,
        cert_file: Optional[str] = None,
        key_file: Optional[str] = None,
        pool_maxsize: int = 4,
        pool_size: Optional[int] = None,
        retry_enabled: bool = True,
        retry_max_retries: int = 3,
        retry_backoff_factor: float = 0.5,
        proxy_url: Optional[str] = None,
        proxy_headers: Optional[Mapping[str, str]] = None,
        proxy_server_name: Optional[str] = None,
        auto_refresh_token: bool = True,
        token_refresh_margin: int = 60,
        debug: bool = False,
        logger: Optional[logging.Logger] = None,
        timeout: TimeoutValue = (10.0, 60.0),
        event_hooks: Optional[EventHooks] = None,
        trust_env: bool = True,
        default_headers: Optional[Mapping[str, str]] = None,
        user_agent_suffix: Optional[str] = None,
        request_deadline: Optional[float] = 300.0,
    ) -> None:
        self.client_id: Optional[str] = client_id
        self.client_secret: Optional[str] = client_secret
        self.runai_base_url: str = _base_url(runai_base_url)
        self.bearer_token: Optional[str] = bearer_token
        self.verify_ssl: bool = verify_ssl
        self.ssl_ca_cert: Optional[str] = _existing_file("ssl_ca_cert", ssl_ca_cert)
        self.cert_file: Optional[str] = _existing_file("cert_file", cert_file)
        self.key_file: Optional[str] = _existing_file("key_file", key_file)
        self.pool_maxsize: int = _positive_int("pool_maxsize", pool_maxsize)
        self.pool_size: int = (
            pool_maxsize if pool_size is None else _positive_int("pool_size", pool_size)
        )
        self.retry_enabled: bool = retry_enabled
        self.retry_max_retries: int = _non_negative("retry_max_retries", retry_max_retries, int)
        self.retry_backoff_factor: float = _non_negative(
            "retry_backoff_factor", retry_backoff_factor, float
        )
        self.proxy_url: Optional[str] = _proxy_url(proxy_url)
        self.proxy_headers: Dict[str, str] = dict(proxy_headers or {})
        self.proxy_server_name: Optional[str] = proxy_server_name
        self.auto_refresh_token: bool = auto_refresh_token
        self.token_refresh_margin: int = _non_negative(
            "token_refresh_margin", token_refresh_margin, int
        )
        self.debug: bool = debug
        if logger is None:
            # debug=True turns on a dedicated child of "runai", so one debugging client does
            # not change the level of every other client in the process.
            logger = logging.getLogger("runai.debug" if debug else "runai")
        self.logger: logging.Logger = logger
        self.timeout: Tuple[float, float] = _timeout(timeout)
        self.event_hooks: EventHooks = {}
        if event_hooks is not None:
            from runai.event_hooks import check_event_hooks  # only configurations with hooks

            self.event_hooks = check_event_hooks(event_hooks)
        self.trust_env: bool = trust_env
        self.default_headers: Dict[str, str] = checked_headers("default_headers", default_headers)
        self.user_agent_suffix: Optional[str] = checked_user_agent_suffix(user_agent_suffix)
        self.request_deadline: Optional[float] = _deadline(request_deadline)
        self._check_auth()
        if self.key_file and not self.cert_file:
            raise ConfigurationError(
                "key_file", "given without cert_file; pass the client certificate too"
            )
        if self.pool_size > self.pool_maxsize:
            raise ConfigurationError(
                "pool_size", f"{self.pool_size} exceeds pool_maxsize {self.pool_maxsize}"
            )
        if debug:
            self.logger.setLevel(logging.DEBUG)

    @classmethod
    def from_env(cls, **overrides: Any) -> Configuration:
        """Every option from its ``RUNAI_<OPTION>`` variable (``runai_base_url`` from
        ``RUNAI_BASE_URL``, ``timeout`` from ``RUNAI_TIMEOUT``...); keyword arguments win over
        the environment. Errors name the variable and hide the secrets read."""
        from runai.env_options import configuration_from_env

        return configuration_from_env(cls, os.environ, overrides, _SECRET_OPTIONS)

    def _derive(
        self,
        *,
        retry_enabled: Optional[bool] = None,
        retry_max_retries: Optional[int] = None,
        retry_backoff_factor: Optional[float] = None,
        timeout: Optional[TimeoutValue] = None,
        request_deadline: Optional[float] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        user_agent_suffix: Optional[str] = None,
    ) -> Configuration:
        """A copy with the options a client made by ``with_options`` may change (the others
        name connections or the token, which it shares), checked as the constructor checks
        them; ``default_headers`` are added to this configuration's."""
        derived = copy.copy(self)
        if retry_enabled is not None:
            if not isinstance(retry_enabled, bool):
                raise ConfigurationError(
                    "retry_enabled", f"must be True or False, got {retry_enabled!r}"
                )
            derived.retry_enabled = retry_enabled
        if retry_max_retries is not None:
            derived.retry_max_retries = _non_negative("retry_max_retries", retry_max_retries, int)
        if retry_backoff_factor is not None:
            derived.retry_backoff_factor = _non_negative(
                "retry_backoff_factor", retry_backoff_factor, float
            )
        if timeout is not None:
            derived.timeout = _timeout(timeout)
        if request_deadline is not None:
            derived.request_deadline = _deadline(request_deadline)
        if default_headers is not None:
            added = checked_headers("default_headers", default_headers)
            derived.default_headers = merged(self.default_headers, added)
        if user_agent_suffix is not None:
            derived.user_agent_suffix = checked_user_agent_suffix(user_agent_suffix)
        return derived

    def _check_auth(self) -> None:
        has_id = bool(self.client_id)
        has_secret = bool(self.client_secret)
        if self.bearer_token is not None and (has_id or has_secret):
            raise ConfigurationError(
                "bearer_token",
                "cannot be combined with client_id/client_secret; choose one way to authenticate",
            )
        if has_id != has_secret:
            missing = "client_secret" if has_id else "client_id"
            raise ConfigurationError(
                missing, "is required together with the other client credential"
            )
        if self.bearer_token is None and not has_id:
            raise ConfigurationError(
                "client_id",
                "no credentials given; pass client_id and client_secret, or bearer_token",
            )
        if self.bearer_token is not None and not self.bearer_token.strip():
            raise ConfigurationError("bearer_token", "is empty")

    def __repr__(self) -> str:
        shown = []
        for name in ("runai_base_url", "client_id", "client_secret", "bearer_token"):
            value = getattr(self, name)
            if value is None:
                continue
            shown.append(f"{name}={'***' if name in _SECRET_OPTIONS else repr(value)}")
        return f"Configuration({', '.join(shown)})"


def _base_url(value: Optional[str]) -> str:
    if not value:
        raise ConfigurationError("runai_base_url", "is required, e.g. 'https://myorg.run.ai'")
    _refuse_userinfo("runai_base_url", value)
    parts = _http_url("runai_base_url", value, "'https://myorg.run.ai'")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise ConfigurationError(
            "runai_base_url",
            f"must have no query or fragment, got {hide_password(value)!r};"
            " give the address only, e.g. 'https://myorg.run.ai'",
        )
    root = parts._replace(scheme=parts.scheme.lower(), path="")
    if parts.path.strip("/"):
        # The API lives at the host root (/api/v1/..., /v1/k8s/...; the spec's server has no
        # path), so a path is a mistake, usually a URL copied from the browser.
        raise ConfigurationError(
            "runai_base_url",
            f"must be the control plane's address without a path, got "
            f"{hide_password(value)!r}; the Run:ai API lives at the host root, so use "
            f"{root.geturl()!r}",
        )
    return root.geturl()


def _proxy_url(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    parts = _http_url("proxy_url", value, "'http://proxy.example.com:3128'")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ConfigurationError(
            "proxy_url",
            f"must be scheme://host[:port] only, got {hide_password(value)!r}",
        )
    return value


def _http_url(option: str, value: str, example: str) -> SplitResult:
    """``value`` split, or a ConfigurationError when it is no http(s) URL with a host and a
    valid port; the scheme is case-insensitive (RFC 3986)."""
    shown = hide_password(value) if isinstance(value, str) else value
    expected = f"an http:// or https:// URL with a host, e.g. {example}"
    if not isinstance(value, str):
        raise ConfigurationError(option, f"must be {expected}, got {shown!r}")
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError as exc:
        raise ConfigurationError(option, f"is not a valid URL ({exc}): {shown!r}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(option, f"must be {expected}, got {shown!r}")
    if port == 0:
        raise ConfigurationError(option, f"has port 0, which no server listens on: {shown!r}")
    return parts


def _refuse_userinfo(option: str, url: str) -> None:
    """``https://user:password@host``: refused, the password left out of the message.

    Run:ai authenticates with ``client_id``/``client_secret`` or ``bearer_token``; a password in
    the URL would only be shown (reprs, errors, logs) or sent as Basic auth.
    """
    head, userinfo, tail = userinfo_parts(url)
    if userinfo is not None:
        raise ConfigurationError(
            option,
            f"must not contain a user name or password ({head}***@{tail}): Run:ai does not read "
            "them; authenticate with client_id and client_secret, or bearer_token",
        )


def _existing_file(option: str, path: Optional[str]) -> Optional[str]:
    if path is not None and not os.path.isfile(path):
        raise ConfigurationError(option, f"file {path!r} does not exist")
    return path


def _positive_int(option: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(option, f"must be a positive integer, got {value!r}")
    return value


def _non_negative(option: str, value: Any, kind: type) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigurationError(option, f"must be a non-negative number, got {value!r}")
    return kind(value)


def _deadline(value: Optional[float]) -> Optional[float]:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ConfigurationError(
            "request_deadline",
            f"must be seconds > 0, or None for no bound on a whole attempt, got {value!r}",
        )
    return float(value)


def _timeout(value: TimeoutValue) -> Tuple[float, float]:
    pair: Tuple[Any, ...] = ()
    if isinstance(value, (int, float)):
        pair = (value, value)
    elif isinstance(value, (tuple, list)):
        pair = tuple(value)
    if len(pair) != 2 or any(
        isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0
        for v in pair
    ):
        raise ConfigurationError(
            "timeout", f"must be seconds > 0 or a (connect, read) pair, got {value!r}"
        )
    return float(pair[0]), float(pair[1])
