"""`runai.waiting` keeps its public names though it loads them on first access, and a generated
group's waiter stays read-only data compared by value."""

from __future__ import annotations

import pickle
import subprocess
import sys
from copy import deepcopy

import pytest
import runai.waiting
from runai.waiting import Waiter
from runai_organizations import projects


def test_every_public_name_resolves_from_the_package() -> None:
    classes = [name for name in runai.waiting.__all__ if name != "ProgressCallback"]
    for name in classes:
        assert getattr(runai.waiting, name).__name__ == name
    assert runai.waiting.ProgressCallback is not None
    assert set(runai.waiting.__all__) <= set(dir(runai.waiting))
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        runai.waiting.Nothing  # type: ignore[attr-defined]  # noqa: B018


def test_importing_a_waiter_leaves_the_rest_of_the_package_unloaded() -> None:
    code = (
        "import sys\n"
        "from runai.waiting import Waiter\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('runai.waiting'))\n"
        "assert loaded == ['runai.waiting', 'runai.waiting.waiter'], loaded\n"
        "from runai.waiting import Progress\n"
        "assert 'runai.waiting.progress' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_generated_waiter_is_read_only_compared_by_value_and_pickles() -> None:
    ready = projects._WAIT_UNTIL_READY  # pyright: ignore[reportPrivateUsage]
    assert ready.operation.operation_id == "get_project" and ready.goal == "Ready"
    with pytest.raises(AttributeError, match="read-only"):
        ready.success = frozenset({"Deleted"})
    copy = Waiter(
        name=ready.name,
        resource=ready.resource,
        operation=ready.operation,
        id_param=ready.id_param,
        phase_path=ready.phase_path,
        message_path=ready.message_path,
        success=ready.success,
        failure=ready.failure,
        waiting=ready.waiting,
    )
    assert copy == ready and copy != projects._WAIT_UNTIL_DELETED  # pyright: ignore[reportPrivateUsage]
    assert pickle.loads(pickle.dumps(ready)) == ready == deepcopy(ready)
    assert repr(copy) == repr(ready) and repr(ready).startswith("Waiter(name='wait_until_ready'")
