"""Helpers for tests that run against the runai-testing simulator."""

from __future__ import annotations

from typing import Any

import urllib3


def issue_token(plane: Any) -> str:
    """A token from the simulator's token endpoint, as any login would get it."""
    answer = urllib3.request(
        "POST",
        f"{plane.url}/api/v1/token",
        json={
            "grantType": "client_credentials",
            "clientID": plane.client_id,
            "clientSecret": plane.client_secret,
        },
    )
    assert answer.status == 200, answer.data
    return str(answer.json()["accessToken"])
