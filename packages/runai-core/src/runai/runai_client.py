"""RunaiClient: one object with every installed API category as an attribute."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Type, Union

from runai.plugins.registry import CategoryRegistry, registry

if TYPE_CHECKING:
    from runai.api_group import ApiCategory
    from runai.clients.aio import AsyncApiClient
    from runai.clients.sync import ApiClient
    from runai.clients.threaded import ThreadedApiClient

    AnyClient = Union[ApiClient, ThreadedApiClient, AsyncApiClient]


class RunaiClient:
    """Entry point: ``client.<category>.<group>.<method>(...)``.

    Pass an ``ApiClient``, ``ThreadedApiClient`` or ``AsyncApiClient``; or, as the CLI v2
    example does, ``RunaiClient(bearer_token=..., runai_base_url=..., cluster_id=...)`` (any
    other ``Configuration`` option may be given as a keyword too) to get an ``ApiClient``.
    Categories are discovered from installed distributions on first access.
    """

    def __init__(
        self,
        api_client: Optional[AnyClient] = None,
        *,
        cluster_id: Optional[str] = None,
        categories: Optional[CategoryRegistry] = None,
        **configuration: Any,
    ) -> None:
        if api_client is None:
            from runai.clients.sync import ApiClient
            from runai.configuration import Configuration

            api_client = ApiClient(Configuration(**configuration))
        elif configuration:
            raise TypeError(
                "pass either an api client or configuration keywords "
                f"({', '.join(sorted(configuration))}), not both"
            )
        self.api_client = api_client
        self.cluster_id = cluster_id
        self._registry = categories or registry
        self._categories: Dict[str, ApiCategory] = {}

    def __getattr__(self, name: str) -> ApiCategory:
        if name.startswith("_"):
            raise AttributeError(name)
        category = self._categories.get(name)
        if category is None:
            category = self._registry.category_class(name)(self.api_client)  # type: ignore[arg-type]
            self._categories[name] = category
        return category

    def options(self) -> List[str]:
        """Names of the installed API categories."""
        return self._registry.names()

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self.options()))

    def close(self) -> Any:
        """Close the underlying client (for an AsyncApiClient, await the result)."""
        return self.api_client.close()

    def __enter__(self) -> RunaiClient:
        if _is_async(self.api_client):
            raise TypeError("an AsyncApiClient is used with 'async with RunaiClient(...)'")
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.api_client.close()

    async def __aenter__(self) -> RunaiClient:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        result = self.api_client.close()
        if result is not None:
            await result

    def __repr__(self) -> str:
        return f"<RunaiClient {self.api_client!r}>"


def _is_async(client: Any) -> bool:
    return hasattr(client, "aclose")


def __getattr__(name: str) -> Any:
    """runapy 1.x's category classes: ``from runai.runai_client import Organizations``."""
    if name.startswith("_"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return registry.category_class_named(name)
