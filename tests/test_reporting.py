"""The reportable review: `methods` in metaethno.yaml, the report as a paper, the PRISMA flow
diagram and the eMERGe checklist (docs/reporting.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from markdown_reading import headings, outside_fences
from metaethno.cli import app
from metaethno.render.included import include
from metaethno.render.prisma import flow_chart
from metaethno.review.methods import Flow, Source

runner = CliRunner()

FLOW = """\
  flow:
    identified:
      - {name: MEDLINE, records: 60}
      - {name: CINAHL, records: 40}
    duplicates_removed: 20
    screened: 80
    excluded_at_screening: 70
    sought: 10
    not_retrieved: 1
    assessed: 9
    excluded:
      - {reason: not qualitative, reports: 5}
      - {reason: not in the UK, reports: 2}
    studies_included: 2
    reports_included: 2
  excluded_studies:
    - {reference: "Lee, K. (2016). Trust in care.", reason: not qualitative}
"""


def run(*args: str | Path) -> str:
    result = runner.invoke(app, [str(arg) for arg in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def with_methods(review: Path, methods: str, files: dict[str, str] | None = None) -> Path:
    config = review / "metaethno.yaml"
    config.write_text(config.read_text() + "methods:\n" + methods)
    for name, text in (files or {}).items():
        (review / name).parent.mkdir(parents=True, exist_ok=True)
        (review / name).write_text(text)
    return review


def test_a_review_without_methods_keeps_its_report(base_review: Path) -> None:
    """`reporting: emerge` alone adds no warning of its own to the report, and changes
    nothing in it: only `methods` makes the report a paper."""
    before = run("report", base_review)
    config = base_review / "metaethno.yaml"
    config.write_text(config.read_text() + "reporting: emerge\n")
    assert run("report", base_review) == before
    assert headings(before)[1:3] == [
        "## Included studies",
        "### Characteristics of included studies",
    ]
    assert "eMERGe" not in before


def test_without_reporting_emerge_nothing_new_is_checked(base_review: Path) -> None:
    with_methods(base_review, "  rationale: Why.\n")
    assert run("check", base_review) == ""


def test_inline_and_file_text_in_their_sections(base_review: Path) -> None:
    with_methods(
        base_review,
        "  rationale: No synthesis *asked* this | yet.\n"
        "  search_strategy: {file: methods/search.md}\n",
        {"methods/search.md": "MEDLINE and CINAHL, 2000 to 2024, with *these* strings.\n"},
    )
    text = run("report", base_review)
    assert (
        "## Introduction\n\n### Rationale and context\n\nNo synthesis \\*asked\\* this \\| yet.\n\n"
        in text
    )
    assert (
        "## Methods\n\n### Search strategy\n\nMEDLINE and CINAHL, 2000 to 2024, with *these* "
        "strings.\n\n## Findings\n\n" in text
    )


def test_the_report_is_ordered_as_a_paper(base_review: Path) -> None:
    with_methods(
        base_review,
        "  rationale: R.\n  search_strategy: S.\n  reading_and_extraction: E.\n"
        "  comparison_with_literature: C.\n  reflexivity: X.\n" + FLOW,
    )
    assert [h for h in headings(run("report", base_review)) if not h.startswith("#### ")] == [
        "# A small review for tests",
        "## Introduction",
        "### Rationale and context",
        "### Review question",
        "## Methods",
        "### Search strategy",
        "### Reading and data extraction",
        "## Findings",
        "### Outcome of study selection",
        "### Included studies",
        "### How the studies are related",
        "### Translation",
        "### Line of argument",
        "### Framework: Socio-ecological model",
        "## Discussion",
        "### Findings and existing literature",
        "### Reflexivity",
        "## Appendix: study concepts not translated",
        "## Appendix: eMERGe reporting checklist",
    ]


def test_the_flow_diagram_and_its_table(base_review: Path) -> None:
    text = run("report", with_methods(base_review, FLOW))
    assert (
        "```mermaid\nflowchart TD\n"
        '  identified["Records identified (n = 100)<br>MEDLINE (n = 60)<br>CINAHL (n = 40)"]\n'
        '  removed["Duplicate records removed before screening (n = 20)"]\n'
        '  screened["Records screened (n = 80)"]\n'
        '  screened_out["Records excluded (n = 70)"]\n'
        '  sought["Reports sought for retrieval (n = 10)"]\n'
        '  not_retrieved["Reports not retrieved (n = 1)"]\n'
        '  assessed["Reports assessed for eligibility (n = 9)"]\n'
        '  excluded["Reports excluded (n = 7)<br>not qualitative (n = 5)<br>not in the UK (n = 2)"]\n'
        '  included["Studies included in the review (n = 2)<br>Reports of included studies (n = 2)"]\n'
        "  identified --> screened --> sought --> assessed --> included\n"
    ) in text
    rows = [line for line in text.splitlines() if line.startswith("| Reports excluded")]
    assert rows == [
        "| Reports excluded | 7 |",
        "| Reports excluded: not qualitative | 5 |",
        "| Reports excluded: not in the UK | 2 |",
    ]
    assert "#### Studies excluded at full text" in text
    assert "| Lee, K. (2016). Trust in care. | not qualitative |" in text


def test_a_source_name_cannot_break_the_chart() -> None:
    flow = Flow(
        identified=[Source(name='A"] --> x["', records=1)],
        screened=1,
        sought=1,
        assessed=1,
        studies_included=1,
        reports_included=1,
    )
    first_box = flow_chart(flow).splitlines()[1]
    assert first_box == (
        '  identified["Records identified (n = 1)<br>A#quot;#93; --#gt; x#91;#quot; (n = 1)"]'
    )


CHECKLIST_METHODS = "  rationale: R.\n  strengths_and_limitations: S.\n" + FLOW


def test_checklist_as_markdown(base_review: Path) -> None:
    text = run("report", with_methods(base_review, CHECKLIST_METHODS), "--checklist")
    lines = text.splitlines()
    assert lines[0] == "# eMERGe reporting checklist"
    assert lines[4:7] == [
        "| 1 | Rationale and context for the meta-ethnography | Introduction | Rationale and context |",
        "| 2 | Aim(s) of the meta-ethnography | Introduction | not reported |",
        "| 3 | Focus of the meta-ethnography | Introduction | Review question |",
    ]
    assert lines[11] == "| 8 | Outcome of study selection | Findings | Outcome of study selection |"
    assert lines[-2:] == [
        "| 18 | Strengths, limitations, and reflexivity | Discussion | Strengths and limitations; "
        "not reported: methods.reflexivity |",
        "| 19 | Recommendations and conclusions | Discussion | not reported |",
    ]
    assert len(lines) == 4 + 19


def test_checklist_as_csv(base_review: Path, tmp_path: Path) -> None:
    review = with_methods(base_review, CHECKLIST_METHODS)
    text = run("report", review, "--checklist", "--checklist-format", "csv")
    assert text.splitlines()[:4] == [
        "Number,Criterion,Section,Reported in",
        "1,Rationale and context for the meta-ethnography,Introduction,Rationale and context",
        "2,Aim(s) of the meta-ethnography,Introduction,not reported",
        "3,Focus of the meta-ethnography,Introduction,Review question",
    ]
    assert len(text.splitlines()) == 20
    run("report", review, "--checklist", "-o", tmp_path / "checklist.csv")
    assert (tmp_path / "checklist.csv").read_text() == text


def test_the_checklist_appendix_links_each_heading(base_review: Path) -> None:
    text = run("report", with_methods(base_review, CHECKLIST_METHODS))
    assert "| 8 | Outcome of study selection | Findings | [Outcome of study selection]" in text
    assert "(#outcome-of-study-selection) |" in text
    assert "| 12 | Outcome of relating studies | Findings | not reported |" in text


HOSTILE = """\
# Not a section of the report

Setext heading
==============

<script>alert(1)</script>
<details><summary>Open</summary>
<!-- a comment never closed

See `<kept in code>` and [the strings](strings/medline.txt) and <https://example.org>.

```text
# not a heading
"""


def test_an_included_file_cannot_break_the_report(
    base_review: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its headings go below the section's, raw HTML is shown as text, and the code block it
    leaves open is closed before the report goes on. Printed, the report's links start from
    the current folder."""
    monkeypatch.chdir(base_review)
    with_methods(
        base_review,
        "  search_strategy: {file: methods/search.md}\n",
        {"methods/search.md": HOSTILE},
    )
    text = run("report", base_review)
    start = text.index("### Search strategy")
    assert text[start : text.index("## Findings")] == (
        "### Search strategy\n\n"
        "#### Not a section of the report\n\n"
        "#### Setext heading\n\n"
        "&lt;script>alert(1)&lt;/script>\n"
        "&lt;details>&lt;summary>Open&lt;/summary>\n"
        "&lt;!-- a comment never closed\n\n"
        "See `<kept in code>` and [the strings](methods/strings/medline.txt) and "
        "<https://example.org>.\n\n"
        "```text\n# not a heading\n\n```\n\n"
    )
    assert "<script" not in text
    assert [line for _, line in outside_fences(text) if line.startswith("## ")][-2:] == [
        "## Appendix: study concepts not translated",
        "## Appendix: eMERGe reporting checklist",
    ]


def test_relative_links_start_from_where_the_report_is_written(base_review: Path) -> None:
    with_methods(
        base_review,
        "  search_strategy: {file: methods/search.md}\n",
        {
            "methods/search.md": "[strings](strings.txt), ![flow](../figures/flow.png), [top](#aims)\n"
        },
    )
    written = base_review / "build" / "report.md"
    written.parent.mkdir()
    run("report", base_review, "-o", written)
    assert (
        "[strings](../methods/strings.txt), ![flow](../figures/flow.png), [top](#aims)"
        in written.read_text()
    )
    result = runner.invoke(app, ["report", str(base_review), "--check", str(written)])
    assert result.exit_code == 0, result.output


def test_include_caps_heading_levels() -> None:
    assert include("###### Deep\n", 3, "methods/a.md", "") == "###### Deep\n\n"


def test_a_review_with_a_missing_file_is_not_reported(base_review: Path) -> None:
    with_methods(base_review, "  aims: {file: methods/aims.md}\n")
    result = runner.invoke(app, ["report", str(base_review)])
    assert result.exit_code == 1
    assert "metaethno.yaml:12:16: error ME018 there is no file `methods/aims.md`" in result.stderr


def test_checklist_with_check_is_refused(base_review: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["report", str(base_review), "--checklist", "--check", str(tmp_path / "r.md")]
    )
    assert result.exit_code == 2
    assert "--check compares the whole report; print the checklist without it" in result.stderr
