"""CLIv2Config: the credentials a logged-in `runai` CLI v2 leaves in ~/.runai."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import pytest
from runai.cliv2_config_loader import CLIv2Config
from support.server import make_jwt

JWT = make_jwt({"sub": "cli-user", "exp": 4102444800})
URL = "https://myorg.run.ai"
CLUSTER = "0a1b2c3d-0000-4000-8000-000000000001"


def _b64(text: str, padded: bool) -> str:
    encoded = base64.urlsafe_b64encode(text.encode()).decode()
    return encoded if padded else encoded.rstrip("=")


def _write(
    directory: Path,
    auth: Optional[Union[str, Dict[str, Any]]] = None,
    config: Optional[Dict[str, Any]] = None,
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    if auth is not None:
        (directory / "authentication.json").write_text(
            auth if isinstance(auth, str) else json.dumps(auth)
        )
    if config is not None:
        (directory / "config.json").write_text(json.dumps(config))
    return directory


GOOD_CONFIG = {"control_plane": {"url": URL}, "cluster": {"uuid": CLUSTER}}


@pytest.mark.parametrize(
    "stored", [_b64(JWT, padded=True), _b64(JWT, padded=False), JWT], ids=["b64", "b64-np", "raw"]
)
def test_reads_token_url_and_cluster(tmp_path: Path, stored: str) -> None:
    path = _write(tmp_path / ".runai", {"accessToken": stored}, GOOD_CONFIG)
    cfg = CLIv2Config(cliv2_config_path=str(path))
    assert cfg.token == JWT
    assert cfg.control_plane_url == URL
    assert cfg.cluster_uuid == CLUSTER


def test_default_path_is_home_dot_runai(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / ".runai", {"accessToken": _b64(JWT, padded=False)}, GOOD_CONFIG)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    cfg = CLIv2Config()
    assert cfg.token == JWT and cfg.control_plane_url == URL


def test_token_not_in_repr(tmp_path: Path) -> None:
    path = _write(tmp_path / ".runai", {"accessToken": JWT}, GOOD_CONFIG)
    text = repr(CLIv2Config(cliv2_config_path=str(path)))
    assert JWT not in text and JWT.split(".")[2] not in text


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        CLIv2Config(cliv2_config_path=str(tmp_path / "nope"))
    assert "nope" in str(info.value)


@pytest.mark.parametrize("missing", ["authentication.json", "config.json"])
def test_missing_file_is_named(tmp_path: Path, missing: str) -> None:
    auth = None if missing == "authentication.json" else {"accessToken": JWT}
    config = None if missing == "config.json" else GOOD_CONFIG
    path = _write(tmp_path / ".runai", auth, config)
    with pytest.raises(FileNotFoundError) as info:
        CLIv2Config(cliv2_config_path=str(path))
    assert missing in str(info.value)


@pytest.mark.parametrize(
    "auth, config, names",
    [
        ({}, GOOD_CONFIG, ["accessToken", "authentication.json"]),
        ({"accessToken": JWT}, {"cluster": {"uuid": CLUSTER}}, ["control_plane", "config.json"]),
        ({"accessToken": JWT}, {"control_plane": {}, "cluster": {"uuid": CLUSTER}}, ["url"]),
        ({"accessToken": JWT}, {"control_plane": {"url": URL}}, ["cluster", "config.json"]),
    ],
)
def test_missing_field_is_named(
    tmp_path: Path,
    auth: Optional[Dict[str, Any]],
    config: Optional[Dict[str, Any]],
    names: List[str],
) -> None:
    path = _write(tmp_path / ".runai", auth, config)
    with pytest.raises(ValueError) as info:
        CLIv2Config(cliv2_config_path=str(path))
    for name in names:
        assert name in str(info.value)


def test_invalid_json_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / ".runai", "{not json", GOOD_CONFIG)
    with pytest.raises(ValueError) as info:
        CLIv2Config(cliv2_config_path=str(path))
    assert "authentication.json" in str(info.value)
