"""Helpers of the simulator tests: client configuration and raw HTTP to a simulator."""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, Optional, Tuple

import urllib3
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient
from runai_testing import ControlPlane

MakeClient = Callable[..., RunaiClient[ApiClient]]
"""``make_client(plane, **configuration)``: the simulator tests' factory fixture."""


def config_for(plane: ControlPlane, **overrides: Any) -> Configuration:
    options: Dict[str, Any] = {
        "runai_base_url": plane.url,
        "client_id": plane.client_id,
        "client_secret": plane.client_secret,
        "retry_backoff_factor": 0.01,
        "timeout": (5.0, 30.0),
    }
    options.update(overrides)
    return Configuration(**options)


class Raw:
    """Plain HTTP to a simulator, to check the wire without our client in between."""

    def __init__(self, url: str, client_id: str, client_secret: str) -> None:
        self.url = url
        self.client_id = client_id
        self.client_secret = client_secret
        self.http = urllib3.PoolManager(retries=False, timeout=10.0)

    @classmethod
    def to(cls, plane: ControlPlane) -> Raw:
        return cls(plane.url, plane.client_id, plane.client_secret)

    def login(self, grant: str = "client_credentials") -> str:
        """A token; ``grant="app_token"`` for versions before 2.20."""
        if grant == "app_token":
            body = {"grantType": grant, "appID": self.client_id, "appSecret": self.client_secret}
        else:
            body = {
                "grantType": grant,
                "clientID": self.client_id,
                "clientSecret": self.client_secret,
            }
        status, data, _ = self.call("POST", "/api/v1/token", body, token=None)
        assert status == 200, data
        return str(data["accessToken"])

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: Optional[str] = "login",
        headers: Optional[Dict[str, str]] = None,
    ) -> Tuple[int, Any, Dict[str, str]]:
        sent = dict(headers or {})
        if token == "login":
            token = self.login()
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        payload = None
        if body is not None:
            payload = body if isinstance(body, bytes) else json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        response = self.http.request(method, self.url + path, body=payload, headers=sent)
        text = response.data.decode("utf-8", "replace")
        is_json = response.headers.get("Content-Type", "").startswith("application/json")
        return (
            response.status,
            json.loads(text) if is_json and text else text,
            dict(response.headers),
        )


def cluster_id(client: RunaiClient[ApiClient]) -> str:
    return str(client.organizations.clusters.get_clusters().data[0]["uuid"])
