"""Answers for operations that no simulated state covers: the declared success status with a
synthesised body of the declared type (JSON from the model, or text/bytes for other media)."""

from __future__ import annotations

from runai_testing.http import Response
from runai_testing.state.base import Call
from runai_testing.synthesis import now_iso, synthesize

_TEXT_BODIES = {
    "text/csv": lambda: f"timestamp,value\n{now_iso()},1\n",
    "text/plain": lambda: "simulated by runai-testing\n",
    "text/html": lambda: "<html><body><p>simulated by runai-testing</p></body></html>\n",
}


def synthesized(call: Call) -> Response:
    status = call.success_status
    spec = call.op.responses.get(status)
    if spec is None or spec.content_type is None:
        return Response(status)
    media = spec.content_type
    if "json" in media:
        return Response.json(status, synthesize(spec.model) if spec.model else {})
    text = _TEXT_BODIES.get(media)
    body = text().encode("utf-8") if text else b"\x00simulated binary\x00"
    return Response(status, body, media)
