"""A value loaded on first use, once, however many threads ask for it at the same time."""

from __future__ import annotations

import threading
from typing import Callable, Generic, Optional, Tuple, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    """``load()`` runs on the first :meth:`get`; callers racing it wait for that one run, and
    later calls read the value without taking the lock. A ``load()`` that raises is run again
    by the next call."""

    def __init__(self, load: Callable[[], T]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._loaded: Optional[Tuple[T]] = None

    def get(self) -> T:
        loaded = self._loaded
        if loaded is None:
            with self._lock:
                if self._loaded is None:
                    self._loaded = (self._load(),)
                loaded = self._loaded
        return loaded[0]
