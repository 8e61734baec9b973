"""`metaethno schema`: draft-07 JSON Schema that an independent validator agrees with."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from metaethno.cli import app
from metaethno.review.yaml_reader import read_yaml

runner = CliRunner()
ROOT = Path(__file__).parent.parent
NAMES = ["metaethno.schema.json", "study.schema.json", "concept.schema.json"]
NOT_DRAFT_07 = {"$defs", "prefixItems", "unevaluatedProperties", "dependentRequired", "$anchor"}


def printed_schemas() -> dict[str, Any]:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def as_json(value: Any) -> Any:
    """YAML data as JSON sees it: mapping keys are strings (CASP's `1: yes` has the key "1")."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def validation_errors(schema: dict[str, Any], yaml_text: str) -> list[str]:
    data = as_json(read_yaml(yaml_text.encode(), "file.yaml").data)
    validator = jsonschema.Draft7Validator(schema)
    return sorted(error.message for error in validator.iter_errors(data))


def example_files() -> Iterator[tuple[str, Path]]:
    yield "metaethno.schema.json", ROOT / "metaethno.yaml"
    for path in sorted((ROOT / "studies").glob("*.yaml")):
        yield "study.schema.json", path
    for path in sorted((ROOT / "concepts").glob("*.yaml")):
        yield "concept.schema.json", path


def keywords(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from keywords(value)
    elif isinstance(node, list):
        for item in node:
            yield from keywords(item)


def properties(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (name, schema) under a `properties` keyword, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                yield from value.items()
            yield from properties(value)
    elif isinstance(node, list):
        for item in node:
            yield from properties(item)


def test_prints_three_draft_07_schemas_keyed_by_file_name() -> None:
    schemas = printed_schemas()
    assert list(schemas) == NAMES
    for schema in schemas.values():
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(schema)
        assert NOT_DRAFT_07.isdisjoint(keywords(schema))
        assert all(ref.startswith("#/definitions/") for ref in refs(schema))


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_output_is_deterministic() -> None:
    first = runner.invoke(app, ["schema"]).stdout
    assert runner.invoke(app, ["schema"]).stdout == first


def test_every_field_has_a_description_and_unknown_keys_are_refused() -> None:
    for name, schema in printed_schemas().items():
        objects = [schema, *schema.get("definitions", {}).values()]
        for item in objects:
            assert item["additionalProperties"] is False, (name, item.get("title"))
        for field, field_schema in properties(schema):
            assert field_schema.get("description"), (name, field)


@pytest.mark.parametrize(
    ("schema_name", "path"),
    list(example_files()),
    ids=lambda value: value.relative_to(ROOT).as_posix() if isinstance(value, Path) else "",
)
def test_bundled_example_validates(schemas: dict[str, Any], schema_name: str, path: Path) -> None:
    assert validation_errors(schemas[schema_name], path.read_text(encoding="utf-8")) == []


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    return printed_schemas()


@pytest.fixture(scope="module")
def study_schema(schemas: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = schemas["study.schema.json"]
    return schema


STUDY = "id: a2010\nreferences: [{year: 2010, title: T}]\nconcepts: [{id: c, label: C}]\n"


def test_unknown_key_fails(study_schema: dict[str, Any]) -> None:
    assert validation_errors(study_schema, STUDY + "colour: blue\n") == [
        "Additional properties are not allowed ('colour' was unexpected)"
    ]
    nested = STUDY.replace("label: C}", "label: C, lable: D}")
    assert validation_errors(study_schema, nested) == [
        "Additional properties are not allowed ('lable' was unexpected)"
    ]


def test_casp_question_numbers_are_property_names(study_schema: dict[str, Any]) -> None:
    good = STUDY + "appraisal: {answers: {1: yes, 10: cant_tell}}\n"
    assert validation_errors(study_schema, good) == []
    assert validation_errors(study_schema, STUDY + "appraisal: {answers: {11: yes}}\n")
    assert validation_errors(study_schema, STUDY + "appraisal: {answers: {1: maybe}}\n")


def test_question_numbers_are_also_accepted_as_the_numbers_yaml_reads(
    study_schema: dict[str, Any],
) -> None:
    """The YAML language server validates `1:` as the number 1, not as JSON's property name."""
    validator = jsonschema.Draft7Validator(study_schema)

    def valid(appraisal: str) -> bool:
        return validator.is_valid(read_yaml(f"{STUDY}appraisal: {appraisal}\n".encode(), "f").data)

    assert valid("{answers: {1: yes, 0x4: no}, comments: {10: Useful}}")
    assert not valid("{answers: {11: yes}}")
    assert not valid("{comments: {0: Useful}}")


def test_required_fields_and_ids_are_enforced(study_schema: dict[str, Any]) -> None:
    assert validation_errors(study_schema, "id: a2010\n") == [
        "'concepts' is a required property",
        "'references' is a required property",
    ]
    assert validation_errors(study_schema, STUDY.replace("id: c,", "id: Bad Id,"))
    assert validation_errors(study_schema, STUDY.replace("title: T", 'title: ""'))


def test_output_writes_three_files_and_refuses_to_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "schema"
    result = runner.invoke(app, ["schema", "--output", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES)
    printed = printed_schemas()
    for name in NAMES:
        assert json.loads((folder / name).read_text()) == printed[name]

    again = runner.invoke(app, ["schema", "--output", str(folder)])
    assert again.exit_code == 2
    assert "pass --force to overwrite" in again.stderr
    forced = runner.invoke(app, ["schema", "--output", str(folder), "--force"])
    assert forced.exit_code == 0, forced.output


def test_output_into_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("")
    result = runner.invoke(app, ["schema", "--output", str(target)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("folder", ["studies", "studies/schema", "concepts", "studies/../concepts"])
def test_output_into_the_reviews_own_folders_is_refused_even_with_force(
    base_review: Path, folder: str
) -> None:
    before = {p: p.read_bytes() for p in base_review.rglob("*") if p.is_file()}
    result = runner.invoke(app, ["schema", "--output", str(base_review / folder), "--force"])
    assert result.exit_code == 2, result.output
    assert "which metaethno never writes, even with --force" in result.stderr
    assert {p: p.read_bytes() for p in base_review.rglob("*") if p.is_file()} == before


def test_output_into_a_tooling_folder_of_a_review_is_written(base_review: Path) -> None:
    result = runner.invoke(app, ["schema", "--output", str(base_review / ".metaethno/schema")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (base_review / ".metaethno/schema").iterdir()) == sorted(NAMES)
