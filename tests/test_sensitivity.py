"""Sensitivity analysis: `translate --exclude-rating` and `--exclude-study`, and the report's
section on the studies rated low."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from metaethno.cli import app

runner = CliRunner()


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
