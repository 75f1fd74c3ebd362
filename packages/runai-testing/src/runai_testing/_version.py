"""The version of runai-testing: the one place it is written (pyproject.toml reads it from here).

The simulator has its own version line, independent of runai-core and of the control-plane
versions (2.18 ... 2.24) it can simulate.
"""

__version__ = "2.0.0"
