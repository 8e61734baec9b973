"""JSON Schema for the review's files, for editors: generated from the models the loader uses.

pydantic writes JSON Schema 2020-12; the YAML language server (VS Code, Neovim, Helix and
others) reads draft-07, so the schema is converted: `$defs` becomes `definitions`, references
are rewritten, a `$ref` with sibling keywords is wrapped in `allOf` (draft-07 ignores a `$ref`'s
siblings, which would lose the field's description), and no 2020-12-only keyword remains.

Mapping keys that YAML reads as numbers (the question numbers of `answers` and `comments`) are
described by `propertyNames` in both the forms a validator may see: the number itself, as the
YAML language server reads `1:`, and its digits, as validators that first turn YAML into JSON
(check-jsonschema) see it. A quoted key (`"1":`) is therefore accepted by the schema; `check`
reports it. The output is deterministic: the same models always give the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from metaethno.review.models import Concept, ReviewConfig, Study

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
REVIEW_SCHEMA = "metaethno.schema.json"
STUDY_SCHEMA = "study.schema.json"
CONCEPT_SCHEMA = "concept.schema.json"
# Where `metaethno init` puts the schema files, relative to the review folder.
SCHEMA_FOLDER = ".metaethno/schema"

_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    REVIEW_SCHEMA: (ReviewConfig, "metaethno review (metaethno.yaml)"),
    STUDY_SCHEMA: (Study, "metaethno study (studies/<id>.yaml)"),
    CONCEPT_SCHEMA: (Concept, "metaethno concept (concepts/<id>.yaml)"),
}
# Keywords that draft-07 does not know; the conversion must leave none of them.
_NOT_IN_DRAFT_07 = frozenset(
    {
        "$defs",
        "$anchor",
        "$dynamicRef",
        "$dynamicAnchor",
        "$recursiveRef",
        "$recursiveAnchor",
        "$vocabulary",
        "prefixItems",
        "unevaluatedItems",
        "unevaluatedProperties",
        "dependentRequired",
        "dependentSchemas",
        "minContains",
        "maxContains",
    }
)
# Integer keys with at most this many allowed values are listed one by one.
_MAX_LISTED_KEYS = 1000


class _Draft07Generator(GenerateJsonSchema):
    """pydantic's generator, with fields titled only by their descriptions and integer keys kept."""

    def field_title_should_be_set(self, schema: Any) -> bool:  # noqa: ARG002 - same signature
        # A title such as "Doi" made from the field name adds nothing to the description.
        return False

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        json_schema = super().dict_schema(schema)
        keys = schema.get("keys_schema")
        if keys is not None and keys.get("type") == "int":
            json_schema["propertyNames"] = _integer_names(keys)
        return json_schema


def _integer_names(keys: CoreSchema) -> dict[str, Any]:
    """Mapping keys that are allowed integers: the number, as YAML reads it, or its digits."""
    low = keys.get("ge", keys["gt"] + 1 if "gt" in keys else None)
    high = keys.get("le", keys["lt"] - 1 if "lt" in keys else None)
    number: dict[str, Any] = {"type": "integer"}
    if isinstance(low, int):
        number["minimum"] = low
    if isinstance(high, int):
        number["maximum"] = high
    digits: dict[str, Any] = {"type": "string", "pattern": "^-?[0-9]+$"}
    if isinstance(low, int) and isinstance(high, int) and 0 <= high - low < _MAX_LISTED_KEYS:
        digits = {"enum": [str(n) for n in range(low, high + 1)]}
    return {"anyOf": [number, digits]}


def json_schemas() -> dict[str, dict[str, Any]]:
    """The draft-07 schema of each kind of review file, by the file name it is written to."""
    return {name: model_schema(model, title) for name, (model, title) in _MODELS.items()}


def model_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The draft-07 JSON Schema of one file model."""
    generated = model.model_json_schema(
        ref_template="#/definitions/{model}", schema_generator=_Draft07Generator
    )
    definitions = generated.pop("$defs", {})
    converted: dict[str, Any] = {"$schema": DRAFT_07, **_convert(generated), "title": title}
    if definitions:
        converted["definitions"] = {
            name: _convert(definition) for name, definition in sorted(definitions.items())
        }
    return converted


def _convert(node: Any) -> Any:
    """Draft-07 form of a schema node: `$ref`s with siblings wrapped, 2020-12 keywords refused."""
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    unsupported = _NOT_IN_DRAFT_07.intersection(node)
    if unsupported:
        raise ValueError(f"no draft-07 form for the keywords {sorted(unsupported)}")
    converted = {key: _convert(value) for key, value in node.items()}
    if isinstance(converted.get("description"), str):
        # docstrings wrap at the code's width; editors reflow a description themselves
        converted["description"] = " ".join(converted["description"].split())
    if "$ref" in converted and len(converted) > 1:
        reference = converted.pop("$ref")
        converted = {"allOf": [{"$ref": reference}], **converted}
    return converted


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the JSON text written to a file: two-space indent, ending in a newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def all_schemas_text() -> str:
    """The three schemas as one JSON object keyed by file name, as `metaethno schema` prints."""
    return schema_text(dict(json_schemas()))
