"""ApiCoroutine: the declared return type of every ``AsyncApiClient`` call, for editors."""

from __future__ import annotations

import types
from abc import abstractmethod
from typing import Any, Coroutine, Generator, TypeVar

#: What awaiting the call gives: ``ApiResponse[Model]``, a page, a waiter's model...
T_co = TypeVar("T_co", covariant=True)


class ApiCoroutine(Coroutine[Any, Any, T_co]):
    """A coroutine whose ``await`` gives ``T_co``; what an ``AsyncApiClient`` method returns.

    Generated methods declare it instead of ``Coroutine[Any, Any, T]`` because jedi (the
    completion engine of editors and notebooks) reads an awaited result from ``__await__`` only.
    It is still a ``Coroutine`` to type checkers, so ``asyncio.create_task``/``gather`` keep the
    type. At run time the calls return plain coroutines, which ``isinstance`` accepts.
    """

    __slots__ = ()

    @abstractmethod
    def __await__(self) -> Generator[Any, None, T_co]: ...


ApiCoroutine.register(types.CoroutineType)
