"""The simulator's request pipeline.

Every request goes: control endpoint → faults → token endpoints → bearer check → route (the
operations of the simulated version's document) → parameter and body validation → stateful
handler, or a synthesised answer.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import time
from typing import Any, Mapping

from runai_testing.faults import Faults
from runai_testing.http import Request, Response
from runai_testing.responses import synthesized
from runai_testing.router import Router
from runai_testing.rules import SpecOperation, SpecRules, rules_for
from runai_testing.schemas import BodyChecker
from runai_testing.state import seed, stateful_routes
from runai_testing.state.base import Call, World
from runai_testing.state.crud import Routes
from runai_testing.state.workloads import Workloads
from runai_testing.tokens import V1_PATH, V2_PATH, TokenEndpoint, TokenIssuer
from runai_testing.validation import InvalidRequest, parse_query, validate_body, validate_params

CONTROL_PREFIX = "/_sim/"
_PHASES_ROUTE = re.compile(r"workloads/([^/]+)/phases")
JSON = "application/json"
logger: logging.Logger = logging.getLogger("runai_testing")


class Simulator:
    """A Run:ai control plane as a function from :class:`Request` to :class:`Response`."""

    def __init__(
        self,
        credentials: Mapping[str, str],
        spec_version: str,
        token_lifetime: float,
        phase_delay: float,
        seed_data: bool = True,
        control_endpoint: bool = True,
    ) -> None:
        self.rules: SpecRules = rules_for(spec_version)
        self.bodies: BodyChecker = _body_checker(spec_version)
        self.faults: Faults = Faults()
        self.world: World = World(self.rules, phase_delay)
        self.issuer: TokenIssuer = TokenIssuer(token_lifetime, self.world.clock.wall)
        self.tokens: TokenEndpoint = TokenEndpoint(
            self.rules, self.bodies, self.issuer, credentials
        )
        self.control_endpoint = control_endpoint
        self.router: Router[SpecOperation] = Router()
        for op in self.rules:
            self.router.add(op.method, op.path, op)
        self.handlers: Routes = stateful_routes(self.world)
        seed(self.world, tenant_data=seed_data)

    def __call__(self, request: Request) -> Response:
        if request.raw_path.startswith(CONTROL_PREFIX):
            if self.control_endpoint:
                return self._control(request)
            return Response.error(404, f"{request.raw_path} not found")
        outcome = self.faults.consult(request)
        if outcome.delay:
            time.sleep(outcome.delay)
        if outcome.response is not None:
            return outcome.response
        try:
            return self._dispatch(request)
        except InvalidRequest as exc:
            return Response.error(400, exc.message, exc.details)
        except Exception as exc:  # a simulator bug must still answer, and say what broke
            logger.exception("runai-testing failed on %s %s", request.method, request.raw_path)
            return Response.error(500, f"simulator error: {type(exc).__name__}: {exc}")

    def _dispatch(self, request: Request) -> Response:
        token_request = request.method == "POST" and request.raw_path in (V1_PATH, V2_PATH)
        if token_request and ("POST", request.raw_path) in self.rules:
            return self.tokens.handle(request)
        problem = self.issuer.problem(request.header("authorization"))
        if problem is not None:
            return Response.error(401, f"unauthorized: {problem}")
        matched = self.router.match(request.raw_path)
        if matched is None:
            return Response.error(
                404, f"{request.raw_path} not found in control plane {self.rules.version}"
            )
        if request.method not in matched:
            answer = Response.error(405, f"{request.method} is not allowed on {request.raw_path}")
            answer.headers["Allow"] = ", ".join(sorted(matched))
            return answer
        op, path_values = matched[request.method]
        try:
            answer = self._answer(op, path_values, request)
        except InvalidRequest as exc:
            answer = Response.error(400, exc.message, exc.details)
        return _as_documented(op, answer)

    def _answer(
        self, op: SpecOperation, path_values: Mapping[str, str], request: Request
    ) -> Response:
        params = validate_params(op, path_values, parse_query(request.query_string))
        body: Any = None
        if request.body and op.body_media_type == JSON:
            try:
                body = request.json()
            except ValueError:
                raise InvalidRequest("body: not valid JSON") from None
            body = validate_body(op, self.bodies, body)
        elif request.body and op.body_media_type is not None:
            body = request.body.decode("utf-8", "replace")
        elif op.body_required:
            raise InvalidRequest("body: a request body is required")
        call = Call(op, params, body)
        handler = self.handlers.get((op.method, op.path))
        return handler(call) if handler is not None else synthesized(self.world, call)

    def _control(self, request: Request) -> Response:
        """``/_sim/...``: the CLI form of the Python fault and clock API."""
        try:
            payload = request.json() or {}
        except ValueError:
            return Response.error(400, "control body is not valid JSON")
        route = (request.method, request.raw_path[len(CONTROL_PREFIX) :])
        if route == ("POST", "faults"):
            try:
                rule = self.faults.add_from_json(payload)
            except (KeyError, TypeError, ValueError) as exc:
                return Response.error(400, f"invalid fault: {exc}")
            return Response.json(201, {"added": rule.kind})
        if route == ("GET", "faults"):
            return Response.json(200, {"faults": [vars(r) for r in self.faults.pending]})
        if route == ("DELETE", "faults"):
            self.faults.clear()
            return Response(204)
        if route == ("POST", "expire-tokens"):
            self.issuer.expire_all()
            return Response(204)
        if route == ("POST", "lists"):
            try:
                items = self.world.fill_list(
                    str(payload.get("method", "GET")), str(payload["path"]), int(payload["count"])
                )
            except (KeyError, TypeError, ValueError) as exc:
                return Response.error(400, f"invalid list fill: {exc}")
            return Response.json(201, {"filled": len(items)})
        if route == ("POST", "clock"):
            self.world.clock.advance(float(payload.get("advance", 0)))
            return Response(204)
        workload = _PHASES_ROUTE.fullmatch(route[1])
        if route[0] == "POST" and workload is not None:
            return self._script_phases(workload.group(1), payload)
        return Response.error(404, f"unknown control endpoint {json.dumps(request.raw_path)}")

    def _script_phases(self, ident: str, payload: Any) -> Response:
        """``POST /_sim/workloads/{id}/phases`` with ``{"phases": [["Failed", null]],
        "message": "..."}``: :meth:`ControlPlane.set_workload_phases` over HTTP."""
        raw = payload.get("phases") if isinstance(payload, dict) else None
        message = payload.get("message") if isinstance(payload, dict) else None
        try:
            if not isinstance(raw, list):
                raise ValueError('give {"phases": [[phase, seconds], ...]}')
            phases = [(str(p), None if s is None else float(s)) for p, s in raw]
            Workloads(self.world).script(ident, phases, None if message is None else str(message))
        except LookupError as exc:
            return Response.error(404, str(exc))
        except (TypeError, ValueError) as exc:
            return Response.error(400, f"invalid phases: {exc}")
        return Response(204)


def _as_documented(op: SpecOperation, answer: Response) -> Response:
    """``answer`` without its body where the spec documents the status without one (some
    operations document a bare ``400``)."""
    documented = op.responses.get(answer.status)
    if documented is None or documented.media_type is not None or not answer.body:
        return answer
    return Response(answer.status, headers=answer.headers)


@functools.cache
def _body_checker(version: str) -> BodyChecker:
    """One checker per version and process: its compiled validators serve every simulator."""
    return BodyChecker(rules_for(version).document)
