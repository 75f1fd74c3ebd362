"""The three clients, at the import path existing scripts use.

``AsyncApiClient`` is imported on first access so that sync users never load aiohttp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runai.clients.sync import ApiClient
from runai.clients.threaded import ApiFuture, ThreadedApiClient

if TYPE_CHECKING:
    from runai.clients.aio import AsyncApiClient

__all__ = ["ApiClient", "ApiFuture", "AsyncApiClient", "ThreadedApiClient"]


def __getattr__(name: str) -> Any:
    if name == "AsyncApiClient":
        from runai.clients.aio import AsyncApiClient

        return AsyncApiClient
    raise AttributeError(f"module 'runai.api_client' has no attribute {name!r}")
