"""tools/mutants.py: its mutations fit the current code, a stale one stops the run, the copy is
what Python imports, and failing tests are read from pytest's own output."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))

import mutants  # noqa: E402
from mutants import MUTATIONS, Mutation, StaleMutation  # noqa: E402


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_every_mutation_finds_its_text_once_in_the_current_code(mutation: Mutation) -> None:
    path = mutation.target(REPO / "packages")
    assert path.read_text(encoding="utf-8").count(mutation.old) == 1
    assert mutation.new != mutation.old


def test_mutations_have_distinct_names_and_cover_the_kinds_the_issue_asks_for() -> None:
    names = [m.name for m in MUTATIONS]
    assert len(set(names)) == len(names)
    asked = {"wrong-alias", "dropped-required", "missing-enum-member", "wrong-response-model"}
    assert asked <= set(names)


def _fake_copy(root: Path, package: str = "runai_x") -> Path:
    """A copy holding ``packages/runai-x/src/<package>/models/thing.py``; returns that file."""
    module = root / "packages" / "runai-x" / "src" / package / "models" / "thing.py"
    module.parent.mkdir(parents=True)
    (module.parent.parent / "__init__.py").write_text("", encoding="utf-8")
    (module.parent / "__init__.py").write_text("", encoding="utf-8")
    module.write_text('alias="fooBar"\nother = 1\n', encoding="utf-8")
    return module


def test_apply_replaces_the_text_and_names_the_module(tmp_path: Path) -> None:
    module = _fake_copy(tmp_path)
    mutation = Mutation("m", "*/src/runai_x/models/thing.py", '"fooBar"', '"foo_bar"', "d")
    assert mutation.apply(tmp_path / "packages") == module
    assert module.read_text(encoding="utf-8") == 'alias="foo_bar"\nother = 1\n'
    assert mutants.module_of(module, tmp_path) == "runai_x.models.thing"


@pytest.mark.parametrize(
    ("where", "old", "says"),
    [
        ("*/src/runai_x/models/thing.py", '"gone"', "occurs 0 times"),
        ("*/src/runai_x/models/thing.py", "=", "occurs 2 times"),
        ("*/src/runai_x/models/missing.py", '"fooBar"', "matches 0 files"),
    ],
)
def test_a_stale_mutation_fails_loudly_naming_itself(
    tmp_path: Path, where: str, old: str, says: str
) -> None:
    module = _fake_copy(tmp_path)
    with pytest.raises(StaleMutation, match=f"stale-one: .*{says}"):
        Mutation("stale-one", where, old, "x", "d").apply(tmp_path / "packages")
    assert module.read_text(encoding="utf-8") == 'alias="fooBar"\nother = 1\n'


def test_the_copy_shadows_the_editable_install(tmp_path: Path) -> None:
    """``runai`` is installed editable from the working tree; the copy's wins."""
    _fake_copy(tmp_path, package="runai")
    mutants.check_import("runai.models.thing", tmp_path, mutants.environment(tmp_path))


def test_a_module_loaded_from_elsewhere_stops_the_run(tmp_path: Path) -> None:
    _fake_copy(tmp_path)
    with pytest.raises(SystemExit, match=r"runai\.configuration is not imported from the mutated"):
        mutants.check_import("runai.configuration", tmp_path, mutants.environment(tmp_path))


@pytest.mark.slow  # runs pytest in a new interpreter
def test_failing_tests_are_recorded_by_their_ids(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "test_sample.py").write_text(
        "import pytest\n"
        "@pytest.fixture\n"
        "def broken(): raise RuntimeError('setup')\n"
        "def test_ok(): pass\n"
        "def test_error(broken): pass\n"
        "@pytest.mark.parametrize('n', ['GET /a b', 'POST /c d'])\n"
        "def test_bad(n): assert n.startswith('GET')\n",
        encoding="utf-8",
    )
    run = mutants.run_tests(tree, ["test_sample.py"], tmp_path)
    assert run.status == 1
    assert run.failed == ["test_sample.py::test_error", "test_sample.py::test_bad[POST /c d]"]
    assert run.summary.startswith("1 failed, 2 passed, 1 error in ")
