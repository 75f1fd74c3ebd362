"""RunaiClient: one object with every installed API category as an attribute."""

from __future__ import annotations

from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Generic,
    List,
    Optional,
    Type,
    TypeVar,
    Union,
    cast,
    overload,
)

from runai.plugins.registry import CategoryRegistry, registry

if TYPE_CHECKING:
    # `X as X`: re-exported, since runapy 1.x code imports these from here
    from runai_ai_applications._category import AIApplications as AIApplications
    from runai_assets._category import WorkloadAssets as WorkloadAssets
    from runai_audit._category import Audit as Audit
    from runai_authz._category import (
        AuthenticationAndAuthorization as AuthenticationAndAuthorization,
    )
    from runai_datavolumes._category import Datavolumes as Datavolumes
    from runai_notifications._category import Notifications as Notifications
    from runai_organizations._category import Organizations as Organizations
    from runai_policies._category import Policies as Policies
    from runai_workloads._category import Workloads as Workloads

    from runai.api_group import ApiCategory
    from runai.clients.aio import AsyncApiClient
    from runai.clients.sync import ApiClient
    from runai.clients.threaded import ThreadedApiClient

ClientT = TypeVar(
    "ClientT", bound="Union[ApiClient, ThreadedApiClient, AsyncApiClient]", covariant=True
)


class RunaiClient(Generic[ClientT]):
    """Entry point: ``client.<category>.<group>.<method>(...)``.

    Pass an ``ApiClient``, ``ThreadedApiClient`` or ``AsyncApiClient``; or, as the CLI v2
    example does, ``RunaiClient(bearer_token=..., runai_base_url=..., cluster_id=...)`` (any
    other ``Configuration`` option may be given as a keyword too) to get an ``ApiClient``.
    Categories are discovered from installed distributions on first access.

    For type checkers the client is ``RunaiClient[<client class>]``: the nine Run:ai
    categories are typed attributes, and every generated method returns what that client
    returns (``ApiResponse[Model]``, an ``ApiFuture`` of it, or a coroutine of it).
    """

    @overload
    def __init__(
        self: RunaiClient[ApiClient],
        api_client: None = None,
        *,
        cluster_id: Optional[str] = None,
        categories: Optional[CategoryRegistry] = None,
        **configuration: Any,
    ) -> None: ...
    @overload
    def __init__(
        self,
        api_client: ClientT,
        *,
        cluster_id: Optional[str] = None,
        categories: Optional[CategoryRegistry] = None,
    ) -> None: ...
    def __init__(
        self,
        api_client: Optional[ClientT] = None,
        *,
        cluster_id: Optional[str] = None,
        categories: Optional[CategoryRegistry] = None,
        **configuration: Any,
    ) -> None:
        if api_client is None:
            from runai.clients.sync import ApiClient
            from runai.configuration import Configuration

            api_client = cast(ClientT, ApiClient(Configuration(**configuration)))
        elif configuration:
            raise TypeError(
                "pass either an api client or configuration keywords "
                f"({', '.join(sorted(configuration))}), not both"
            )
        self.api_client = api_client
        self.cluster_id = cluster_id
        self._registry = categories or registry
        self._categories: Dict[str, ApiCategory[ClientT]] = {}

    if TYPE_CHECKING:

        @property
        def ai_applications(self) -> AIApplications[ClientT]: ...
        @property
        def authentication_and_authorization(
            self,
        ) -> AuthenticationAndAuthorization[ClientT]: ...
        @property
        def audit(self) -> Audit[ClientT]: ...
        @property
        def datavolumes(self) -> Datavolumes[ClientT]: ...
        @property
        def notifications(self) -> Notifications[ClientT]: ...
        @property
        def organizations(self) -> Organizations[ClientT]: ...
        @property
        def policies(self) -> Policies[ClientT]: ...
        @property
        def workload_assets(self) -> WorkloadAssets[ClientT]: ...
        @property
        def workloads(self) -> Workloads[ClientT]: ...

    def __getattr__(self, name: str) -> ApiCategory[ClientT]:
        """Any installed category, including third-party ones (typed as plain categories)."""
        if name.startswith("_"):
            raise AttributeError(name)
        category = self._categories.get(name)
        if category is None:
            category_class: Type[ApiCategory[ClientT]] = self._registry.category_class(name)
            category = category_class(self.api_client)
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

    def __enter__(self) -> RunaiClient[ClientT]:
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

    async def __aenter__(self) -> RunaiClient[ClientT]:
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
