"""`metaethno translate`: the tables' contents, every format and layout, and the command's
options, refusals and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

import hostile
from conftest import TESTS, assert_golden
from metaethno.analysis.saturation import plateau
from metaethno.analysis.synthesis import analyse
from metaethno.analysis.translation import CumulativeRow, Named, StudyColumn
from metaethno.checks.run import check_review
from metaethno.cli import app
from metaethno.render.translation import View, render_csv, render_json
from metaethno.render.translation_wording import cumulative_legend
from metaethno.review.loaded import Review
from small_reviews import review_of

GOLDEN = TESTS / "golden"
REVIEW = GOLDEN / "review"
REVIEW_DATA = check_review(REVIEW).review
# a fixed terminal width, and no colour whatever the developer's environment says
ENV: dict[str, str | None] = {"COLUMNS": "100", "FORCE_COLOR": None, "NO_COLOR": None}

runner = CliRunner()


def translate(*args: str) -> str:
    result = runner.invoke(app, ["translate", str(REVIEW), *args], env=ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("output_format", "layout", "golden"),
    [
        ("markdown", "grid", "translate.md"),
        ("markdown", "long", "translate-long.md"),
        ("markdown", "third-order", "translate-third-order.md"),
        ("markdown", "studies", "translate-studies.md"),
        ("csv", "third-order", "translate-third-order.csv"),
        ("csv", "studies", "translate-studies.csv"),
        ("table", "studies", "translate-table-studies.txt"),
        ("csv", "grid", "translate.csv"),
        ("csv", "long", "translate-long.csv"),
        ("json", "grid", "translate.json"),
        ("table", "grid", "translate-table.txt"),
        ("table", "long", "translate-table-long.txt"),
    ],
)
def test_golden(output_format: str, layout: str, golden: str) -> None:
    assert_golden(translate("--format", output_format, "--layout", layout), GOLDEN / golden)


def test_markdown_is_the_default_when_not_on_a_terminal() -> None:
    assert translate() == translate("--format", "markdown")


def test_json_holds_every_table_whatever_the_layout() -> None:
    assert translate("-f", "json", "--layout", "long") == translate("-f", "json")


def test_json_is_a_stable_object() -> None:
    document = json.loads(translate("--format", "json"))
    assert document["version"] == 1
    assert document["order"] == {"method": "index", "index_study": "beta2012"}
    assert [s["key"] for s in document["studies"]] == ["Beta 2012", "Alpha 2010a", "Alpha 2010b"]
    trust = document["grid"][1]
    assert trust["groups"] == ["relationships"]
    assert trust["cells"]["alpha2010b"] == [
        {"concept": "blind-faith", "label": "Trust without reason", "relation": "refutational"}
    ]
    assert trust["supporting_studies"] == 2
    assert document["refutations"] == [
        {
            "concept": "trust",
            "supporting_studies": ["beta2012", "alpha2010a"],
            "study": "alpha2010b",
            "study_concept": "blind-faith",
            "note": "Here trust did not depend on being heard at all.",
            "mixed": False,
            "accounted_for_by": None,
        }
    ]
    assert [row["total"] for row in document["cumulative"]] == [2, 2, 2]
    assert len(document["translations"]) == 6


def test_tables_follow_the_translation_order() -> None:
    review = check_review(REVIEW).review
    tables = analyse(review).translation
    assert [s.id for s in tables.studies] == ["beta2012", "alpha2010a", "alpha2010b"]
    heard, trust = tables.grid.rows
    assert heard.groups == (Named("relationships", "Relationships of care"),)
    assert [[e.concept.id for e in trust.cell(index)] for index in range(3)] == [
        ["guarded"],
        ["wary"],
        ["blind-faith"],
    ]
    assert [row.study.id for row in tables.cumulative] == ["beta2012", "alpha2010a", "alpha2010b"]
    first, _, last = tables.cumulative
    assert [c.id for c in first.introduced] == ["being-heard", "trust"]
    assert [c.id for c in last.refuted] == ["trust"]


@pytest.mark.parametrize(
    ("options", "columns"),
    [
        ([], ["Beta 2012", "Alpha 2010a", "Alpha 2010b"]),
        (["--order", "chronological"], ["Alpha 2010a", "Alpha 2010b", "Beta 2012"]),
        (["--order", "alphabetical"], ["Alpha 2010a", "Alpha 2010b", "Beta 2012"]),
        (["--index-study", "alpha2010b"], ["Alpha 2010b", "Alpha 2010a", "Beta 2012"]),
        (
            ["--order", "index", "--index-study", "alpha2010b"],
            ["Alpha 2010b", "Alpha 2010a", "Beta 2012"],
        ),
    ],
)
def test_order_options_override_the_configuration(options: list[str], columns: list[str]) -> None:
    header = translate("--format", "csv", *options).splitlines()[0]
    assert header.split(",") == ["Higher-order concept", "Concept", *columns, "n"]


def test_an_unknown_index_study_is_a_usage_error() -> None:
    result = runner.invoke(app, ["translate", str(REVIEW), "--index-study", "beta2021"])
    assert result.exit_code == 2
    assert result.stderr == (
        "metaethno: no study `beta2021` to use as the index study; did you mean `beta2012`?\n"
    )
    assert result.stdout == ""


def test_an_index_study_with_another_order_is_a_usage_error() -> None:
    result = runner.invoke(
        app, ["translate", str(REVIEW), "--order", "alphabetical", "--index-study", "beta2012"]
    )
    assert result.exit_code == 2
    assert "--index-study applies only to the index order" in result.stderr


def test_a_bad_format_is_a_usage_error() -> None:
    result = runner.invoke(app, ["translate", str(REVIEW), "--format", "xml"])
    assert result.exit_code == 2


def test_refuses_a_review_with_errors(base_review: Path) -> None:
    study = base_review / "studies" / "beta2012.yaml"
    study.write_text(study.read_text() + "colour: blue\n")
    result = runner.invoke(app, ["translate", str(base_review)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "studies/beta2012.yaml:13:1: error ME101 unknown key `colour`; "
        "allowed here: id, name, references, context, appraisal, concepts, extracted_by, appraised_by",
        "2 studies, 2 concepts: 1 error, 0 warnings",
        "metaethno: not running translate: the review has errors; fix them and run again",
    ]


def test_a_missing_review_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["translate", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no such folder" in result.stderr


def test_output_writes_a_file_and_refuses_to_overwrite_it(tmp_path: Path) -> None:
    target = tmp_path / "grid.out"  # a suffix that names no format
    first = runner.invoke(app, ["translate", str(REVIEW), "-f", "csv", "-o", str(target)])
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert target.read_text() == translate("-f", "csv")

    again = runner.invoke(app, ["translate", str(REVIEW), "-f", "json", "-o", str(target)])
    assert again.exit_code == 2
    assert again.stderr == f"metaethno: {target}: already exists; pass --force to overwrite it\n"
    assert target.read_text() == translate("-f", "csv")

    forced = runner.invoke(
        app, ["translate", str(REVIEW), "-f", "json", "-o", str(target), "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert json.loads(target.read_text())["version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["grid.out"]


@pytest.mark.parametrize(
    ("name", "output_format"),
    [
        ("grid.csv", "csv"),
        ("grid.CSV", "csv"),
        ("tables.json", "json"),
        ("grid.markdown", "markdown"),
        ("grid.txt", "table"),
        ("grid.out", "markdown"),
    ],
)
def test_the_output_file_suffix_chooses_the_format(
    tmp_path: Path, name: str, output_format: str
) -> None:
    target = tmp_path / name
    result = runner.invoke(app, ["translate", str(REVIEW), "-o", str(target)], env=ENV)
    assert result.exit_code == 0, result.output
    assert target.read_text() == translate("-f", output_format)


def test_a_format_that_contradicts_the_suffix_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "grid.csv"
    result = runner.invoke(app, ["translate", str(REVIEW), "-f", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: --format json does not match the output file {target}, which is csv by "
        "its suffix; drop --format or change the file name\n"
    )
    assert not target.exists()


def test_output_defaults_to_markdown(tmp_path: Path) -> None:
    target = tmp_path / "grid.md"
    result = runner.invoke(app, ["translate", str(REVIEW), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text() == translate("-f", "markdown")


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the command as a shell would, with a controlled environment."""
    command = [sys.executable, "-m", "metaethno", *args]
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(command, env=base | env, capture_output=True, text=True, check=False)


def test_colour_only_when_asked_for_and_never_with_no_color() -> None:
    piped = run_cli("translate", str(REVIEW), "-f", "table", env={})
    assert piped.returncode == 0, piped.stderr
    assert "\x1b[" not in piped.stdout
    forced = run_cli("translate", str(REVIEW), "-f", "table", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    refused = run_cli(
        "translate", str(REVIEW), "-f", "table", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert "\x1b[" not in refused.stdout


def test_the_bundled_example_translates() -> None:
    result = runner.invoke(app, ["translate", str(TESTS.parent), "-f", "json"], env=ENV)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["order"]["method"] == "index"
    assert len(document["studies"]) == len(list((TESTS.parent / "studies").glob("*.yaml")))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile.texts_for_a_review)
def test_json_parses_back_to_what_was_written(texts: list[str]) -> None:
    review = hostile.review(texts)
    tables = analyse(review).translation
    document = json.loads(render_json(tables, View()))
    labels = {row["concept"]: row["label"] for row in document["grid"]}
    assert labels == {c.id: c.label for c in review.concepts.values() if c.translations}
    notes = [row["note"] for row in document["refutations"]]
    assert notes == [review.concepts["trust"].translations[1].note]


def test_groups_follow_the_sequence_and_rows_their_includes_order() -> None:
    review = review_of(
        {"s1": ["x", "w", "z", "y", "v"], "s2": ["w", "y"], "s3": []},
        refutes={"s3": ["x", "y"]},
        includes={"c": ["z", "y"], "b": ["x", "w"]},
        concepts=["a"],
        sequence=["c", "v", "b"],
    )
    tables = analyse(review).translation
    assert [row.concept.id for row in tables.grid.rows] == ["z", "y", "v", "x", "w"]
    assert [row.concept.id for row in tables.refutations] == ["y", "x"]
    assert [c.id for c in tables.cumulative[0].introduced] == ["z", "y", "v", "x", "w"]
    long_order = [row.concept.id for row in tables.long_rows]
    assert list(dict.fromkeys(long_order)) == ["z", "y", "v", "x", "w"]
    csv_rows = translate_csv(review).splitlines()[1:]
    assert [line.split(",")[:2] for line in csv_rows] == [
        ["C", "Z"],
        ["C", "Y"],
        ["", "V"],
        ["B", "X"],
        ["B", "W"],
    ]


def test_every_part_of_the_synthesis_lists_the_concepts_in_one_order() -> None:
    review = review_of(
        {"s1": ["x", "w", "z", "y", "v"], "s2": ["w", "y"], "s3": []},
        includes={"c": ["z", "y"], "b": ["x", "w"]},
        sequence=["c", "v", "b"],
    )
    synthesis = analyse(review)
    assert synthesis.concept_ids == ("z", "y", "c", "v", "x", "w", "b")
    translated = [c for c in synthesis.concept_ids if review.concepts[c].translations]
    assert [row.concept.id for row in synthesis.translation.grid.rows] == translated
    assert [f.concept.id for f in synthesis.findings] == list(synthesis.concept_ids)
    assert [c.id for c in synthesis.relatedness.grid.concepts] == translated


def test_the_third_order_table_gives_every_construct_its_interpretation_and_studies() -> None:
    rows = analyse(REVIEW_DATA).translation.third_order
    assert [(row.concept.id, [s.id for s in row.studies]) for row in rows] == [
        ("being-heard", ["beta2012", "alpha2010a", "alpha2010b"]),
        ("trust", ["beta2012", "alpha2010a"]),
        ("relationships", ["beta2012", "alpha2010a", "alpha2010b"]),
    ]
    top = rows[-1]
    assert top.interpretation == "Being heard and trust together make a relationship of care."
    assert [c.id for c in top.includes] == ["being-heard", "trust"]
    assert [(study.id, entry.concept.id) for study, entry in rows[1].constructs][-1] == (
        "alpha2010b",
        "blind-faith",
    )


def translate_csv(review: Review) -> str:
    return render_csv(analyse(review).translation, View())


def cumulative_of(introduced_at: list[int]) -> tuple[CumulativeRow, ...]:
    """Cumulative rows, one per study, each introducing as many concepts as `introduced_at`
    gives."""
    column = StudyColumn("s", "S", ())
    rows = []
    for count in introduced_at:
        new = tuple(Named(f"c{i}", f"C{i}") for i in range(count))
        rows.append(CumulativeRow(column, new, (), (), count))
    return tuple(rows)


def test_the_count_levels_off_only_when_the_last_third_adds_nothing() -> None:
    assert plateau(cumulative_of([3, 1, 1, 1, 0, 0])) == 2
    assert plateau(cumulative_of([3, 1, 1, 1, 1, 0])) is None
    # every concept at the first study: nothing levelled off, it never rose
    assert plateau(cumulative_of([5, 0, 0, 0, 0, 0])) is None
    # four studies are too few to tell
    assert plateau(cumulative_of([2, 1, 0, 0])) is None
    legend = cumulative_legend(cumulative_of([4, 0, 0, 0]))
    assert legend.startswith("A reconstruction: the final concepts replayed study by study")
    assert "level" not in legend


def test_the_run_of_studies_adding_nothing_is_counted_in_full() -> None:
    # the last third is 3 studies, but the last 6 add nothing
    assert plateau(cumulative_of([2, 1, 1, 0, 0, 0, 0, 0, 0])) == 6
    legend = cumulative_legend(cumulative_of([2, 1, 1, 0, 0, 0, 0, 0, 0]))
    assert legend.endswith(" Concepts so far levels off: the last 6 studies add no new concept.")


@pytest.mark.parametrize(
    ("introduced_at", "ending"),
    [
        (
            [5, 0, 0, 0, 0, 0],
            "does not level off: it never rises, as the first study introduces every concept.",
        ),
        ([3, 1, 1, 1, 1, 1], "does not level off: the last study adds a new concept."),
        (
            [3, 1, 1, 1, 1, 1, 1, 1, 0],
            "does not level off: only the last study adds no new concept, fewer than the last "
            "third of the studies (3).",
        ),
    ],
)
def test_a_count_that_does_not_level_off_is_told_truly(
    introduced_at: list[int], ending: str
) -> None:
    assert cumulative_legend(cumulative_of(introduced_at)).endswith(" Concepts so far " + ending)
