"""The model runtime in runai-core (``runai.modeling``), on small models written like generated
ones: the request check, the lenient response path, unions and runapy's helpers."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

import pytest
from pydantic import Field, TypeAdapter, ValidationError
from runai._adapters import check_request, lenient_hook
from runai.modeling.enums import RunaiEnum
from runai.modeling.hooks import CHECK_HOOK, LENIENT_HOOK, RESPONSE_CONTEXT
from runai.modeling.model import RunaiModel
from runai.modeling.union import RunaiUnion


class Color(RunaiEnum):
    RED = "red"
    BLUE = "blue"


class Leaf(RunaiModel):
    __runai_required__ = frozenset({"name"})
    __runai_nullable__ = frozenset({"note"})
    __runai_defaults__ = {"color": "red"}

    name: Optional[str] = None
    color: Optional[Color] = None
    note: Optional[str] = None
    size: Optional[int] = Field(None, ge=0)

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            name: Optional[str] = None,
            color: Optional[Color] = None,
            note: Optional[str] = None,
            size: Optional[int] = None,
        ) -> None: ...


class Other(RunaiModel):
    kind: Optional[str] = None
    weight: Optional[float] = None


class Choice(RunaiUnion):
    root: Optional[Union[Leaf, Other]] = None

    if TYPE_CHECKING:

        def __init__(
            self,
            actual_instance: Optional[
                Union[Union[Leaf, Dict[str, Any]], Union[Other, Dict[str, Any]]]
            ] = None,
            /,
            **fields: Any,
        ) -> None: ...


class Tree(RunaiModel):
    __runai_required__ = frozenset({"leaves"})

    leaves: Optional[List[Leaf]] = None
    by_name: Optional[Dict[str, Leaf]] = Field(None, alias="byName")
    choice: Optional[Choice] = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            leaves: Optional[Sequence[Union[Leaf, Dict[str, Any]]]] = None,
            by_name: Optional[Mapping[str, Union[Leaf, Dict[str, Any]]]] = None,
            byName: Optional[Mapping[str, Union[Leaf, Dict[str, Any]]]] = None,
            choice: Optional[Union[Choice, Dict[str, Any]]] = None,
        ) -> None: ...


class Stamped(RunaiModel):
    __runai_required__ = frozenset({"id", "name"})
    __runai_read_only__ = frozenset({"id"})

    id: Optional[str] = None
    name: Optional[str] = None


class Open(RunaiModel):
    __runai_open__ = True

    name: Optional[str] = None

    if TYPE_CHECKING:

        def __init__(self, *, name: Optional[str] = None, **extra: Any) -> None: ...


def test_hook_names_are_what_the_models_expose() -> None:
    assert callable(getattr(Leaf, LENIENT_HOOK)) and callable(getattr(Choice, LENIENT_HOOK))
    assert callable(getattr(Leaf(name="a"), CHECK_HOOK))
    assert callable(getattr(Choice(), CHECK_HOOK))


def test_hooks_import_no_pydantic() -> None:
    code = "import sys, runai.modeling.hooks, runai._adapters; print('pydantic' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_request_check_names_every_problem_with_its_path() -> None:
    with pytest.raises(ValidationError) as caught:
        Tree(leaves=[{"name": "a", "color": "green"}, {"colour": "red"}], byName={"x": {}})
    errors = {(e["loc"], e["type"]) for e in caught.value.errors()}
    assert errors == {
        (("leaves", 0, "color"), "enum"),
        (("leaves", 1), "unknown_field"),
        (("leaves", 1), "missing"),
        (("byName", "x"), "missing"),
    }
    with pytest.raises(ValidationError, match="requires a value for name"):
        Leaf(name=None)
    assert Leaf(name="a", note=None).note is None  # nullable: null is a value
    assert Open(name="a", anything=1).model_extra == {"anything": 1}


def test_a_required_read_only_field_is_not_asked_of_a_request() -> None:
    """OpenAPI 3.0: a required readOnly property is required in responses only."""
    assert Stamped(name="a").to_dict() == {"name": "a"}
    with pytest.raises(ValidationError, match=r"Stamped requires name \[type=missing"):
        Stamped(id="x")
    schema = Stamped.model_json_schema()
    assert schema["required"] == ["id", "name"]
    assert schema["properties"]["id"]["readOnly"] is True


def test_a_dict_body_is_checked_by_core_after_validation() -> None:
    tree = TypeAdapter(Tree).validate_python({"leaves": [{"name": "a", "extra": 1}]})
    with pytest.raises(ValidationError, match="Leaf has no field extra"):
        check_request(tree)
    check_request([Leaf(name="a"), {"k": Leaf(name="b")}])


def test_responses_are_lenient_and_the_slow_path_keeps_misfits() -> None:
    body = {"leaves": [{"color": "green", "size": -1, "new": True}], "choice": {"weight": "x"}}
    with pytest.raises(ValidationError):
        TypeAdapter(Tree).validate_python(body, context=RESPONSE_CONTEXT)  # size < 0
    tree = lenient_hook(f"{__name__}:Tree")(body)  # type: ignore[misc]
    leaf = tree.leaves[0]
    assert leaf.color == "green" and type(leaf.color) is str  # a newer enum value
    assert leaf.size == -1 and leaf.model_extra == {"new": True}  # kept as received
    weight: object = tree.choice.root.weight  # a misfit keeps the value it came with
    assert type(tree.choice.root) is Other and weight == "x"
    with pytest.raises(ValueError, match="shape"):
        getattr(Tree, LENIENT_HOOK)(Tree, [1, 2])


def test_a_union_takes_the_first_member_that_is_a_valid_request() -> None:
    assert type(Choice({"name": "a"}).root) is Leaf
    assert type(Choice(kind="k").root) is Other
    with pytest.raises(ValidationError, match="none of its members"):
        Choice(name="a", kind="k")
    tree = Tree(leaves=[], choice={"kind": "k"})
    assert tree.choice is not None and type(tree.choice.root) is Other
    with pytest.raises(ValidationError) as caught:
        Tree(leaves=[], choice=Choice.model_construct(Leaf.model_construct(name=None)))
    assert caught.value.errors()[0]["loc"] == ("choice",)


def test_a_union_in_a_response_is_the_member_that_declares_its_keys() -> None:
    parsed = TypeAdapter(Choice).validate_python({"kind": "k"}, context=RESPONSE_CONTEXT)
    assert type(parsed.root) is Other
    misfit = TypeAdapter(Choice).validate_python({"weight": "heavy"}, context=RESPONSE_CONTEXT)
    weight: object = misfit.root.weight if isinstance(misfit.root, Other) else None
    assert type(misfit.root) is Other and weight == "heavy"  # kept though not a float


def test_runapy_helpers_follow_nested_models_lists_and_maps() -> None:
    tree = Tree.from_dict(
        {
            "leaves": [{"name": "a", "color": None}],
            "byName": {"b": {"name": "b", "size": 2, "unknown": 1}},
            "choice": {"kind": "k"},
        }
    )
    assert tree is not None
    assert tree.to_dict() == {
        "leaves": [{"name": "a", "color": "red", "note": None}],  # default; nullable note
        "byName": {"b": {"name": "b", "color": "red", "size": 2, "note": None}},
        "choice": {"kind": "k"},  # the member that declares "kind"; it has no nullable field
    }
    assert tree.to_json() == (
        '{"leaves": [{"name": "a", "color": "red", "note": null}], '
        '"byName": {"b": {"name": "b", "color": "red", "size": 2, "note": null}}, '
        '"choice": {"kind": "k"}}'
    )
    assert Open.from_dict({"name": "n", "more": [1]}).to_dict() == {"name": "n", "more": [1]}
    assert Leaf.from_json('{"name": "x"}') == Leaf(name="x", color=Color.RED, note=None, size=None)
    assert Color.from_json('"blue"') is Color.BLUE
