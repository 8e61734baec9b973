"""`metaethno new study|concept`: templates that check flags until filled, never overwriting."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import typing
from pathlib import Path

import jsonschema
import pytest
from pydantic import BaseModel
from typer.testing import CliRunner, Result

from conftest import BASE_REVIEW
from metaethno.cli import app
from metaethno.review.models import Concept, Study
from metaethno.review.yaml_reader import read_yaml

runner = CliRunner()

FILLED = {
    "title": "Talking to a wall",
    "id": "unheard",
    "label": "Not being heard",
    "text": "Nobody listened.",
    "study": "ahmed2014",
    "concept": "unheard",
    "relation": "reciprocal",
}


@pytest.fixture
def review(tmp_path: Path) -> Path:
    """A review made by `metaethno init`, which has the editor schema files."""
    folder = tmp_path / "review"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    # its PRISMA flow already counts the study (and its paper) that the tests add
    config = folder / "metaethno.yaml"
    counted = {
        "{reason: Example reason, reports: 3}": "{reason: Example reason, reports: 2}",
        "studies_included: 2": "studies_included: 3",
        "reports_included: 2": "reports_included: 3",
    }
    text = config.read_text()
    for before, after in counted.items():
        assert before in text
        text = text.replace(before, after)
    config.write_text(text)
    return folder


def new(kind: str, item_id: str, review: Path) -> Result:
    result = runner.invoke(app, ["new", kind, item_id, "--review", str(review)])
    print(result.output)
    return result


def check_lines(review: Path) -> list[str]:
    result = runner.invoke(app, ["check", str(review)], env={"GITHUB_ACTIONS": ""})
    return result.stdout.splitlines()


def fill_in(path: Path) -> None:
    """Do what a reviewer does with a template: give every required field a value."""
    text = path.read_text()
    text = re.sub(r'(\w+): ""', lambda m: f"{m.group(1)}: {FILLED[m.group(1)]}", text)
    text = text.replace("authors: []", 'authors: ["Ahmed, S."]')
    path.write_text(text.replace("year:  ", "year: 2014  "))


@pytest.mark.parametrize(("kind", "folder"), [("study", "studies"), ("concept", "concepts")])
def test_new_writes_a_template_in_the_folder(review: Path, kind: str, folder: str) -> None:
    result = new(kind, "ahmed2014", review)
    assert result.exit_code == 0
    path = review / folder / "ahmed2014.yaml"
    assert result.stdout == ""
    assert result.stderr == f"wrote {path}: fill in the fields marked required, then run check\n"
    lines = path.read_text().splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=../.metaethno/schema/{kind}.schema.json"
    assert "id: ahmed2014  # required: equals the file name without .yaml" in lines


def test_unfilled_placeholders_are_errors_at_their_lines(review: Path) -> None:
    new("study", "ahmed2014", review)
    new("concept", "mistrust", review)
    reported = check_lines(review)
    assert reported, "an unfilled template should not pass check"
    placeholders = {
        f"{path}:{number}"
        for path in ("studies/ahmed2014.yaml", "concepts/mistrust.yaml")
        for number, line in enumerate((review / path).read_text().splitlines(), start=1)
        if re.match(r'\s*(- )?\w+: ""', line) or re.match(r"\s*year: +#", line)
    }
    at = {":".join(line.split(":")[:2]) for line in reported}
    assert at == placeholders
    for line in reported:
        assert re.search(r": error ME10[34] ", line), line
        assert "fill it in" in line or "use one of" in line, line


def test_filled_templates_pass_check(review: Path) -> None:
    new("study", "ahmed2014", review)
    new("concept", "mistrust", review)
    fill_in(review / "studies" / "ahmed2014.yaml")
    fill_in(review / "concepts" / "mistrust.yaml")
    result = runner.invoke(app, ["check", str(review)], env={"GITHUB_ACTIONS": ""})
    assert result.exit_code == 0, result.output
    # the new concept rests on one study, which is worth a warning, not an error
    assert [line.split(" ", 3)[1:3] for line in result.stdout.splitlines()] == [
        ["warning", "ME303"]
    ]


def test_existing_file_is_never_overwritten(review: Path) -> None:
    path = review / "studies" / "example2019.yaml"
    before = path.read_text()
    result = new("study", "example2019", review)
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: {path} already exists; edit it, or choose another id "
        "(metaethno new never overwrites a file)\n"
    )
    assert path.read_text() == before


def test_a_yml_file_of_the_same_id_counts_as_existing(review: Path) -> None:
    (review / "concepts" / "trust.yml").write_text("id: trust\n")
    result = new("concept", "trust", review)
    assert result.exit_code == 2
    assert "trust.yml already exists" in result.stderr
    assert not (review / "concepts" / "trust.yaml").exists()


@pytest.mark.parametrize(
    ("item_id", "suggestion"),
    [
        ("Ahmed 2014", "ahmed2014"),
        ("ahmed.2014", "ahmed2014"),
        ("../evil", "evil"),
        # what `import references` would make of the name: accents folded, not kept or cut
        ("Müller2014", "muller2014"),
        ("Chéung 2018", "cheung2018"),
    ],
)
def test_invalid_id_is_refused(review: Path, item_id: str, suggestion: str) -> None:
    result = new("study", item_id, review)
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: `{item_id}` is not a valid study id: use only lowercase letters, digits, "
        f"`-` and `_`, e.g. `{suggestion}`\n"
    )
    assert sorted(p.name for p in (review / "studies").iterdir()) == [
        "example2019.yaml",
        "example2021.yaml",
    ]


def test_folders_come_from_metaethno_yaml(review: Path) -> None:
    config = review / "metaethno.yaml"
    config.write_text(config.read_text().replace("studies: studies", "studies: data/studies"))
    assert new("study", "ahmed2014", review).exit_code == 0
    path = review / "data" / "studies" / "ahmed2014.yaml"
    first = path.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../.metaethno/schema/study.schema.json"


def test_without_metaethno_yaml_says_where_to_look(tmp_path: Path) -> None:
    result = new("study", "ahmed2014", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: no metaethno.yaml in {tmp_path}: give the review's folder with --review, "
        "or start a review with `metaethno init`\n"
    )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "title: Trust\nstudies: studies\n  concepts: concepts\n",
            # the rest is the parser's words, with a hint
            "metaethno.yaml:3:11: error ME002 YAML syntax error: mapping values are not allowed",
        ),
        (
            "title: Trust\nstudies: 5\n",
            "metaethno.yaml:2:10: error ME103 `studies` should be text, but is the number 5; "
            "put it in quotes to keep it as text",
        ),
        (
            "title: Trust\nconcepts: {folder: concepts}\n",
            "metaethno.yaml:2:11: error ME103 `concepts` should be text, but is a mapping",
        ),
        (
            "title: Trust\nstudies: ..\n",
            "metaethno.yaml:2:10: error ME016 the studies folder `..` is outside the review folder",
        ),
        (
            "title: Trust\nconcepts: studies\n",
            "metaethno.yaml:2:11: error ME017 the concepts folder `studies` is the studies folder too",
        ),
        (  # the folder's error is named, not the typo before it
            "titlex: Trust\nstudies: 5\n",
            "metaethno.yaml:2:10: error ME103 `studies` should be text, but is the number 5; "
            "put it in quotes to keep it as text",
        ),
    ],
)
def test_a_broken_metaethno_yaml_is_named_and_nothing_written(
    base_review: Path, config: str, message: str
) -> None:
    (base_review / "metaethno.yaml").write_text(config)
    before = sorted(p.relative_to(base_review) for p in base_review.rglob("*"))
    for kind in ("study", "concept"):
        result = new(kind, "ahmed2014", base_review)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"metaethno: {base_review}/{message}")
        assert result.stderr.endswith(
            "; correct metaethno.yaml first, since it names the folders that new files go in\n"
        )
    assert sorted(p.relative_to(base_review) for p in base_review.rglob("*")) == before


@pytest.mark.parametrize(
    "config",
    [
        "title: Trust\ntitlex: a typo\nstudies: data\nconcepts: ideas\n",
        'title: Trust\nquestion: "What \\u0007 now?"\nstudies: data\nconcepts: ideas\n',
    ],
)
def test_an_error_in_metaethno_yaml_away_from_the_folders_is_left_to_check(
    base_review: Path, config: str
) -> None:
    (base_review / "metaethno.yaml").write_text(config)
    for kind, folder in (("study", "data"), ("concept", "ideas")):
        result = new(kind, "ahmed2014", base_review)
        assert result.exit_code == 0, result.output
        assert (base_review / folder / "ahmed2014.yaml").is_file()


def test_a_file_written_meanwhile_by_another_run_is_kept(
    review: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another `new` creates the file between this one's check and its write."""
    path = review / "studies" / "ahmed2014.yaml"
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_the_other_run_writes(dir: Path, prefix: str, suffix: str) -> tuple[int, str]:
        result = real_mkstemp(dir=dir, prefix=prefix, suffix=suffix)
        path.write_text("the other run's study\n")
        return result

    monkeypatch.setattr(
        "metaethno.render.output.tempfile.mkstemp", mkstemp_then_the_other_run_writes
    )
    result = new("study", "ahmed2014", review)
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: {path} already exists; edit it, or choose another id "
        "(metaethno new never overwrites a file)\n"
    )
    assert path.read_text() == "the other run's study\n"
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "ahmed2014.yaml",
        "example2019.yaml",
        "example2021.yaml",
    ]


def test_review_without_schema_files_gets_a_note(base_review: Path) -> None:
    result = new("concept", "warmth", base_review)
    assert result.exit_code == 0
    written = base_review / "concepts" / "warmth.yaml"
    assert result.stderr == (
        f"wrote {written}: fill in the fields marked required, then run check\n"
        "metaethno: note: its first line names .metaethno/schema/concept.schema.json, which "
        "this review lacks; for editor support run: metaethno schema --output "
        f"{base_review / '.metaethno' / 'schema'}\n"
    )


def test_the_suggested_schema_command_is_quoted_for_the_shell(tmp_path: Path) -> None:
    review = tmp_path / "my review"
    shutil.copytree(BASE_REVIEW, review)
    result = new("concept", "warmth", review)
    assert result.exit_code == 0
    assert result.stderr.endswith(
        f"for editor support run: metaethno schema --output '{review}/.metaethno/schema'\n"
    )


def test_default_review_is_the_current_folder(
    review: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(review)
    result = runner.invoke(app, ["new", "concept", "warmth"])
    assert result.exit_code == 0, result.output
    assert (review / "concepts" / "warmth.yaml").is_file()


@pytest.mark.parametrize(("kind", "folder"), [("study", "studies"), ("concept", "concepts")])
def test_schema_agrees_with_check_on_templates(review: Path, kind: str, folder: str) -> None:
    """The editor flags the unfilled template, and accepts it once filled, as check does."""
    new(kind, "ahmed2014", review)
    path = review / folder / "ahmed2014.yaml"
    schema = json.loads((review / ".metaethno" / "schema" / f"{kind}.schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema)

    def errors() -> list[str]:
        data = read_yaml(path.read_bytes(), path.name).data
        return [e.message for e in validator.iter_errors(json.loads(json.dumps(data)))]

    assert errors()
    fill_in(path)
    assert errors() == []


def _model_keys(model: type[BaseModel]) -> set[str]:
    """The keys a file of `model` may hold, nested models' keys included."""
    found: set[str] = set()
    for name, info in model.model_fields.items():
        found.add(info.alias or name)
        pending = [info.annotation]
        while pending:
            annotation = pending.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found |= _model_keys(annotation)
            pending.extend(typing.get_args(annotation))
    return found


@pytest.mark.parametrize(("kind", "model"), [("study", Study), ("concept", Concept)])
def test_a_template_names_every_field(review: Path, kind: str, model: type[BaseModel]) -> None:
    """`new` promises every field: as a key to fill in, or in a comment's example block."""
    new(kind, "ahmed2014", review)
    text = next(review.glob("*/ahmed2014.yaml")).read_text()
    named = set(re.findall(r"(?m)^\s*(?:#\s*)?(?:- )?(\w+):", text))
    assert _model_keys(model) - named == set()
