"""The orders of construct and how studies are named: first-order quotes and observations, a
study concept's page, a study's `name`, and a translated concept without first-order data."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from metaethno.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_observations_are_named_and_quotes_quoted(base_review: Path) -> None:
    report = run("report", str(base_review))
    assert "  - “Nobody listened.” (Participant 1, p. 4)\n" in report
    assert "  - Observation: You learn to say less.\n" in report
    assert "Each concept below is a third-order construct: the reviewers' interpretation." in (
        report
    )
    assert "1 first-order item" not in report
    assert "4 first-order items (quotes and observations)" in report


def test_a_study_concept_shows_its_page(base_review: Path) -> None:
    study = base_review / "studies" / "beta2012.yaml"
    study.write_text(
        study.read_text().replace("    label: Dismissed\n", "    label: Dismissed\n    page: 17\n")
    )
    report = run("report", str(base_review))
    assert "- **Beta 2012**, *Dismissed* (p. 17)" in report


def test_a_named_study_heads_its_column_and_is_cited_by_name(base_review: Path) -> None:
    study = base_review / "studies" / "beta2012.yaml"
    study.write_text(
        study.read_text().replace("id: beta2012\n", "id: beta2012\nname: BETA trial\n")
    )
    translate = run("translate", str(base_review), "--format", "csv")
    assert translate.splitlines()[0] == "Higher-order concept,Concept,Alpha 2010,BETA trial,n"
    report = run("report", str(base_review))
    assert "- **BETA trial**, *Dismissed*" in report


def test_a_translated_concept_without_first_order_data_is_warned_about(base_review: Path) -> None:
    study = base_review / "studies" / "alpha2010.yaml"
    study.write_text(
        study.read_text().replace(
            "quotes: [{text: I wait to see what they do first.}]", "quotes: []"
        )
    )
    output = run("check", str(base_review))
    assert (
        "ME310 `alpha2010/wary` is translated into the synthesis but has no first-order data"
        in (output)
    )
