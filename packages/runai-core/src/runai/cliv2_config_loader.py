"""Credentials of a logged-in Run:ai CLI v2 (``runai login``)."""

from __future__ import annotations

import base64
import binascii
import json
import os
from pathlib import Path
from typing import Any, Optional, Tuple, Union

DEFAULT_PATH = "~/.runai"


class CLIv2Config:
    """Reads ``authentication.json`` (the access token) and ``config.json`` (control-plane URL
    and cluster UUID) from the CLI's directory, ``~/.runai`` by default.

    The values are available right after construction as ``token``, ``control_plane_url`` and
    ``cluster_uuid``. The CLI's token lasts about a day; run ``runai login`` again when the
    control plane answers 401.
    """

    def __init__(self, cliv2_config_path: Optional[Union[str, os.PathLike[str]]] = None) -> None:
        self.path: Path = Path(os.path.expanduser(str(cliv2_config_path or DEFAULT_PATH)))
        if not self.path.is_dir():
            raise FileNotFoundError(
                f"Run:ai CLI v2 directory {self.path} does not exist; run 'runai login' first "
                "or pass cliv2_config_path="
            )
        auth = _read_json(self.path / "authentication.json")
        config = _read_json(self.path / "config.json")
        self.token: str = _decode_token(
            _field(auth, ("accessToken",), self.path / "authentication.json")
        )
        self.control_plane_url: str = _field(
            config, ("control_plane", "url"), self.path / "config.json"
        )
        self.cluster_uuid: str = _field(config, ("cluster", "uuid"), self.path / "config.json")

    def load(self) -> None:
        """Kept for scripts written for older runapy versions; values load at construction."""

    def __repr__(self) -> str:
        return (
            f"CLIv2Config(path={str(self.path)!r}, control_plane_url={self.control_plane_url!r}, "
            f"cluster_uuid={self.cluster_uuid!r}, token='***')"
        )


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path} not found; log in with 'runai login' to create it"
        ) from None
    except ValueError as exc:
        raise ValueError(f"{path} is not valid JSON: {exc}") from None


def _field(data: Any, keys: Tuple[str, ...], path: Path) -> str:
    value = data
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, str) or not value:
        raise ValueError(f"field {'.'.join(keys)!r} is missing or empty in {path}")
    return value


def _decode_token(stored: str) -> str:
    """The CLI stores the JWT base64-encoded; a plain JWT is accepted as well."""
    if stored.count(".") == 2:
        return stored
    try:
        decoded = base64.urlsafe_b64decode(stored + "=" * (-len(stored) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ValueError("accessToken in authentication.json is neither a JWT nor base64") from None
    return decoded.strip()
