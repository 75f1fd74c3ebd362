"""``runai.__version__``: core's own version line, cheap to read, and what the client announces."""

from __future__ import annotations

import platform
import re
import subprocess
import sys

import pytest
from support.helpers import KINDS, build_config, request_once
from support.server import FixtureServer


def test_importing_runai_reads_the_version_without_package_metadata() -> None:
    code = (
        "import sys, runai\n"
        "print(runai.__version__)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('importlib.metadata', "
        "'importlib_metadata', 'email'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    version, loaded = result.stdout.splitlines()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    assert loaded == "[]"  # reading package metadata would cost every `import runai`


@pytest.mark.parametrize("kind", KINDS)
def test_every_request_announces_the_core_version(fixture_server: FixtureServer, kind: str) -> None:
    import runai

    request_once(kind, build_config(fixture_server), "GET", "/api/v1/anything")
    expected = f"runapy/{runai.__version__} python/{platform.python_version()}"
    agents = {r.headers.get("User-Agent") for r in fixture_server.requests}
    assert agents == {expected}  # the token request and the API call alike
