"""What every live client must hear about: a fork and the interpreter's shutdown.

A forked child inherits the parent's pooled sockets (two processes reading one connection get
each other's answers), worker threads that do not exist in the child, and locks another thread
may hold. Clients register here and rebuild those pieces in the child. At interpreter shutdown
(Ctrl-C included) they are told to stop, so a worker sleeping before a retry ends at once
instead of keeping the process alive until its retries run out.
"""

from __future__ import annotations

import concurrent.futures.thread  # noqa: F401  registers its exit hook before ours (see below)
import os
import threading
import weakref
from typing import Protocol


class Lifecycle(Protocol):
    def _after_fork(self) -> None:
        """Drop every socket, thread and lock inherited from the parent."""

    def _on_shutdown(self) -> None:
        """Stop waiting and refuse new work: the interpreter is exiting."""


_clients: weakref.WeakSet[Lifecycle] = weakref.WeakSet()


def register(client: Lifecycle) -> None:
    _clients.add(client)


def _after_fork_in_child() -> None:
    for client in list(_clients):
        client._after_fork()


def _shutdown() -> None:
    for client in list(_clients):
        client._on_shutdown()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)

# Runs before the interpreter joins non-daemon threads; these hooks run last-registered first, so
# ours runs before concurrent.futures' own hook joins its workers. atexit would run only after
# that join, i.e. after every pending retry.
_register_atexit = getattr(threading, "_register_atexit", None)
if _register_atexit is not None:
    _register_atexit(_shutdown)
