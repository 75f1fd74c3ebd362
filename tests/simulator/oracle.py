"""The repository's OpenAPI documents as a judge of what the simulator answers.

Independent of the simulator on purpose: it reads ``specs/runai-2.XX.json`` (the full documents
the generator reads, not the copies the package ships), resolves responses itself, and validates
bodies with ``openapi-schema-validator``'s OpenAPI 3.0 validators (jsonschema with the OpenAPI
dialect: ``nullable`` only next to a ``type``, ``writeOnly`` properties refused in a response and
``readOnly`` ones in a request, OpenAPI formats), not with the simulator's adaptation in
``runai_testing/schemas.py``. A simulator answer that is off-spec fails the test using this. An
error that several allOf members raise alike (each requiring ``type``) is reported once.

Two errata of the documents are read as their authors meant (``test_the_errata_are_where_they_
were_found`` keeps them from spreading silently):

- ``applicatin/json`` (2.20, ``GET /api/v1/notification-channels``) is ``application/json``:
  the control plane answers that, and a client would not decode anything else as JSON;
- ``oneOf`` is "one or more" (``anyOf``): the only ones (2.21 and 2.22, a notification
  channel's ``config``) have no discriminator and members that accept the same objects, so no
  realistic value matches exactly one.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

# jsonschema ships no annotations (types-jsonschema leaves `extend` unannotated as well)
from jsonschema.validators import extend  # type: ignore[import-untyped]
from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator
from referencing import Registry
from referencing.jsonschema import DRAFT4

SPEC_DIR = Path(__file__).resolve().parents[2] / "specs"
URI = "urn:runai-spec"
MEDIA_ERRATA = {"applicatin/json": "application/json"}
Validator = extend(OAS30ReadValidator, {"oneOf": OAS30ReadValidator.VALIDATORS["anyOf"]})
RequestValidator = extend(OAS30WriteValidator, {"oneOf": OAS30WriteValidator.VALIDATORS["anyOf"]})


def _segment(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class Answer:
    """What came back over the wire for one call."""

    status: int
    content_type: str  # the header without parameters; "" when absent
    body: bytes

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()


class SpecOracle:
    """The documented answers of one control-plane version."""

    def __init__(self, version: str) -> None:
        self.version = version
        with (SPEC_DIR / f"runai-{version}.json").open(encoding="utf-8") as f:
            self.document: Dict[str, Any] = json.load(f)
        self._registry: Registry[Any] = Registry().with_resource(
            URI, DRAFT4.create_resource(self.document)
        )
        self._validators: Dict[Tuple[str, Any], Any] = {}

    def _at(self, pointer: str) -> Any:
        node: Any = self.document
        for part in pointer.lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _response(self, method: str, path: str, status: int) -> Optional[str]:
        """The JSON pointer of the response object documenting ``status`` (or ``default``)."""
        responses = self.document["paths"][path][method.lower()]["responses"]
        code = str(status) if str(status) in responses else "default"
        if code not in responses:
            return None
        pointer = f"#/paths/{_segment(path)}/{method.lower()}/responses/{code}"
        while "$ref" in self._at(pointer):
            pointer = self._at(pointer)["$ref"]
        return pointer

    def statuses(self, method: str, path: str) -> List[str]:
        return sorted(self.document["paths"][path][method.lower()]["responses"])

    def problems(self, method: str, path: str, answer: Answer) -> List[str]:
        """Why ``answer`` is not one the spec documents for this operation; empty when it is."""
        pointer = self._response(method, path, answer.status)
        if pointer is None:
            listed = ", ".join(self.statuses(method, path))
            return [f"status {answer.status} is not documented ({listed})"]
        documented: Mapping[str, Any] = self._at(pointer).get("content") or {}
        content = {MEDIA_ERRATA.get(media, media): media for media in documented}
        if not content:
            if answer.body:
                return [f"status {answer.status} documents no body, got {answer.body[:80]!r}"]
            return []
        if answer.media_type not in content:
            return [
                f"media type {answer.content_type!r} for {answer.status}; documented: "
                + ", ".join(content)
            ]
        if "json" not in answer.media_type:
            return [] if answer.body else [f"empty {answer.media_type} body"]
        try:
            value = json.loads(answer.body)
        except ValueError:
            return [f"{answer.status} body is not JSON: {answer.body[:80]!r}"]
        media = content[answer.media_type]
        if "schema" not in documented[media]:
            return []
        schema_pointer = f"{pointer}/content/{_segment(media)}/schema"
        return self._schema_problems(Validator, schema_pointer, value, f"{answer.status} body")

    def request_problems(self, method: str, path: str, body: Any) -> List[str]:
        """Why ``body`` is not a JSON request body the spec documents for this operation."""
        pointer = f"#/paths/{_segment(path)}/{method.lower()}/requestBody"
        if "requestBody" not in self.document["paths"][path][method.lower()]:
            return ["the operation documents no request body"]
        while "$ref" in self._at(pointer):
            pointer = self._at(pointer)["$ref"]
        if "application/json" not in self._at(pointer).get("content", {}):
            return ["the operation documents no JSON request body"]
        schema_pointer = f"{pointer}/content/application~1json/schema"
        return self._schema_problems(RequestValidator, schema_pointer, body, "request body")

    def _schema_problems(self, cls: Any, pointer: str, value: Any, what: str) -> List[str]:
        found = (
            f"{what} at {'/'.join(str(p) for p in error.absolute_path) or '.'}: {error.message}"
            for error in self._validator(cls, pointer).iter_errors(value)
        )
        return list(dict.fromkeys(found))

    def _validator(self, cls: Any, pointer: str) -> Any:
        found = self._validators.get((pointer, cls))
        if found is None:
            found = cls(
                {"$ref": URI + pointer},
                registry=self._registry,
                format_checker=cls.FORMAT_CHECKER,
            )
            self._validators[(pointer, cls)] = found
        return found


@functools.cache
def oracle(version: str) -> SpecOracle:
    """One oracle per version and test session (the documents are large)."""
    return SpecOracle(version)
