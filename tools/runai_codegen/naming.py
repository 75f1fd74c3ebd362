"""Name conversions, kept identical to the names runapy users already type (SPEC-NOTES §1-2)."""

from __future__ import annotations

import keyword
import re
from typing import Iterable, Set

_NON_NAME = re.compile(r"[-_:;#]")
_ACRONYM = re.compile(r"([A-Z]+)([A-Z][a-z][a-z]+)")
_LOWER_UPPER = re.compile(r"([a-z\d])([A-Z])")


def operation_camel(operation_id: str) -> str:
    """openapi-generator's removeNonNameElementToCamelCase: split on -_:;# and join capitalised."""
    parts = [p for p in _NON_NAME.split(operation_id) if p]
    joined = "".join(p[0].upper() + p[1:] for p in parts)
    return joined[:1].lower() + joined[1:]


def underscore(word: str) -> str:
    """openapi-generator's underscore(): camelCase -> snake_case, the rule runapy names follow."""
    word = word.replace(".", "/").replace("$", "__")
    word = _ACRONYM.sub(r"\1_\2", word)
    word = _LOWER_UPPER.sub(r"\1_\2", word)
    word = word.replace("-", "_").replace(" ", "_")
    return word.lower()


def method_name(operation_id: str) -> str:
    return safe_identifier(underscore(operation_camel(operation_id)), "call_")


def safe_identifier(name: str, prefix: str = "var_") -> str:
    """A Python identifier for ``name``: invalid characters become ``_``, keywords get a prefix."""
    name = re.sub(r"\W", "_", name)
    if not name or name[0].isdigit() or keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name = prefix + name
    return name


def camelize(key: str) -> str:
    """openapi-generator's camelize: ``Resources_nodePool`` -> ``ResourcesNodePool``."""
    parts = [p for p in re.split(r"[_\-\s]+", key) if p]
    return "".join(p[0].upper() + p[1:] for p in parts)


def words_class_name(text: str, suffix: str = "") -> str:
    """Words capitalised, non-alphanumerics removed: ``NVIDIA NIM`` -> ``NVIDIANIM``."""
    words = re.split(r"\s+", text.strip())
    joined = "".join(w[0].upper() + w[1:] for w in words if w)
    return re.sub(r"[^A-Za-z0-9]", "", joined) + suffix


def class_name(schema_name: str) -> str:
    """Schema name as a class name: non-alphanumerics dropped, first letter capitalised."""
    cleaned = re.sub(r"[^A-Za-z0-9]", "", schema_name)
    if not cleaned or cleaned[0].isdigit():
        cleaned = "Model" + cleaned
    return cleaned[0].upper() + cleaned[1:]


def enum_member_name(value: object, taken: Set[str]) -> str:
    """Upper-case member name for an enum value (``""`` is ``EMPTY``; clashes get ``_2``...)."""
    text = str(value)
    base = re.sub(r"[^0-9A-Za-z]+", "_", underscore(text)).strip("_").upper() or "EMPTY"
    if base[0].isdigit():
        base = "V_" + base
    name, n = base, 1
    while name in taken or name.startswith("_"):
        n += 1
        name = f"{base}_{n}"
    taken.add(name)
    return name


def unique(name: str, taken: Iterable[str]) -> str:
    """``name`` or ``name_2``, ``name_3``... whichever is not in ``taken`` (case-insensitively)."""
    lowered = {t.lower() for t in taken}
    candidate, n = name, 1
    while candidate.lower() in lowered:
        n += 1
        candidate = f"{name}_{n}"
    return candidate
