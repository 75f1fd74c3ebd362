"""What a release ships: the wheels and sdists of ``hatch run build``, installed as users will.

``tools/build.py`` builds the 2.19 and 2.24 sets plus runai-core and runai-testing into a
temporary directory (twine check included). Each control-plane version then gets a fresh venv:
third-party dependencies from the index, our distributions only from the built wheels
(``--no-index``, one find-links directory per set, so ``runapy~=2.219.0`` has to choose), and
``runai-sim --spec-version`` of that version, from the runai-testing wheel, serves the client.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set, Tuple

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from support.venvs import REPO, create_venv, pip_check, pip_install

pytestmark = pytest.mark.slow  # builds every wheel, then a venv per version set: minutes

BUILD = REPO / "tools" / "build.py"
CHECK = Path(__file__).with_name("wheel_check.py")
CORE_VERSION_FILE = REPO / "packages" / "runai-core" / "src" / "runai" / "_version.py"
TESTING_VERSION_FILE = REPO / "packages" / "runai-testing" / "src" / "runai_testing" / "_version.py"
VERSIONS = ["2.19", "2.24"]
CLIENT_ID, CLIENT_SECRET = "release-test", "release-secret"
CREDENTIALS = ["--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET]


def written_version(path: Path) -> str:
    """The version a ``_version.py`` holds: the one place core's and the simulator's live."""
    match = re.search(r'^__version__ = "([^"]+)"$', path.read_text(), re.MULTILINE)
    assert match, path
    return match.group(1)


def core_version() -> str:
    return written_version(CORE_VERSION_FILE)


def client_version(control_plane: str) -> str:
    """``2.19`` -> ``2.219.0``: the version line of every distribution generated from a spec."""
    major, minor = control_plane.split(".")
    return f"2.{major}{int(minor):02d}.0"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, str]:
    """The build tool's output directory, and what it printed (twine check's verdicts)."""
    out = tmp_path_factory.mktemp("dist")
    args = [sys.executable, str(BUILD), "--out", str(out)]
    for version in VERSIONS:
        args += ["--version", version]
    wide = {**os.environ, "COLUMNS": "1000"}  # twine's verdicts, one line per file
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, env=wide)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # without twine's colours


def archives(out: Path) -> List[Path]:
    return sorted(p for p in out.rglob("*") if p.name.endswith((".whl", ".tar.gz")))


def test_every_wheel_and_sdist_is_built_and_passes_twine_check(built: Tuple[Path, str]) -> None:
    out, printed = built
    files = archives(out)
    names = {f.name for f in files}
    for version in VERSIONS:
        v = client_version(version)
        for stem in ("runapy", "runai_models", "runai_organizations", "runai_workloads"):
            assert f"{stem}-{v}-py3-none-any.whl" in names, sorted(names)
            assert f"{stem}-{v}.tar.gz" in names, sorted(names)
    core = core_version()
    assert {f"runai_core-{core}-py3-none-any.whl", f"runai_core-{core}.tar.gz"} <= names
    assert any(n.startswith("runai_testing-") and n.endswith(".whl") for n in names), names
    assert {f.parent.name for f in files} == {*VERSIONS, "common"}
    passed = re.findall(r"^Checking (\S+): PASSED$", printed, re.MULTILINE)
    assert sorted(Path(p).name for p in passed) == sorted(names), printed


def test_every_wheel_and_sdist_carries_the_license_and_index_metadata(
    built: Tuple[Path, str],
) -> None:
    license_text = (REPO / "LICENSE").read_bytes()
    for path in archives(built[0]):
        if path.name.endswith(".whl"):
            with zipfile.ZipFile(path) as whl:
                names = whl.namelist()
                licenses = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
                assert len(licenses) == 1, (path.name, names)
                assert whl.read(licenses[0]) == license_text, path.name
                meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
                metadata = whl.read(meta_name).decode()
        else:
            with tarfile.open(path) as sdist:
                root = path.name[: -len(".tar.gz")]
                member = sdist.extractfile(f"{root}/LICENSE")
                assert member is not None and member.read() == license_text, path.name
                info = sdist.extractfile(f"{root}/PKG-INFO")
                assert info is not None, path.name
                metadata = info.read().decode()
        headers = metadata.split("\n\n", 1)[0]
        assert "\nLicense-Expression: Apache-2.0\n" in headers, (path.name, headers)
        assert "\nLicense-File: LICENSE\n" in headers, (path.name, headers)
        assert "\nRequires-Python: >=3.9\n" in headers, (path.name, headers)
        assert "License ::" not in headers, path.name  # deprecated next to License-Expression
        urls = re.findall(r"^Project-URL: (\w+), (\S+)$", headers, re.MULTILINE)
        assert {label for label, _ in urls} >= {"Homepage", "Repository", "Changelog"}, urls
        for minor in range(9, 14):
            assert f"Classifier: Programming Language :: Python :: 3.{minor}\n" in headers
        assert re.search(r"^Keywords: .*runai", headers, re.MULTILINE), (path.name, headers)
        if path.name.startswith("runapy-"):  # its index page names the control plane it is for
            plane = path.parent.name
            assert f"is the client for Run:ai control plane {plane}." in metadata, path.name


def requirements(wheel: Path) -> List[Requirement]:
    with zipfile.ZipFile(wheel) as whl:
        meta_name = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = whl.read(meta_name).decode()
    headers = metadata.split("\n\n", 1)[0]
    return [Requirement(r) for r in re.findall(r"^Requires-Dist: (.+)$", headers, re.MULTILINE)]


def ours(name: str) -> bool:
    return name == "runapy" or name.startswith("runai-")


def third_party(wheels: List[Path]) -> List[str]:
    """What our wheels need from the index, read from their metadata (extras we ask for too).

    Installed first, from the index; our own distributions then come from the wheels only.
    """
    by_wheel = {canonicalize_name(w.name.split("-")[0]): requirements(w) for w in wheels}
    extras: Dict[str, Set[str]] = {}
    for reqs in by_wheel.values():
        for req in reqs:
            if ours(req.name):
                extras.setdefault(canonicalize_name(req.name), set()).update(req.extras)
    needed: Set[str] = set()
    for name, reqs in by_wheel.items():
        for req in reqs:
            if ours(req.name):
                continue
            marker = str(req.marker or "")
            if "extra" not in marker:
                needed.add(str(req))
            elif req.marker is not None and any(
                req.marker.evaluate({"extra": e}) for e in extras.get(name, ())
            ):
                req.marker = None
                needed.add(str(req))
    return sorted(needed)


@pytest.fixture(scope="module", params=VERSIONS)
def installed(
    request: pytest.FixtureRequest,
    built: Tuple[Path, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Tuple[str, Dict[str, Any]]]:
    """A venv with ``runapy~=2.2XX.0`` and runai-testing from the wheels, the simulator of that
    control-plane version running from it, and what ``wheel_check.py`` saw there."""
    version: str = request.param
    out = built[0]
    root = tmp_path_factory.mktemp(f"venv-{version}")
    python = create_venv(root)
    pip_install(
        python, third_party([*(out / version).glob("*.whl"), *(out / "common").glob("*.whl")])
    )
    find_links: List[str] = []
    for directory in (*VERSIONS, "common"):
        find_links += ["--find-links", str(out / directory)]
    pip_install(
        python,
        ["--no-index", *find_links, f"runapy~={client_version(version)}", "runai-testing"],
    )
    assert pip_check(python) == ""
    sim = python.parent / ("runai-sim.exe" if sys.platform == "win32" else "runai-sim")
    server, banner, url = start_simulator(sim, version, root / "runai-sim.log")
    try:
        result = subprocess.run(
            [str(python), str(CHECK), url, CLIENT_ID, CLIENT_SECRET],
            capture_output=True,
            text=True,
            cwd=root,  # nothing from the work tree shadows the installed packages
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        yield version, {"sim_banner": banner, **json.loads(result.stdout)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def start_simulator(sim: Path, version: str, log: Path) -> Tuple[subprocess.Popen[bytes], str, str]:
    """``runai-sim`` on a free loopback port; its process, banner line and base URL.

    Its output goes to a file, which nothing has to keep draining while the client runs.
    """
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(sim), "--port", "0", "--spec-version", version, *CREDENTIALS],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=log.parent,
        )
    for _ in range(600):  # up to a minute for the interpreter and the spec tables to load
        lines = log.read_text().splitlines()
        urls = [
            line.partition("=")[2] for line in lines if line.startswith("export RUNAI_BASE_URL=")
        ]
        if urls or server.poll() is not None:
            break
        time.sleep(0.1)
    if not urls:
        server.kill()
        pytest.fail(f"runai-sim did not start:\n{log.read_text()}")
    assert urls[0].startswith("http://127.0.0.1:"), lines
    return server, lines[0], urls[0]


def test_the_version_set_installs_from_the_wheels(installed: Tuple[str, Dict[str, Any]]) -> None:
    version, report = installed
    v = client_version(version)
    dists = report["installed"]
    generated = {
        name: d for name, d in dists.items() if name not in ("runai-core", "runai-testing")
    }
    assert dists["runapy"]["version"] == v
    assert dists["runai-models"]["version"] == v
    assert {name: d["version"] for name, d in generated.items()} == dict.fromkeys(generated, v)
    categories = sorted(n for n in generated if n not in ("runapy", "runai-models"))
    assert len(categories) == len(report["round_trip"]["categories"]), (categories, report)
    core = core_version()
    major = int(core.split(".")[0])
    assert dists["runai-core"]["version"] == core
    assert dists["runai-testing"]["version"] == written_version(TESTING_VERSION_FILE)
    assert f"runai-core<{major + 1},>={core}" in dists["runai-models"]["requires"]
    assert report["runai_version"] == core  # runai.__version__ is the installed metadata's
    assert f"runai-core[async]<{major + 1},>={core}" in dists["runapy"]["requires"]
    for name in categories:
        assert f"runai-core<{major + 1},>={core}" in dists[name]["requires"], name
        assert f"runai-models=={v}" in dists[name]["requires"], name
        assert f"{name}=={v}" in dists["runapy"]["requires"], name
    for name, dist in dists.items():
        assert dist["license"] == "Apache-2.0", name
        assert [Path(f).name for f in dist["license_files"]] == ["LICENSE"], name


def test_the_simulator_of_that_version_serves_the_client(
    installed: Tuple[str, Dict[str, Any]],
) -> None:
    version, report = installed
    assert f"(spec {version})" in report["sim_banner"], report["sim_banner"]
    trip = report["round_trip"]
    assert trip["project_type"] == "Project"
    assert trip["listed"] == [trip["project_id"]]
    assert trip["department_listed"] is True
    assert trip["delete_status"] in (200, 202, 204)
    assert trip["left"] == [] and trip["department_left"] is False
    # Notifications became a category of its own after 2.19: each client has its version's set.
    assert ("notifications" in trip["categories"]) is (version != "2.19"), trip["categories"]


RUNAPY_1 = "runapy==1.224.0"
IMPORTS_OF_A_1X_SCRIPT = (
    "import runai\n"
    "from runai.configuration import Configuration\n"
    "from runai.api_client import ApiClient\n"
    "from runai.runai_client import RunaiClient\n"
    "from runai import ProjectsApi\n"
    "from runai.models.project_creation_request import ProjectCreationRequest\n"
    "print(runai.__version__, ProjectsApi.__module__, ProjectCreationRequest.__module__)\n"
)


def run_python(python: Path, code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_the_documented_upgrades_from_runapy_1_give_a_working_client(
    built: Tuple[Path, str], tmp_path: Path
) -> None:
    """README and docs/migration.md: remove runapy 1.x, then install runapy 2; and the repair
    of an environment upgraded in place (pip deletes files that moved to runai-core when it
    uninstalls the old wheel, pypa/pip#8509)."""
    out = built[0]
    python = create_venv(tmp_path / "venv")
    ours_24 = ["--no-index", "--find-links", str(out / "2.24"), "--find-links", str(out / "common")]
    pip_install(python, [RUNAPY_1])
    pip_install(
        python, third_party([*(out / "2.24").glob("*.whl"), *(out / "common").glob("*.whl")])
    )

    subprocess.run([str(python), "-m", "pip", "uninstall", "--quiet", "-y", "runapy"], check=True)
    pip_install(python, [*ours_24, "runapy~=2.224.0"])
    first = run_python(python, IMPORTS_OF_A_1X_SCRIPT, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == [
        core_version(),
        "runai_organizations.projects",
        "runai_organizations.models.project_creation_request",
    ]

    pip_install(python, [RUNAPY_1])  # back to 1.x, then the in-place upgrade and its repair
    pip_install(python, ["--upgrade", *ours_24, "runapy~=2.224.0"])
    pip_install(python, [*ours_24, "--force-reinstall", "--no-deps", "runai-core"])
    repaired = run_python(python, IMPORTS_OF_A_1X_SCRIPT, tmp_path)
    assert repaired.returncode == 0, repaired.stderr
    assert repaired.stdout == first.stdout
    assert pip_check(python) == ""
