"""JSON bodies checked against the spec's schemas, as the control plane decodes and checks them.

Keys first: the control plane's Go decoder matches object keys to fields case-insensitively
(``AppId`` fills ``appID``) and drops keys that match no field, so :func:`canonical_keys` does
the same with the schema's property names before anything else looks at the body.

Then validation by ``jsonschema``'s Draft 4 validator, which is what an OpenAPI 3.0 Schema
Object is built on (``$ref`` siblings ignored, boolean ``exclusiveMinimum``), adapted for the
OpenAPI keywords: ``nullable: true`` admits ``null`` whatever else the schema says; a
``readOnly`` property is never required in a request; ``oneOf`` asks for one match or more
(the spec's only ones, in 2.21 and 2.22, have no discriminator and members that accept the
same objects, so "exactly one" would refuse every notification channel); a pattern written as a
JavaScript regex literal (``/^...$/``) is the expression between the slashes; patterns the spec
double-escapes (``\\\\d``) or that Python cannot compile are not enforced; the formats the spec
uses are checked (``uuid``, ``date-time``, ``date``, ``int32``, ``int64``, ``ipv4``, ``byte``).
References resolve inside the document, which is registered once per version.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import ipaddress
import re
import threading
import uuid
from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple, Type

from runai_testing.rules import usable_pattern
from runai_testing.spec import Document

URI = "urn:runai-testing:openapi"
_MAX_DEPTH = 64
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
Problem = Tuple[str, str]


def canonical_keys(doc: Document, schema: Any, value: Any, depth: int = 0) -> Any:
    """``value`` as the control plane decodes it: object keys renamed to the property they match
    ignoring case (an exact match wins; of two keys for one property, the later wins), keys
    that match no property dropped unless the schema admits more (``additionalProperties``, or
    no properties at all)."""
    if depth > _MAX_DEPTH or schema is None:
        return value
    node = doc.resolve(schema)
    if not isinstance(node, dict):
        return value
    if isinstance(value, list):
        items = node.get("items")
        return [canonical_keys(doc, items, v, depth + 1) for v in value] if items else value
    if not isinstance(value, dict):
        return value
    properties: Dict[str, Any] = {}
    extra: Any = None
    is_open = False
    for option in (node, *node.get("oneOf", ()), *node.get("anyOf", ())):
        for part in doc.parts(option):
            properties.update(part.get("properties") or {})
            is_open = is_open or bool(part.get("additionalProperties"))
            if isinstance(part.get("additionalProperties"), dict):
                extra = part["additionalProperties"]
    if not properties:
        is_open = True
    folded = {name.lower(): name for name in properties}
    out: Dict[str, Any] = {}
    for key, item in value.items():
        name = str(key) if key in properties else folded.get(str(key).lower(), str(key))
        if name in properties or is_open:
            out[name] = canonical_keys(doc, properties.get(name, extra), item, depth + 1)
    return out


class BodyChecker:
    """Validators for one document's request bodies, built on first use of each schema."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._lock = threading.Lock()
        self._validators: Dict[str, Tuple[Any, FrozenSet[str]]] = {}
        self._factory: Optional[Callable[[str], Any]] = None

    def problems(self, pointer: str, instance: Any) -> List[Problem]:
        """``(field, problem)`` pairs, in the order the schema finds them; empty when valid.

        A property that a schema requires but that no schema reachable from the body defines
        is not asked for: the spec has a few (``spec`` of some asset update requests), which
        no client can send and no decoder can require. A problem that several allOf members
        find alike (each requiring ``resources``) is named once.
        """
        validator, defined = self._validator(pointer)
        found = (
            _problem(error)
            for error in validator.iter_errors(instance)
            if error.validator != "required" or error.relative_path[-1] in defined
        )
        return list(dict.fromkeys(found))

    def _validator(self, pointer: str) -> Tuple[Any, FrozenSet[str]]:
        with self._lock:
            found = self._validators.get(pointer)
            if found is None:
                if self._factory is None:
                    self._factory = _factory(self.doc)
                validator = self._factory(pointer)
                defined = _defined_names(self.doc, self.doc.at(pointer))
                found = self._validators[pointer] = (validator, defined)
            return found


def _defined_names(doc: Document, root: Any) -> FrozenSet[str]:
    """Every property name defined anywhere in the schemas reachable from ``root``."""
    names: Set[str] = set()
    seen: Set[int] = set()
    pending = [root]
    while pending:
        node = doc.resolve(pending.pop())
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        properties = node.get("properties") or {}
        names.update(properties)
        pending.extend(properties.values())
        for key in ("allOf", "oneOf", "anyOf"):
            pending.extend(node.get(key) or ())
        for key in ("items", "additionalProperties", "not"):
            if isinstance(node.get(key), dict):
                pending.append(node[key])
    return frozenset(names)


def _factory(doc: Document) -> Callable[[str], Any]:
    """Imported on first use: jsonschema is the slowest import of the simulator."""
    from jsonschema import Draft4Validator, FormatChecker, validators  # type: ignore[import-untyped]
    from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    def nullable(check: Any) -> Any:
        def keyword(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
            if instance is None and schema.get("nullable") is True:
                return ()
            return check(validator, value, instance, schema)

        return keyword

    def read_only(schema: Any) -> bool:
        return bool(doc.resolve(schema or {}).get("readOnly"))

    def required(validator: Any, names: Any, instance: Any, schema: Any) -> Iterable[Any]:
        if not validator.is_type(instance, "object"):
            return
        properties = schema.get("properties") or {}
        for name in names:
            if name not in instance and not read_only(properties.get(name)):
                yield ValidationError("required property missing", path=(name,))

    def pattern(validator: Any, expression: Any, instance: Any, schema: Any) -> Iterable[Any]:
        usable = usable_pattern(expression)
        if usable is None or not isinstance(instance, str):
            return
        if _compiled(usable).search(instance) is None:
            yield ValidationError(f"{instance!r} does not match {usable!r}")

    keywords = {k: nullable(v) for k, v in Draft4Validator.VALIDATORS.items()}
    keywords["oneOf"] = nullable(Draft4Validator.VALIDATORS["anyOf"])
    keywords["required"] = nullable(required)
    keywords["pattern"] = nullable(pattern)
    cls = validators.extend(Draft4Validator, keywords)
    checker = _format_checker(FormatChecker)
    registry = Registry().with_resource(URI, DRAFT4.create_resource(doc.data))

    def build(pointer: str) -> Any:
        return cls({"$ref": f"{URI}{pointer}"}, registry=registry, format_checker=checker)

    return build


@functools.lru_cache(maxsize=512)
def _compiled(pattern: str) -> Any:
    return re.compile(pattern)


def _format_checker(cls: Any) -> Any:
    checker = cls(formats=())
    for name, check, raises in _FORMATS:
        checker.checks(name, raises=raises)(check)
    return checker


def _uuid(value: object) -> bool:
    return not isinstance(value, str) or bool(uuid.UUID(value))


def _date_time(value: object) -> bool:
    return not isinstance(value, str) or _DATE_TIME.match(value) is not None


def _date(value: object) -> bool:
    return not isinstance(value, str) or bool(dt.date.fromisoformat(value))


def _int32(value: object) -> bool:
    return not isinstance(value, int) or -(2**31) <= value < 2**31


def _int64(value: object) -> bool:
    return not isinstance(value, int) or -(2**63) <= value < 2**63


def _ipv4(value: object) -> bool:
    return not isinstance(value, str) or bool(ipaddress.IPv4Address(value))


def _byte(value: object) -> bool:
    return not isinstance(value, str) or base64.b64decode(value, validate=True) is not None


# (format, check, the exception that means "not this format")
_FORMATS: Tuple[Tuple[str, Callable[[object], bool], Type[Exception]], ...] = (
    ("uuid", _uuid, ValueError),
    ("date-time", _date_time, ValueError),
    ("date", _date, ValueError),
    ("int32", _int32, ValueError),
    ("int64", _int64, ValueError),
    ("ipv4", _ipv4, ValueError),
    ("byte", _byte, binascii.Error),
)


def _problem(error: Any) -> Problem:
    """The most specific ``(field, problem)`` of a jsonschema error (into anyOf/oneOf)."""
    from jsonschema.exceptions import best_match

    while error.context:
        error = best_match(error.context)
    return field_name(error.absolute_path), str(error.message)


def field_name(path: Iterable[Any]) -> str:
    """``spec.containers[0].image``; ``body`` for the body itself."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"
