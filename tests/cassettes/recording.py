"""How the client suites are recorded and replayed with vcrpy.

Replay (the default) needs no server: every request must match a recorded one on method, full
URI (query included) and body, or the test fails. ``RUNAI_RECORD_CASSETTES=1`` (``hatch run
record-cassettes``) re-records each cassette against a fresh simulator.

Recorded ids stay valid on replay because the scenarios take every id from a response, and
responses are replayed: org-unit ids of a fresh simulator are sequential anyway, cluster and
workload UUIDs and timestamps are random, so re-recording changes them and nothing else.

Nothing secret is stored: the ``Authorization`` header is dropped, the secret of the token
request is replaced, and every token in a token answer becomes :data:`PLACEHOLDER_TOKEN`, an
unsigned JWT expiring in 2100 so that replayed clients never try to refresh.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any, Dict, Optional
from urllib.parse import urlsplit, urlunsplit

import vcr
from vcr.request import Request

CASSETTES = Path(__file__).resolve().parent / "recorded"
RECORDING = os.environ.get("RUNAI_RECORD_CASSETTES") == "1"

REPLAY_URL = "http://runai.cassette.invalid"
"""Recorded URIs name this host instead of the simulator's random port; replay talks to it."""
CLIENT_ID = "cassette-client"
RECORDING_SECRET = "cassette-recording-secret-7f3a9c"
"""The simulator's secret while recording; the hygiene test proves it never reaches a file."""
REPLAY_SECRET = "cassette-replay-secret"
FILTERED = "<FILTERED>"
SECRET_FIELDS = ("clientSecret", "appSecret")
TOKEN_FIELDS = ("accessToken", "idToken", "refreshToken")
TOKEN_PATHS = ("/api/v1/token", "/api/v2/token")


def _b64url(data: Dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


PLACEHOLDER_TOKEN = ".".join(
    (
        _b64url({"alg": "none", "typ": "JWT"}),
        _b64url({"sub": CLIENT_ID, "iss": "runapy-cassettes", "exp": 4102444800}),
        "cGxhY2Vob2xkZXI",
    )
)


def is_token_request(request: Request) -> bool:
    return request.path in TOKEN_PATHS


def _json(body: Any) -> Optional[Any]:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def scrub_request(request: Request) -> Request:
    """Applied before recording and before matching, so both sides compare scrubbed."""
    parts = urlsplit(request.uri)
    request.uri = urlunsplit(("http", urlsplit(REPLAY_URL).netloc, *parts[2:]))
    if is_token_request(request):
        body = _json(request.body)
        if isinstance(body, dict):
            for field in SECRET_FIELDS:
                if field in body:
                    body[field] = FILTERED
            request.body = json.dumps(body).encode()
    return request


def scrub_response(response: Dict[str, Any]) -> Dict[str, Any]:
    body = _json(response["body"]["string"])
    if isinstance(body, dict) and any(field in body for field in TOKEN_FIELDS):
        for field in TOKEN_FIELDS:
            if field in body:
                body[field] = PLACEHOLDER_TOKEN
        response["body"]["string"] = json.dumps(body).encode()
        for name in list(response["headers"]):
            if name.lower() == "content-length":
                response["headers"][name] = [str(len(response["body"]["string"]))]
    return response


def match_body(r1: Request, r2: Request) -> None:
    """Bytes must be identical, except token requests: their JSON is compared field by field
    (the secret is already replaced on both sides)."""
    if is_token_request(r1) and is_token_request(r2):
        assert _json(r1.body) == _json(r2.body), f"{r1.body!r} != {r2.body!r}"
        return
    assert (r1.body or b"") == (r2.body or b""), f"{r1.body!r} != {r2.body!r}"


def match_content_headers(r1: Request, r2: Request) -> None:
    """What the client chooses to send about the body and the answer it accepts."""
    for name in ("Content-Type", "Accept"):
        assert r1.headers.get(name) == r2.headers.get(name), name


RECORDER = vcr.VCR(
    cassette_library_dir=str(CASSETTES),
    record_mode="all" if RECORDING else "none",
    match_on=("method", "uri", "runai_body", "runai_headers"),
    filter_headers=("authorization",),
    before_record_request=scrub_request,
    before_record_response=scrub_response,
    decode_compressed_response=True,
)
RECORDER.register_matcher("runai_body", match_body)
RECORDER.register_matcher("runai_headers", match_content_headers)
