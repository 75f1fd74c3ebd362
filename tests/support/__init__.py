"""Test support: loopback fixture servers that speak real HTTP on 127.0.0.1, and throwaway
venvs with the local distributions (``support.venvs``)."""

from .server import (
    TOKEN_PATH,
    FixtureServer,
    ForwardProxy,
    RecordedRequest,
    ScriptedResponse,
    ServerTLS,
    decode_jwt_payload,
    make_jwt,
)

__all__ = [
    "TOKEN_PATH",
    "FixtureServer",
    "ForwardProxy",
    "RecordedRequest",
    "ScriptedResponse",
    "ServerTLS",
    "decode_jwt_payload",
    "make_jwt",
]
