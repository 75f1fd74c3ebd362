"""The example third-party category (tests/plugins) with its static type.

Categories that runai-core does not know resolve at run time (``client.example.widgets``);
type checkers reach them as ``client.category("example").group("widgets")``, a plain
``ApiGroup``; tests that call its methods go through here.
"""

from __future__ import annotations

from typing import TypeVar, Union, cast

from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.runai_client import RunaiClient
from runai_example_category.widgets import WidgetsApi

C = TypeVar("C", bound=Union[ApiClient, ThreadedApiClient, AsyncApiClient])


def widgets(client: RunaiClient[C]) -> WidgetsApi[C]:
    """``client.example.widgets``, typed as the group class the entry point loads."""
    return cast("WidgetsApi[C]", client.category("example").group("widgets"))
