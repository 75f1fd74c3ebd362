"""Python client for the Run:ai REST API.

Importing this package is cheap on purpose: clients, categories and models load on first use.
runapy 1.x's top-level names (``from runai import ProjectsApi, ProjectCreationRequest,
ApiException``) resolve on first access too.
"""

from runai._version import __version__ as __version__

# Neither typing nor __future__ is imported (quoted annotations): `import runai` stays this cheap.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, List


def __getattr__(name: str) -> "Any":
    from runai._legacy.names import resolve

    return resolve(name)


def __dir__() -> "List[str]":
    from runai._legacy.names import names

    return names(globals())
