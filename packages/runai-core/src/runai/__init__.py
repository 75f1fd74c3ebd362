"""Python client for the Run:ai REST API.

Importing this package is cheap on purpose: clients, categories and models load on first use.
runapy 1.x's top-level names (``from runai import ProjectsApi, ProjectCreationRequest,
ApiException``) resolve on first access too.
"""

from runai._version import __version__ as __version__

# Neither typing nor __future__ is imported (quoted annotations): `import runai` stays this cheap.
TYPE_CHECKING = False
if TYPE_CHECKING:
    # runapy 1.x's top-level names as type checkers see them: every API class and model from the
    # stubs runai-models generates, and the modules and core names of _legacy.names. At run time
    # __getattr__ below imports each on first use.
    from typing import List

    from runai_models._all_apis import *  # noqa: F403
    from runai_models._all_models import *  # noqa: F403

    from runai import api as api
    from runai import api_client as api_client
    from runai import api_response as api_response
    from runai import cliv2_config_loader as cliv2_config_loader
    from runai import configuration as configuration
    from runai import exceptions as exceptions
    from runai import models as models
    from runai import runai_client as runai_client
    from runai.api_client import ApiClient as ApiClient
    from runai.configuration import Configuration as Configuration
    from runai.exceptions import ApiAttributeError as ApiAttributeError
    from runai.exceptions import ApiException as ApiException
    from runai.exceptions import ApiKeyError as ApiKeyError
    from runai.exceptions import ApiTypeError as ApiTypeError
    from runai.exceptions import ApiValueError as ApiValueError
    from runai.exceptions import OpenApiException as OpenApiException
    from runai.response import ApiResponse as ApiResponse


if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelled name is an error

    def __getattr__(name: str) -> "object":
        from runai._legacy.names import resolve

        return resolve(name)


def __dir__() -> "List[str]":
    from runai._legacy.names import names

    return names(globals())
