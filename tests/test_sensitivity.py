"""Sensitivity analysis: `translate --exclude-rating` and `--exclude-study`, and the report's
section on the studies rated low."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from metaethno.cli import app

runner = CliRunner()
LEAVE_OUT_BOTH = ("--exclude-study", "alpha2010", "--exclude-study", "beta2012")


def low_rated(review: Path) -> Path:
    """The base review with alpha2010 rated low."""
    alpha = review / "studies" / "alpha2010.yaml"
    alpha.write_text(alpha.read_text().replace("rating: moderate", "rating: low"))
    return review


def test_exclude_rating_recomputes_the_tables_without_those_studies(base_review: Path) -> None:
    result = runner.invoke(
        app, ["translate", str(low_rated(base_review)), "-f", "json", "--exclude-rating", "low"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["left_out"] == ["alpha2010"]
    assert [s["id"] for s in document["studies"]] == ["beta2012"]
    assert [row["supporting_studies"] for row in document["grid"]] == [1, 1]


def test_exclude_study_is_named_above_the_tables(base_review: Path) -> None:
    result = runner.invoke(
        app, ["translate", str(base_review), "-f", "markdown", "--exclude-study", "beta2012"]
    )
    assert result.exit_code == 0, result.output
    assert "\n\nSensitivity analysis: these tables leave out Beta 2012.\n\n" in result.stdout
    assert "| Concept | Alpha 2010 | n |" in result.stdout


def test_an_unknown_study_to_leave_out_is_a_usage_error(base_review: Path) -> None:
    result = runner.invoke(app, ["translate", str(base_review), "--exclude-study", "beta2013"])
    assert result.exit_code == 2
    assert result.stderr == (
        "metaethno: no study `beta2013` to leave out; did you mean `beta2012`?\n"
    )


def test_the_report_says_which_concepts_lean_on_studies_rated_low(base_review: Path) -> None:
    report = runner.invoke(app, ["report", str(low_rated(base_review))]).stdout
    section = report.split("## Sensitivity analysis: studies rated low left out\n\n", 1)[1]
    assert section.startswith(
        "The synthesis again without the 1 study rated low in the appraisal (Alpha 2010)"
    )
    assert "| Being heard | 2 | 1 | rests on one study |" in section
    assert "| Trust | 2 | 1 | rests on one study |" in section


def test_no_section_when_no_study_is_rated_low(base_review: Path) -> None:
    report = runner.invoke(app, ["report", str(base_review)]).stdout
    assert "Sensitivity analysis" not in report


def index_order(review: Path, index: str) -> Path:
    """The review translated in index order, `index` first."""
    config = review / "metaethno.yaml"
    config.write_text(
        config.read_text().replace(
            "translation_order: chronological",
            f"translation_order: index\nindex_study: {index}\norder_rationale: It is richest.",
        )
    )
    return review


def test_leaving_out_the_index_study_falls_back_to_chronological_order(
    base_review: Path,
) -> None:
    review = index_order(base_review, "beta2012")
    result = runner.invoke(
        app, ["translate", str(review), "-f", "markdown", "--exclude-study", "beta2012"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "\n\nSensitivity analysis: these tables leave out Beta 2012.\n\n"
        "Studies are translated into one another in chronological order, by the year of "
        "their first paper, then id. The index study, beta2012, is left out, so chronological "
        "order is used instead.\n\n"
    ) in result.stdout


def test_leaving_out_the_low_rated_index_study_falls_back_too(base_review: Path) -> None:
    review = index_order(low_rated(base_review), "alpha2010")
    result = runner.invoke(app, ["translate", str(review), "-f", "json", "--exclude-rating", "low"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["order"] == {"method": "chronological", "index_study": None}
    assert [s["id"] for s in document["studies"]] == ["beta2012"]


def test_the_studies_left_out_are_named_in_translation_order(base_review: Path) -> None:
    review = index_order(base_review, "beta2012")
    result = runner.invoke(
        app,
        ["translate", str(review), "-f", "markdown", *LEAVE_OUT_BOTH],
    )
    assert result.exit_code == 0, result.output
    assert "Sensitivity analysis: these tables leave out Beta 2012, Alpha 2010.\n" in result.stdout


def test_tables_emptied_by_leaving_out_studies_say_so(base_review: Path) -> None:
    result = runner.invoke(
        app,
        ["translate", str(base_review), "-f", "markdown", *LEAVE_OUT_BOTH],
    )
    assert result.exit_code == 0, result.output
    assert (
        "## Translation grid\n\nNo synthesised concept has translations of the studies kept.\n"
        in (result.stdout)
    )
    assert "has translations yet" not in result.stdout
    assert "## Cumulative translation\n\nNo studies are kept.\n" in result.stdout
