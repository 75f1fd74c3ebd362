"""Python client for the Run:ai REST API.

Importing this package is cheap on purpose: clients, categories and models load on first use.
"""

__version__ = "1.224.0"
