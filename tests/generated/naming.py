"""The user-visible naming rule of SPEC-NOTES §2, restated for the tests."""

from __future__ import annotations

import re


def snake(word: str) -> str:
    """openapi-generator's ``underscore``: the names runapy users type."""
    word = re.sub(r"([A-Z]+)([A-Z][a-z][a-z]+)", r"\1_\2", word)
    word = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", word)
    return word.replace("-", "_").replace(" ", "_").lower()


def method_name(operation_id: str) -> str:
    parts = [p for p in re.split(r"[-_:;#]", operation_id) if p]
    camel = "".join(p[0].upper() + p[1:] for p in parts)
    return snake(camel[:1].lower() + camel[1:])
