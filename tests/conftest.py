"""Shared fixtures: a loopback Run:ai-like server per test, and configurations pointing at it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest

_TESTS_DIR = str(Path(__file__).resolve().parent)
if _TESTS_DIR not in sys.path:  # `import support` from any test module, whatever the import mode
    sys.path.insert(0, _TESTS_DIR)


def _keep_loopback_off_proxies() -> None:
    """Clients honour HTTP_PROXY & co.: a proxy of the machine running the suite must not carry
    its calls to servers on 127.0.0.1 (package installs still use it)."""
    entries = ["127.0.0.1", "localhost", "::1"]
    entries += [os.environ.get(name, "") for name in ("no_proxy", "NO_PROXY")]
    combined = ",".join(e for e in entries if e)
    os.environ["no_proxy"] = os.environ["NO_PROXY"] = combined


_keep_loopback_off_proxies()

from support.helpers import CLIENT_ID, CLIENT_SECRET, build_config  # noqa: E402
from support.server import FixtureServer, ForwardProxy  # noqa: E402

if TYPE_CHECKING:
    from runai.configuration import Configuration


@pytest.fixture
def fixture_server() -> Iterator[FixtureServer]:
    """A started :class:`FixtureServer` that accepts ``CLIENT_ID``/``CLIENT_SECRET``."""
    with FixtureServer(credentials={CLIENT_ID: CLIENT_SECRET}) as srv:
        yield srv


@pytest.fixture
def forward_proxy() -> Iterator[ForwardProxy]:
    with ForwardProxy() as proxy:
        yield proxy


@pytest.fixture
def make_config(fixture_server: FixtureServer) -> Callable[..., Configuration]:
    """``make_config(**overrides)`` -> a ``Configuration`` for ``fixture_server``."""

    def factory(**overrides: Any) -> Configuration:
        config: Configuration = build_config(fixture_server, **overrides)
        return config

    return factory
