"""Which proxy a client goes through: ``proxy_url``, else the one the environment names.

The environment is read as curl and requests read it: ``https_proxy`` for an ``https://``
control plane, ``http_proxy`` for an ``http://`` one, ``all_proxy`` for either, and ``no_proxy``.
Each is looked up in lower case first, then in upper case, so the lower-case variable wins when
both are set; an empty variable counts as unset. As in Python's ``urllib``, ``HTTP_PROXY`` in
upper case is ignored inside a CGI request (``REQUEST_METHOD`` set), where any client could set
it through a ``Proxy:`` header.

``no_proxy`` is a list separated by commas or spaces of ``*`` (no proxy for any host), host names
and domains (``example.com`` and ``.example.com`` both match the domain and every name under
it), ``host:port`` (that port only), IP addresses and networks (``10.0.0.0/8``, ``fd00::/8``).
Loopback is proxied like any other host unless ``no_proxy`` lists it, as requests does.
"""

from __future__ import annotations

import ipaddress
import os
import re
from typing import TYPE_CHECKING, Mapping, Optional, Tuple, Union
from urllib.parse import urlsplit

from runai.exceptions import ConfigurationError
from runai.transport.secrets import split_userinfo

if TYPE_CHECKING:
    from runai.configuration import Configuration

IpAddress = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_SEPARATORS = re.compile(r"[\s,]+")


def chosen_proxy(
    config: Configuration, environ: Optional[Mapping[str, str]] = None
) -> Optional[str]:
    """The proxy URL (credentials included) for ``config``'s control plane, or None."""
    if config.proxy_url:
        return config.proxy_url
    if not config.trust_env:
        return None
    env = os.environ if environ is None else environ
    parts = urlsplit(config.runai_base_url)
    scheme = parts.scheme.lower()
    found = _variable(env, f"{scheme}_proxy") or _variable(env, "all_proxy")
    if found is None:
        return None
    no_proxy = _variable(env, "no_proxy")
    host = parts.hostname or ""
    if no_proxy and bypasses(no_proxy[1], host, parts.port or _DEFAULT_PORTS[scheme]):
        return None
    name, value = found
    url = _checked_proxy_url(name, value, host)
    config.logger.debug("proxy %s (from %s)", split_userinfo(url)[0], name)
    return url


def bypasses(no_proxy: str, host: str, port: int) -> bool:
    """Whether the ``no_proxy`` list names ``host`` (at ``port``)."""
    host = host.lower().rstrip(".")
    address = _address(host)
    for entry in _SEPARATORS.split(no_proxy.lower()):
        if entry == "*":
            return True
        pattern, entry_port = _host_and_port(entry)
        if not pattern or (entry_port is not None and entry_port != port):
            continue
        if _matches(pattern, host, address):
            return True
    return False


def _variable(environ: Mapping[str, str], lower: str) -> Optional[Tuple[str, str]]:
    """``(name, value)`` of the first non-empty of ``lower`` and its upper-case twin."""
    names = [lower]
    if not (lower == "http_proxy" and "REQUEST_METHOD" in environ):
        names.append(lower.upper())
    for name in names:
        value = environ.get(name, "").strip()
        if value:
            return name, value
    return None


def _host_and_port(entry: str) -> Tuple[str, Optional[int]]:
    """``[::1]:8080``, ``host:443``, ``::1``, ``10.0.0.0/8``: the host part and the port, if any;
    an entry whose port is no number names no host."""
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None
    elif entry.count(":") == 1:
        host, _, port = entry.partition(":")
    else:
        host, port = entry, None
    if port is None:
        return host, None
    return (host, int(port)) if port.isdigit() else ("", None)


def _matches(pattern: str, host: str, address: Optional[IpAddress]) -> bool:
    if "/" in pattern:
        try:
            network = ipaddress.ip_network(pattern, strict=False)
        except ValueError:
            return False
        return address is not None and address in network
    listed = _address(pattern)
    if listed is not None:
        return address == listed
    domain = pattern[2:] if pattern.startswith("*.") else pattern.lstrip(".")
    domain = domain.rstrip(".")
    return bool(domain) and (host == domain or host.endswith("." + domain))


def _address(host: str) -> Optional[IpAddress]:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _checked_proxy_url(variable: str, value: str, host: str) -> str:
    """``value`` as ``scheme://[userinfo@]host[:port]``; ``proxy:3128`` means ``http://``.

    Anything else is refused naming the variable, never the password it may hold.
    """
    url = value if "://" in value else f"http://{value}"
    without, userinfo = split_userinfo(url)
    shown = without if userinfo is None else without.replace("://", "://***@", 1)
    what_to_do = (
        f"fix {variable}, list {host} in NO_PROXY, or pass Configuration(trust_env=False) "
        "to ignore proxy variables"
    )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ConfigurationError(
            variable, f"{shown!r} is not a valid proxy URL; {what_to_do}"
        ) from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ConfigurationError(
            variable,
            f"{shown!r}: only http:// and https:// proxies are supported; {what_to_do}",
        )
    if not parts.hostname or port == 0:
        raise ConfigurationError(variable, f"{shown!r} names no proxy host and port; {what_to_do}")
    return f"{scheme}://{parts.netloc}"
