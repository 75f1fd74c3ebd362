"""RunaiClient: one object with every installed API category as an attribute."""

from __future__ import annotations

from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Generic,
    List,
    Mapping,
    NoReturn,
    Optional,
    Type,
    cast,
    overload,
)

from runai.client_kind import ClientT
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
    from runai.clients.sync import ApiClient
    from runai.configuration import TimeoutValue


class RunaiClient(Generic[ClientT]):
    """Entry point: ``client.<category>.<group>.<method>(...)``.

    Pass an ``ApiClient``, ``ThreadedApiClient`` or ``AsyncApiClient``; or, as the CLI v2
    example does, ``RunaiClient(bearer_token=..., runai_base_url=..., cluster_id=...)`` (any
    other ``Configuration`` option may be given as a keyword too) to get an ``ApiClient``.
    Categories are discovered from installed distributions on first access.

    For type checkers the client is ``RunaiClient[<client class>]``: the nine Run:ai
    categories are typed attributes, and every generated method returns what that client
    returns (``ApiResponse[Model]``, an ``ApiFuture`` of it, or a coroutine of it). A
    third-party category is ``client.<name>`` at run time and ``client.category("<name>")``
    to type checkers too.
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
        elif not callable(getattr(api_client, "call", None)):
            raise TypeError(_not_a_client(api_client))
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

    def with_options(
        self,
        *,
        retry_enabled: Optional[bool] = None,
        retry_max_retries: Optional[int] = None,
        retry_backoff_factor: Optional[float] = None,
        timeout: Optional[TimeoutValue] = None,
        request_deadline: Optional[float] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        user_agent_suffix: Optional[str] = None,
        **unknown: NoReturn,
    ) -> RunaiClient[ClientT]:
        """A client of the same kind whose calls use these options, for one part of a program
        (``client.with_options(retry_max_retries=0).workloads...``).

        It shares this client's connection pool (worker threads, aiohttp session) and token,
        so it costs no new connection and no login, and calls this client's ``event_hooks``.
        Options not given keep this client's value; ``default_headers`` are added to this
        client's. Connection, credential and hook options cannot differ (they describe what is
        shared): build a second client for those.
        Closing the new client ends only its own calls; closing this one closes both.
        """
        if unknown:
            raise TypeError(_unknown_options(sorted(unknown)))
        configuration = self.api_client.configuration._derive(
            retry_enabled=retry_enabled,
            retry_max_retries=retry_max_retries,
            retry_backoff_factor=retry_backoff_factor,
            timeout=timeout,
            request_deadline=request_deadline,
            default_headers=default_headers,
            user_agent_suffix=user_agent_suffix,
        )
        max_retries: Optional[int] = None
        if retry_enabled is not None or retry_max_retries is not None:
            max_retries = configuration.retry_max_retries if configuration.retry_enabled else 0
        backoff_factor: Optional[float] = None
        if retry_backoff_factor is not None:
            backoff_factor = configuration.retry_backoff_factor
        derived = self.api_client._derive(
            configuration, max_retries=max_retries, backoff_factor=backoff_factor
        )
        return RunaiClient(
            cast(ClientT, derived), cluster_id=self.cluster_id, categories=self._registry
        )

    if not TYPE_CHECKING:  # type checkers know the nine categories; a typo is an error

        def __getattr__(self, name: str) -> ApiCategory[ClientT]:
            if name.startswith("_"):
                raise AttributeError(name)
            return self.category(name)

    def category(self, name: str) -> ApiCategory[ClientT]:
        """The installed category ``name`` (what ``client.<name>`` gives), for a category type
        checkers do not know, such as a third-party one: ``client.category("example")``."""
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
        """Close the underlying client (for an AsyncApiClient, await the result); for a client
        made by ``with_options``, end its calls and leave the shared connections open."""
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


def _not_a_client(value: object) -> str:
    from runai.configuration import Configuration

    if isinstance(value, Configuration):
        return (
            "RunaiClient takes an api client, not a Configuration: wrap it, "
            "RunaiClient(ApiClient(config)) (or ThreadedApiClient(config), AsyncApiClient(config))"
        )
    return (
        f"RunaiClient takes an ApiClient, ThreadedApiClient or AsyncApiClient, got "
        f"{type(value).__name__}; e.g. RunaiClient(ApiClient(Configuration(...)))"
    )


def _unknown_options(names: List[str]) -> str:
    """Why ``with_options`` refused ``names``, and what to write instead."""
    import difflib
    import inspect

    from runai.configuration import Configuration

    accepted = [
        name
        for name, parameter in inspect.signature(RunaiClient.with_options).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    configurable = set(inspect.signature(Configuration.__init__).parameters)
    problems = []
    for name in names:
        if name == "event_hooks":
            problems.append(
                "'event_hooks' cannot change here: a client made by with_options calls this "
                "client's event hooks (a hook can tell its calls apart by their headers, "
                "e.g. default_headers=...); for other hooks build a separate client"
            )
            continue
        if name in configurable:
            problems.append(
                f"{name!r} cannot change here: a client made by with_options shares this "
                "client's connections and token; for another value build a separate client, "
                f"RunaiClient(ApiClient(Configuration({name}=...)))"
            )
            continue
        close = difflib.get_close_matches(name, accepted, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problems.append(f"{name!r} is not an option{hint}")
    return f"with_options(): {'; '.join(problems)}; the options are {', '.join(accepted)}"


def __getattr__(name: str) -> Any:
    """runapy 1.x's category classes: ``from runai.runai_client import Organizations``."""
    if name.startswith("_"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return registry.category_class_named(name)
