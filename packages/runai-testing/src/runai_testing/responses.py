"""Answers for operations that no simulated state covers: the declared success status with a
synthesised body of the declared type (JSON from the schema, or text/bytes for other media);
a paged list answers the page asked for of the items ``World.fill_list`` gave it (none by
default)."""

from __future__ import annotations

from typing import Callable, Dict

from runai_testing.http import Response
from runai_testing.state.base import Call, World
from runai_testing.synthesis import now_iso

_TEXT_BODIES: Dict[str, Callable[[], str]] = {
    "text/csv": lambda: f"timestamp,value\n{now_iso()},1\n",
    "text/plain": lambda: "simulated by runai-testing\n",
    "text/html": lambda: "<html><body><p>simulated by runai-testing</p></body></html>\n",
}


def synthesized(world: World, call: Call) -> Response:
    status = call.success_status
    spec = call.op.responses.get(status)
    if spec is None or spec.media_type is None:
        return Response(status)
    media = spec.media_type
    paging = call.op.paging
    if paging is not None and "json" in media:
        with world.lock:
            items = list(world.listed.get((call.op.method, call.op.path), ()))
        answer = paging.answer(items, call.params, call.page_size)
        if isinstance(answer, dict):
            answer = world.build(spec.schema, answer)
        return Response.json(status, answer)
    if "json" in media:
        body = world.synthesizer.value(spec.schema) if spec.schema else {}
        return Response.json(status, body)
    text = _TEXT_BODIES.get(media)
    data = text().encode("utf-8") if text else b"\x00simulated binary\x00"
    return Response(status, data, media)
