"""Quality appraisal in the report: the tool and its version, comments and CASP's free-text
question 10, JBI's not-applicable answers and questions, and the rule that gives the rating."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from metaethno.cli import app

runner = CliRunner()

ALPHA = """\
appraisal:
  tool: CASP
  version: "2018"
  answers: {1: yes, 2: no, 3: cant_tell}
  comments:
    2: Survey methods for a question about meaning.
    10: Valuable for clinics that triage by telephone.
  rating: moderate
"""

BETA = """\
appraisal:
  tool: JBI
  answers: {1: cant_tell, 10: not_applicable}
  rating: low
"""


def appraised(review: Path) -> Path:
    alpha = review / "studies" / "alpha2010.yaml"
    text = alpha.read_text()
    start, end = text.index("appraisal:\n"), text.index("concepts:\n")
    alpha.write_text(text[:start] + ALPHA + text[end:])
    beta = review / "studies" / "beta2012.yaml"
    beta.write_text(beta.read_text().replace("concepts:\n", BETA + "concepts:\n"))
    config = review / "metaethno.yaml"
    config.write_text(config.read_text() + "appraisal_rule: Low when analysis is unclear.\n")
    return review


def test_the_report_shows_tool_version_comments_rule_and_each_tools_questions(
    base_review: Path,
) -> None:
    result = runner.invoke(app, ["check", str(appraised(base_review))])
    assert result.exit_code == 0, result.output
    report = runner.invoke(app, ["report", str(base_review)]).stdout
    section = report.split("### Quality appraisal\n\n", 1)[1].split("\n## ", 1)[0]
    assert section.startswith("**Rating rule:** Low when analysis is unclear.\n\n")
    # one table per tool: JBI's question 10 is not CASP's
    assert (
        "Appraised with CASP 2018:\n\n"
        "| Study | 1 | 2 | 3 | Rating |\n"
        "| ---------- | --- | --- | ---------- | -------- |\n"
        "| Alpha 2010 | Yes | No | Can't tell | Moderate |\n\n"
        "Appraised with JBI:\n\n"
        "| Study | 1 | 10 | Rating |\n"
        "| --------- | ---------- | -------------- | ------ |\n"
        "| Beta 2012 | Can't tell | Not applicable | Low |\n\n"
    ) in section
    assert (
        "- **Alpha 2010**, question 2: Survey methods for a question about meaning.\n"
        "- **Alpha 2010**, question 10: Valuable for clinics that triage by telephone.\n"
    ) in section
    assert "Questions of the CASP qualitative checklist:\n\n- 1: " in section
    assert "- 10: How valuable is the research?" in section
    assert (
        "Questions of the JBI checklist for qualitative research:\n\n"
        "- 1: Is there congruity between the stated philosophical perspective and the "
        "research methodology?\n"
    ) in section


def test_the_appraisal_csv_gives_each_tool_its_own_columns(
    base_review: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["export", "csv", str(appraised(base_review)), str(tmp_path / "tables")]
    )
    assert result.exit_code == 0, result.output
    with (tmp_path / "tables" / "appraisal.csv").open(newline="") as file:
        header, alpha, beta = csv.reader(file)
    casp = [f"CASP Q{q}" for q in range(1, 11)]
    jbi = [f"JBI Q{q}" for q in range(1, 11)]
    assert header == [
        "Study ID",
        "Study",
        "Tool",
        "Version",
        *casp,
        *jbi,
        "Comments",
        "Rating",
        "Notes",
    ]
    assert alpha[4:7] == ["Yes", "No", "Can't tell"]
    assert alpha[14:24] == [""] * 10
    assert beta[4:14] == [""] * 10
    assert beta[14:24] == ["Can't tell", *[""] * 8, "Not applicable"]
