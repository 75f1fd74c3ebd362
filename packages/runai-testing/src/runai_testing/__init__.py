"""runai-testing: a local Run:ai control plane for tests, demos and offline development."""

from runai_testing._version import __version__ as __version__
from runai_testing.control_plane import ControlPlane
from runai_testing.faults import Faults

__all__ = ["ControlPlane", "Faults"]
