"""``ClientT``: the client a ``RunaiClient``, category or group calls through.

The kind decides what every generated method returns (a response, a future, a coroutine). A bare
``RunaiClient`` or ``ProjectsApi`` annotation means the sync client's (PEP 696 default, seen by
type checkers only, so no ``typing_extensions`` import at run time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, Union

if TYPE_CHECKING:
    import typing_extensions

    from runai.clients.aio import AsyncApiClient
    from runai.clients.sync import ApiClient
    from runai.clients.threaded import ThreadedApiClient

    ClientT = typing_extensions.TypeVar(
        "ClientT",
        bound=Union[ApiClient, ThreadedApiClient, AsyncApiClient],
        covariant=True,
        default=ApiClient,
    )
else:
    ClientT = TypeVar(
        "ClientT", bound="Union[ApiClient, ThreadedApiClient, AsyncApiClient]", covariant=True
    )
