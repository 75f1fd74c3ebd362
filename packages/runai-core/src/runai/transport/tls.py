"""One SSL context from the configuration, used by both transports."""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runai.configuration import Configuration


def ssl_context(config: Configuration) -> ssl.SSLContext:
    """Verification per ``verify_ssl``/``ssl_ca_cert``, client certificate per ``cert_file``."""
    if config.verify_ssl:
        context = ssl.create_default_context(cafile=config.ssl_ca_cert)
    else:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if config.cert_file:
        context.load_cert_chain(config.cert_file, config.key_file)
    return context
