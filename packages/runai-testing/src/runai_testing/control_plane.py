"""``ControlPlane``: the simulator running in a background thread of the caller's process."""

from __future__ import annotations

import secrets
from types import TracebackType
from typing import Any, List, Mapping, Optional, Sequence, Tuple, Type

from runai_testing.app import Simulator
from runai_testing.faults import Faults
from runai_testing.http import ServerThread
from runai_testing.rules import DEFAULT_VERSION
from runai_testing.state.workloads import Workloads

DEFAULT_TOKEN_LIFETIME = 3600.0
DEFAULT_PHASE_DELAY = 0.2


class ControlPlane:
    """A local Run:ai control plane on 127.0.0.1.

    ``with ControlPlane() as cp:`` starts it on a free port; ``cp.url``, ``cp.client_id`` and
    ``cp.client_secret`` are what a client needs. Credentials are random unless given.
    ``phase_delay`` is how long a workload stays in each transitional phase.
    """

    def __init__(
        self,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        *,
        spec_version: str = DEFAULT_VERSION,
        token_lifetime: float = DEFAULT_TOKEN_LIFETIME,
        phase_delay: float = DEFAULT_PHASE_DELAY,
        host: str = "127.0.0.1",
        port: int = 0,
        credentials: Optional[Mapping[str, str]] = None,
        seed_data: bool = True,
    ) -> None:
        self.client_id: str = client_id or f"sim-{secrets.token_hex(4)}"
        self.client_secret: str = client_secret or secrets.token_urlsafe(24)
        accepted = {self.client_id: self.client_secret, **(credentials or {})}
        self.app: Simulator = Simulator(
            accepted,
            spec_version,
            token_lifetime,
            phase_delay,
            seed_data=seed_data,
        )
        self._host = host
        self._port = port
        self._server: Optional[ServerThread] = None

    @property
    def spec_version(self) -> str:
        return self.app.rules.version

    @property
    def faults(self) -> Faults:
        return self.app.faults

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the control plane is not running; use 'with ControlPlane() as cp'")
        return f"http://{self._host}:{self._server.port}"

    def expire_tokens(self) -> None:
        """Every token issued so far stops working now (clients must log in again)."""
        self.app.issuer.expire_all()

    def advance(self, seconds: float) -> None:
        """Move the simulated clock forward, e.g. to let workloads reach Running at once."""
        self.app.world.clock.advance(seconds)

    def set_workload_phases(
        self,
        workload_id: str,
        phases: Sequence[Tuple[str, Optional[float]]],
        *,
        message: Optional[str] = None,
    ) -> None:
        """Script a workload from now on: each ``(phase, seconds)`` in turn, the last one for
        good (its seconds may be ``None``); ``message`` is the ``phaseMessage`` it reports.

        ``cp.set_workload_phases(wid, [("Pending", 5), ("Failed", None)], message="OOMKilled")``
        fails it after five simulated seconds (``advance`` skips them). Raises ``LookupError``
        for an unknown workload and ``ValueError`` for a phase the simulated version lacks.
        """
        Workloads(self.app.world).script(workload_id, phases, message)

    def fill_list(self, path: str, count: int, method: str = "GET") -> List[Any]:
        """Give the paged list at ``path`` (the spec's template, e.g.
        ``/api/v1/workloads/{workloadId}/events``) ``count`` synthesised items, served page by
        page in the list's own paging shape whatever the path's parameters; returns them.
        Lists with state (projects, workloads...) fill by creating objects instead."""
        return self.app.world.fill_list(method, path, count)

    def start(self) -> ControlPlane:
        if self._server is None:
            self._server = ServerThread(self.app, self._host, self._port)
            self._server.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> ControlPlane:
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "stopped"
        return (
            f"ControlPlane({where}, spec_version={self.spec_version!r}, "
            f"client_id={self.client_id!r}, client_secret='***')"
        )
