"""Test support: loopback fixture servers that speak real HTTP on 127.0.0.1."""

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
