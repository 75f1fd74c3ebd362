"""Cassettes are committed: prove that none holds a credential or a real token."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import yaml

from .recording import (
    CASSETTES,
    FILTERED,
    PLACEHOLDER_TOKEN,
    RECORDING_SECRET,
    REPLAY_SECRET,
    SECRET_FIELDS,
    TOKEN_FIELDS,
    TOKEN_PATHS,
)

JWT_SHAPED = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
FILES = sorted(CASSETTES.glob("*.yaml"))


def interactions(path: Path) -> Iterator[Dict[str, Any]]:
    yield from yaml.safe_load(path.read_text())["interactions"]


def body_json(body: Any) -> Any:
    text = body.get("string") if isinstance(body, dict) else body
    return json.loads(text) if text else None


def test_there_are_cassettes() -> None:
    assert len(FILES) >= 18


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_secret_or_token_in_cassette(path: Path) -> None:
    text = path.read_text()
    assert RECORDING_SECRET not in text
    assert REPLAY_SECRET not in text
    assert "bearer" not in text.lower()
    assert set(JWT_SHAPED.findall(text)) <= {PLACEHOLDER_TOKEN}
    token_answers: List[Dict[str, Any]] = []
    for interaction in interactions(path):
        request, response = interaction["request"], interaction["response"]
        assert "authorization" not in {name.lower() for name in request["headers"]}
        if request["uri"].split("?")[0].endswith(TOKEN_PATHS):
            sent = body_json(request["body"])
            assert [sent[f] for f in SECRET_FIELDS if f in sent] == [FILTERED]
            token_answers.append(body_json(response["body"]))
    assert token_answers, "every scenario logs in"
    for answer in token_answers:
        assert {answer[f] for f in TOKEN_FIELDS if f in answer} == {PLACEHOLDER_TOKEN}


def test_placeholder_token_never_needs_a_refresh() -> None:
    from runai.auth.token import jwt_expiry

    assert jwt_expiry(PLACEHOLDER_TOKEN) == 4102444800.0  # 2100-01-01
