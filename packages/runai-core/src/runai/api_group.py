"""Base classes that generated categories and API groups derive from."""

from __future__ import annotations

import importlib
import threading
import warnings
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Dict,
    Generic,
    List,
    Mapping,
    Optional,
    Set,
    Tuple,
    Type,
    Union,
)

from runai.client_kind import ClientT as ClientT  # generated categories and groups import it here
from runai.operation import Operation
from runai.request.options import RequestOptions, TimeoutArg

if TYPE_CHECKING:
    from runai.waiting.clock import Clock
    from runai.waiting.progress import ProgressCallback
    from runai.waiting.waiter import Waiter

_warned: Set[str] = set()
_warned_lock = threading.Lock()


def _warn_deprecated(op: Operation, method: str) -> None:
    with _warned_lock:
        if op.operation_id in _warned:
            return
        _warned.add(op.operation_id)
    warnings.warn(
        f"{method}() calls {op.method} {op.path}, which the Run:ai API marks as deprecated; "
        "it may disappear in a later control-plane version.",
        DeprecationWarning,
        stacklevel=4,
    )


class ApiGroup(Generic[ClientT]):
    """One tag of the spec: a set of operations bound to a client.

    Subclasses list their methods in ``_methods`` as ``(name, deprecated)`` pairs, in spec order,
    and implement each method as a thin call to :meth:`_call`.
    """

    _methods: ClassVar[Tuple[Tuple[str, bool], ...]] = ()

    __slots__ = ("_client",)

    def __init__(self, api_client: ClientT) -> None:
        self._client = api_client

    @property
    def api_client(self) -> ClientT:
        """The client this group calls through (``XxxApi(api_client)`` as in runapy 1.x)."""
        return self._client

    @classmethod
    def options(cls, include_deprecated: bool = False) -> List[str]:
        """Method names of this group; deprecated ones only when asked for."""
        return [name for name, deprecated in cls._methods if include_deprecated or not deprecated]

    def _call(
        self,
        op: Operation,
        method: str,
        path: Optional[Mapping[str, Any]] = None,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        request_timeout: TimeoutArg = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        if op.deprecated:
            _warn_deprecated(op, method)
        options = None
        if request_timeout is not None or headers:
            options = RequestOptions(timeout=request_timeout, headers=headers)
        return self._client.call(op, path, query, body, options)

    def _wait(
        self,
        waiter: Waiter,
        resource_id: Union[str, int],
        timeout: float,
        poll_interval: float,
        on_progress: Optional[ProgressCallback],
        clock: Optional[Clock],
    ) -> Any:
        from runai.waiting.options import WaitOptions  # a wait's machinery loads on the first wait

        options = WaitOptions(timeout, poll_interval, on_progress, clock)
        return self._client.wait_for(waiter, str(resource_id), options)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} methods={self.options()}>"


class ApiCategory(Generic[ClientT]):
    """One ``x-tagGroups`` entry: a lazily populated set of API groups.

    Subclasses map attribute names to ``"module:Class"`` in ``_groups`` (spec order). A group
    module is imported the first time its attribute is read, so touching one group never pays
    for the others.
    """

    _groups: ClassVar[Mapping[str, str]] = {}

    def __init__(self, api_client: ClientT) -> None:
        self._client = api_client
        self._loaded: Dict[str, ApiGroup[ClientT]] = {}

    @property
    def api_client(self) -> ClientT:
        """The client every group of this category calls through."""
        return self._client

    @classmethod
    def options(cls) -> List[str]:
        """Group names of this category, in spec order."""
        return list(cls._groups)

    if not TYPE_CHECKING:  # generated categories declare their groups; a typo is an error

        def __getattr__(self, name: str) -> ApiGroup[ClientT]:
            return self._group(name)

    def group(self, name: str) -> ApiGroup[ClientT]:
        """The group ``name`` (what ``category.<name>`` gives), for a category type checkers
        do not know, such as a third-party one."""
        return self._group(name)

    def _group(self, name: str) -> ApiGroup[ClientT]:
        target = type(self)._groups.get(name)
        if target is None:
            raise AttributeError(
                f"{type(self).__name__} has no API group {name!r}; "
                f"available groups: {', '.join(self.options())}"
            )
        group = self._loaded.get(name)
        if group is None:
            module_name, _, class_name = target.partition(":")
            group_class: Type[ApiGroup[ClientT]] = getattr(
                importlib.import_module(module_name), class_name
            )
            group = group_class(self._client)
            self._loaded[name] = group
        return group

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self._groups))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} groups={self.options()}>"
