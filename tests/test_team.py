"""The review team: `team` in metaethno.yaml, `extracted_by` and `appraised_by` on studies."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from metaethno.cli import app
from test_schema import validation_errors

runner = CliRunner()

TEAM = """\
team:
  - {id: sa, name: "Ahmed, S.", role: first reviewer}
  - {id: rc, name: "Clarke, R."}
"""


def with_team(review: Path, extracted: dict[str, str], appraised: dict[str, str]) -> Path:
    """`review` with TEAM and each study's `extracted_by` and `appraised_by` lines."""
    config = review / "metaethno.yaml"
    config.write_text(config.read_text() + TEAM)
    for study_id in ("alpha2010", "beta2012"):
        path = review / "studies" / f"{study_id}.yaml"
        lines = [f"extracted_by: {extracted[study_id]}"] if study_id in extracted else []
        lines += [f"appraised_by: {appraised[study_id]}"] if study_id in appraised else []
        path.write_text(path.read_text() + "".join(line + "\n" for line in lines))
    return review


def test_the_report_counts_the_studies_each_reviewer_extracted_and_appraised(
    base_review: Path,
) -> None:
    with_team(base_review, {"alpha2010": "[sa, rc]", "beta2012": "[rc]"}, {"alpha2010": "[sa]"})
    result = runner.invoke(app, ["report", str(base_review)])
    assert result.exit_code == 0, result.output
    start = result.stdout.index("## Methods")
    end = result.stdout.index("## Included studies")
    assert result.stdout[start:end] == (
        "## Methods\n\n"
        "### Review team\n\n"
        "| Reviewer | Role | Studies extracted | Studies appraised |\n"
        "| ---------- | -------------- | -----------------: | -----------------: |\n"
        "| Ahmed, S. | first reviewer | 1 | 1 |\n"
        "| Clarke, R. |  | 2 | 0 |\n\n"
        "Of 2 studies, 2 name who extracted them (1 by more than one reviewer) and 1 who "
        "appraised them.\n\n"
    )


def test_a_review_without_a_team_has_no_methods_section(base_review: Path) -> None:
    result = runner.invoke(app, ["report", str(base_review)])
    assert result.exit_code == 0, result.output
    assert "## Methods" not in result.stdout


def test_check_accepts_known_reviewers(base_review: Path) -> None:
    with_team(base_review, {"alpha2010": "[sa]"}, {"beta2012": "[rc, sa]"})
    result = runner.invoke(app, ["check", str(base_review)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_the_schema_describes_the_team_and_who_extracted_a_study(base_review: Path) -> None:
    with_team(base_review, {"alpha2010": "[sa]"}, {"alpha2010": "[rc]"})
    schemas = json.loads(runner.invoke(app, ["schema"]).stdout)
    for name, path in (
        ("metaethno.schema.json", base_review / "metaethno.yaml"),
        ("study.schema.json", base_review / "studies" / "alpha2010.yaml"),
    ):
        assert validation_errors(schemas[name], path.read_text()) == []
    team = schemas["metaethno.schema.json"]["properties"]["team"]
    assert team["description"].startswith("The reviewers")
    bad = {"id": "x", "references": [], "concepts": [], "extracted_by": ["Not An Id"]}
    errors = jsonschema.Draft7Validator(schemas["study.schema.json"]).iter_errors(bad)
    assert any(list(error.path) == ["extracted_by", 0] for error in errors)
