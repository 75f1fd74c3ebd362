"""Python client for the Run:ai REST API.

Importing this package is cheap on purpose: clients, categories and models load on first use.
"""

from runai._version import __version__ as __version__
