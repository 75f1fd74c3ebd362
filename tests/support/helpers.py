"""Helpers shared by the test modules: credentials the fixture server accepts, configurations."""

from __future__ import annotations

from typing import Any, Dict

CLIENT_ID = "id"
CLIENT_SECRET = "s3cr3t-client-secret-value"


def build_config(server: Any, **overrides: Any) -> Any:
    """A ``Configuration`` for ``server`` with client credentials and test-friendly defaults.

    Small backoff so retries don't slow the suite, and a modest timeout so a bug can't hang it.
    Pass ``client_id=None, client_secret=None, bearer_token=...`` to switch auth method.
    """
    from runai.configuration import Configuration

    kwargs: Dict[str, Any] = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "runai_base_url": server.url,
        "retry_backoff_factor": 0.01,
        "timeout": (5.0, 10.0),
    }
    kwargs.update(overrides)
    return Configuration(**kwargs)
