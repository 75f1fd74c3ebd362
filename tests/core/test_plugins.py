"""Categories from installed distributions: the test-only `runai-example-category` plug-in."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import warnings
from typing import Any, Dict, Iterator

import pytest
from runai.api_client import ApiClient
from runai.exceptions import MissingCategoryError
from runai.runai_client import RunaiClient
from runai_example_category.models import WidgetList
from support.example import widgets
from support.helpers import bearer_config
from support.server import FixtureServer


@pytest.fixture
def client(fixture_server: FixtureServer) -> Iterator[RunaiClient[ApiClient]]:
    with RunaiClient(ApiClient(bearer_config(fixture_server))) as rc:
        yield rc


def test_discovered_category_calls_the_server(
    fixture_server: FixtureServer, client: RunaiClient[ApiClient]
) -> None:
    fixture_server.enqueue(json={"widgets": [{"id": "1", "name": "a", "displayName": "A"}]})
    resp = widgets(client).list_widgets(filter_by=["name==a"], _headers={"X-Tag": "p"})
    (req,) = fixture_server.api_requests()
    assert req.method == "GET" and req.path == "/api/v1/widgets"
    assert req.query_params() == {"filterBy": ["name==a"]}
    assert req.headers["X-Tag"] == "p"
    assert resp.data["widgets"][0]["displayName"] == "A"
    parsed = resp.parsed()
    assert isinstance(parsed, WidgetList) and parsed.widgets[0].display_name == "A"


def test_options_at_every_level(client: RunaiClient[ApiClient]) -> None:
    assert "example" in client.options()
    example = client.category("example")
    assert example.options() == ["widgets"]
    assert example.group("widgets").options() == ["list_widgets", "get_widget", "create_widget"]
    assert example.group("widgets").options(include_deprecated=True) == [
        "list_widgets",
        "get_widget",
        "create_widget",
        "get_widget_old",
        "delete_widget_old",
    ]


def test_deprecated_method_warns_once_and_still_works(
    fixture_server: FixtureServer, client: RunaiClient[ApiClient]
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(3):
            assert widgets(client).get_widget_old("w1").status_code == 200
        # a fresh client does not warn again: once per method per process
        again = RunaiClient(client.api_client)
        widgets(again).get_widget_old("w2")
    deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert len(deprecations) == 1
    assert "get_widget_old" in str(deprecations[0].message)
    assert deprecations[0].filename == __file__  # points at the caller's line
    assert [r.raw_path for r in fixture_server.api_requests()] == [
        "/v1/k8s/widgets/w1",
        "/v1/k8s/widgets/w1",
        "/v1/k8s/widgets/w1",
        "/v1/k8s/widgets/w2",
    ]


def test_each_deprecated_method_warns_for_itself(client: RunaiClient[ApiClient]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        widgets(client).delete_widget_old("w1")
        widgets(client).list_widgets()  # not deprecated: silent
    messages = [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]
    assert len(messages) == 1 and "delete_widget_old" in messages[0]


def test_plugin_is_an_attribute_at_run_time(client: RunaiClient[ApiClient]) -> None:
    # Type checkers know only the nine Run:ai categories; plug-in code written as
    # client.example.widgets keeps working, and is the same objects as the typed accessors.
    example: Any = client.example  # type: ignore[attr-defined]
    assert type(example.widgets).__name__ == "WidgetsApi"
    assert example.widgets is client.category("example").group("widgets")
    assert example is client.category("example")


def test_unknown_names(client: RunaiClient[ApiClient]) -> None:
    with pytest.raises(AttributeError) as info:
        client.no_such_category  # type: ignore[attr-defined]  # noqa: B018
    assert "pip install" not in str(info.value)  # no bogus install advice
    assert not hasattr(client, "no_such_category")
    with pytest.raises(AttributeError) as info:
        client.category("no_such_category")
    assert "no_such_category" in str(info.value)
    with pytest.raises(AttributeError) as info:
        client.category("example").group("no_such_group")
    assert "available groups: widgets" in str(info.value)
    with pytest.raises(AttributeError):
        client.category("example").no_such_group  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(AttributeError):
        widgets(client).no_such_method  # type: ignore[attr-defined]  # noqa: B018


_ISOLATED = textwrap.dedent(
    """
    import json, sys

    # Hide every category but the example one, as if only runai-core and the plug-in were
    # installed: the generated categories may or may not be present in this environment.
    def _hide(module):
        real = module.entry_points

        def entry_points(**kwargs):
            found = real(**kwargs)
            if kwargs.get("group") == "runai.categories":
                return [ep for ep in found if ep.name == "example"]
            return found

        module.entry_points = entry_points

    import importlib.metadata
    _hide(importlib.metadata)
    try:
        import importlib_metadata
        _hide(importlib_metadata)
    except ImportError:
        pass

    out = {}
    import runai.runai_client
    out["imported_at_start"] = sorted(
        m for m in sys.modules if m.startswith("runai_example_category")
    )
    from runai.runai_client import RunaiClient
    client = RunaiClient(bearer_token="t", runai_base_url="http://127.0.0.1:9")
    out["after_construction"] = sorted(
        m for m in sys.modules if m.startswith("runai_example_category")
    )
    out["options"] = client.options()
    category = client.example
    out["after_category"] = sorted(
        m for m in sys.modules if m.startswith("runai_example_category")
    )
    category.widgets
    out["after_group"] = sorted(m for m in sys.modules if m.startswith("runai_example_category"))
    try:
        client.workloads
    except Exception as exc:
        out["error_type"] = [c.__name__ for c in type(exc).__mro__]
        out["error"] = str(exc)
    print(json.dumps(out))
    """
)


@pytest.fixture(scope="module")
def isolated_run() -> Dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", _ISOLATED], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    result: Dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_missing_known_category_names_the_distribution(isolated_run: Dict[str, Any]) -> None:
    assert "MissingCategoryError" in isolated_run["error_type"]
    assert "AttributeError" in isolated_run["error_type"]
    assert "runai-workloads" in isolated_run["error"]
    assert "pip install runai-workloads" in isolated_run["error"]
    assert isolated_run["options"] == ["example"]
    assert issubclass(MissingCategoryError, AttributeError)


def test_categories_load_lazily(isolated_run: Dict[str, Any]) -> None:
    assert isolated_run["imported_at_start"] == []
    assert isolated_run["after_construction"] == []
    assert "runai_example_category" in isolated_run["after_category"]
    assert "runai_example_category.widgets" not in isolated_run["after_category"]
    assert "runai_example_category.widgets" in isolated_run["after_group"]
