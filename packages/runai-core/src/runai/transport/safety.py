"""Warnings about settings that expose credentials: no certificate check, or no TLS at all."""

from __future__ import annotations

import ipaddress
import os
import sys
import warnings
from types import FrameType
from typing import TYPE_CHECKING, Optional
from urllib.parse import urlsplit

from runai.exceptions import InsecureConnectionWarning

if TYPE_CHECKING:
    from runai.configuration import Configuration

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def warn_about_unsafe_settings(config: Configuration) -> None:
    """Warn once per client: ``verify_ssl=False`` on https, or credentials over plain http to a
    host other than this machine. The warning names the host, never a credential."""
    url = config.runai_base_url
    scheme = url.partition("://")[0].lower()
    host = _host(url)
    if scheme == "https" and not config.verify_ssl:
        _warn(
            f"verify_ssl=False: the TLS certificate of {host} is not checked, so anyone on the "
            "network path can read the credentials and tokens this client sends; pass "
            "ssl_ca_cert= with the control plane's CA instead"
        )
    if scheme == "http" and not _is_loopback(host):
        _warn(
            f"runai_base_url is http://{host}: the client's credentials and access tokens go "
            "over the network unencrypted; use https://"
        )


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _is_loopback(host: str) -> bool:
    """This machine, or a name that never leaves it (RFC 6761: ``.localhost``, ``.invalid``)."""
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith((".localhost", ".invalid")):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _warn(message: str) -> None:
    warnings.warn(message, InsecureConnectionWarning, stacklevel=_caller_level())


def _caller_level() -> int:
    """The stack level of the first frame outside this package: the line that made the client."""
    level = 2  # the caller of _warn
    frame: Optional[FrameType] = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level
