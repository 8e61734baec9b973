"""Turn pydantic's validation errors into diagnostics that point at the YAML.

Pydantic reports a `loc` tuple such as ("concepts", 2, "quotes", 0, "page");
the reader's span index turns it into a line and column. An unknown key points
at the key, a bad value at the value, a missing field at the mapping that
lacks it. Messages say what was found and what to write instead.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from metaethno.review import rules
from metaethno.review.diagnostics import Diagnostic
from metaethno.review.hints import did_you_mean
from metaethno.review.models import TEXT_PATTERN
from metaethno.review.yaml_reader import KeyPath, YamlDocument

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of `key: value` lines",
    "model_type": "a mapping of `key: value` lines",
    "model_attributes_type": "a mapping of `key: value` lines",
}


def schema_diagnostics(
    error: ValidationError, doc: YamlDocument, model: type[BaseModel]
) -> list[Diagnostic]:
    """One diagnostic per problem pydantic found in `doc`, validated as `model`."""
    by_path: dict[tuple[KeyPath, bool], list[Any]] = {}
    for item in error.errors(include_url=False):
        keypath, at_key = _data_keypath(doc.data, item["loc"])
        by_path.setdefault((keypath, at_key), []).append(item)
    found = []
    for (keypath, at_key), items in by_path.items():
        found.append(_diagnostic(doc, model, keypath, at_key, items))
    return sorted(found)


def _data_keypath(data: Any, loc: tuple[Any, ...]) -> tuple[KeyPath, bool]:
    """The part of `loc` that exists in the data (union members and markers are dropped)."""
    keypath: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        if part == "[key]":
            return tuple(keypath), True
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        elif isinstance(node, dict) and index == len(loc) - 1:
            # an unknown key found by pydantic or a missing field: keep the name
            keypath.append(part)
            return tuple(keypath), False
        else:
            break
        keypath.append(part)
    return tuple(keypath), False


def _diagnostic(
    doc: YamlDocument,
    model: type[BaseModel],
    keypath: KeyPath,
    at_key: bool,
    items: list[Any],
) -> Diagnostic:
    first = items[0]
    kind = first["type"]
    name = keypath[-1] if keypath else None
    field = _describe_field(doc, keypath)
    value = first.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, keypath[:-1])
        hint = did_you_mean(str(name), allowed)
        if not hint and allowed:
            hint = "; allowed here: " + ", ".join(allowed)
        return rules.UNKNOWN_KEY.at(doc.key_location(keypath), f"unknown key `{name}`{hint}")
    if kind == "missing":
        parent = doc.location(keypath[:-1])
        return rules.MISSING_FIELD.at(parent, f"missing required field {field}; add it")
    if kind == "invalid_doi":
        message = (
            f"{field}: {_describe(value)} is not a DOI; write it as `10.`, the registrant's "
            "digits, `/` and the rest, e.g. 10.5555/example.2014.01"
        )
        return rules.INVALID_DOI.at(doc.location(keypath), message)
    if at_key:
        message = f"key {value!r} is not allowed: {_constraint(first)}"
        return rules.INVALID_VALUE.at(doc.key_location(keypath), message)
    expected = [_EXPECTED[i["type"]] for i in items if i["type"] in _EXPECTED]
    if expected and len(expected) == len(items):
        wanted = " or ".join(dict.fromkeys(expected))
        message = (
            f"{field} should be {wanted}, but is {_describe(value)}{_type_hint(expected, value)}"
        )
        return rules.WRONG_TYPE.at(doc.location(keypath), message)
    constrained = next((i for i in items if i["type"] not in _EXPECTED), first)
    message = (
        f"{field}: {_describe(constrained.get('input'))} is not allowed; {_constraint(constrained)}"
    )
    return rules.INVALID_VALUE.at(doc.location(keypath), message)


def _describe_field(doc: YamlDocument, keypath: KeyPath) -> str:
    """`label` for a key, `item 3 of `quotes`` for a list item, as a user would say it."""
    if not keypath:
        return "the file"
    name = keypath[-1]
    parent: Any = doc.data
    for part in keypath[:-1]:
        if isinstance(parent, dict):
            parent = parent.get(part)
        elif isinstance(parent, list) and isinstance(part, int):
            parent = parent[part]
    owner = keypath[-2] if len(keypath) > 1 else None
    if isinstance(parent, list) and isinstance(name, int):
        return f"item {name + 1} of `{owner}`" if isinstance(owner, str) else f"item {name + 1}"
    if isinstance(name, int) and isinstance(owner, str):
        return f"`{owner}` {name}"
    return f"`{name}`"


def _constraint(item: Any) -> str:
    kind = item["type"]
    ctx = item.get("ctx") or {}
    if kind == "literal_error":
        return f"use one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == TEXT_PATTERN:
        return "write some text, not only spaces"
    if kind == "string_pattern_mismatch":
        return "an id uses only lowercase letters, digits, `-` and `_`"
    if kind == "string_too_short":
        return "fill it in"
    if kind == "too_short":
        return "add at least one entry"
    if kind in ("greater_than_equal", "greater_than"):
        return f"use a number of at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"use a number of at most {ctx.get('le', ctx.get('lt'))}"
    return str(item["msg"]).rstrip(".").lower()


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the truth value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}" if value else "empty text"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _type_hint(expected: list[str], value: Any) -> str:
    if "text" in expected and isinstance(value, int | float | bool):
        return "; put it in quotes to keep it as text"
    if value is None:
        return "; fill it in"
    if isinstance(value, str) and any(e in ("a whole number", "a number") for e in expected):
        return "; write the number without quotes" if _looks_numeric(value) else "; write a number"
    if isinstance(value, dict) and "a list" in expected:
        return "; start each entry on its own line with `- `"
    if isinstance(value, str) and "a list" in expected:
        return "; write it as a list: `[a, b]` or one `- ` line per entry"
    return ""


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _allowed_keys(model: type[BaseModel], keypath: KeyPath) -> list[str]:
    """The field names of the model found at `keypath` inside `model`."""
    current: Any = model
    for part in keypath:
        if isinstance(part, int):
            current = _item_type(current)
        elif _is_model(current) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
        current = _model_in(current)
    current = _model_in(current)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _model_in(tp: Any) -> Any:
    """Unwrap Optional/Annotated to the model class inside, if there is one."""
    if _is_model(tp):
        return tp
    for arg in _args(tp):
        found = _model_in(arg)
        if _is_model(found):
            return found
    return tp


def _item_type(tp: Any) -> Any:
    for candidate in _walk(tp):
        if typing.get_origin(candidate) is list:
            return typing.get_args(candidate)[0]
    return None


def _walk(tp: Any) -> Iterator[Any]:
    yield tp
    for arg in _args(tp):
        yield from _walk(arg)


def _args(tp: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return (typing.get_args(tp)[0],)
    if origin in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return ()
