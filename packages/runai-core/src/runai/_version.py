"""The version of runai-core: the one place it is written (pyproject.toml reads it from here).

Core has its own version line, independent of the control-plane versions the generated
distributions (2.2XX.Z) follow; the generator reads it for their ``runai-core>=...,<3`` range.
"""

__version__ = "2.0.0"
