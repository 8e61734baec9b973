"""`metaethno report`: the document, its determinism, `--check`, and text that cannot break it."""

from __future__ import annotations

import shlex
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner

import hostile
from conftest import BASE_REVIEW, TESTS, UPDATE_GOLDEN, assert_golden
from markdown_reading import headings, outside_fences, tables
from metaethno import __version__
from metaethno.analysis.synthesis import analyse
from metaethno.checks.run import check_review
from metaethno.cli import app
from metaethno.render.report import render_report

GOLDEN = TESTS / "golden"
REVIEW = GOLDEN / "review"
EXAMPLE = TESTS.parent
EXAMPLE_REPORT = EXAMPLE / "docs" / "example-report.md"
PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")

runner = CliRunner()


def report(review: Path, *args: str) -> str:
    result = runner.invoke(app, ["report", str(review), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_golden() -> None:
    assert_golden(report(REVIEW), GOLDEN / "report.md")


def test_golden_of_the_smallest_review() -> None:
    """Sections without data (confidence, refutations) are left out, not shown empty."""
    text = report(BASE_REVIEW)
    assert_golden(text, GOLDEN / "report-base.md")
    assert "GRADE-CERQual" not in text
    assert "Refutational translations" not in text


def test_the_example_report_is_current() -> None:
    """docs/example-report.md is the bundled example's report; `make golden` rewrites it."""
    if UPDATE_GOLDEN:
        report(EXAMPLE, "-o", str(EXAMPLE_REPORT), "--force")
    result = runner.invoke(app, ["report", str(EXAMPLE), "--check", str(EXAMPLE_REPORT)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stderr == f"{EXAMPLE_REPORT} is up to date\n"


def test_every_table_of_the_example_report_is_rectangular() -> None:
    text = report(EXAMPLE)
    found = tables(text)
    assert len(found) >= 8
    for table in found:
        widths = {len(row) for row in table.rows}
        assert widths == {len(table.header)}, f"table at line {table.line}"


def test_the_same_review_gives_the_same_bytes() -> None:
    review = check_review(REVIEW).review
    assert render_report(analyse(review)) == render_report(analyse(review))
    assert report(REVIEW) == render_report(analyse(review))


def test_stamp_adds_the_date_and_version() -> None:
    review = check_review(REVIEW).review
    stamped = render_report(analyse(review), generated_on=date(2024, 5, 1))
    line = f"Generated on 2024-05-01 by metaethno {__version__}."
    assert line in stamped.splitlines()
    assert stamped.replace(line + "\n\n", "") == render_report(analyse(review))
    assert f"Generated on {date.today().isoformat()}" in report(REVIEW, "--stamp")


def test_check_reports_a_stale_file_with_a_diff(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text(report(REVIEW).replace("Being heard builds trust", "Trust is old"))
    result = runner.invoke(app, ["report", str(REVIEW), "--check", str(target)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"--- {target}\n+++ {target} (rendered now)\n@@ ")
    assert "-Trust is old, and both" in result.stdout
    assert "+Being heard builds trust, and both" in result.stdout
    assert result.stderr == (
        f"{target} is out of date; write it with: metaethno report {REVIEW} -o {target} --force\n"
    )


def test_the_command_to_write_a_stale_report_is_quoted_for_the_shell(tmp_path: Path) -> None:
    review = tmp_path / "my review"
    shutil.copytree(REVIEW, review)
    target = review / "it's stale.md"
    target.write_text("old\n")
    result = runner.invoke(app, ["report", str(review), "--check", str(target)])
    assert result.exit_code == 1
    command = result.stderr.removesuffix("\n").split("; write it with: ")[1]
    assert shlex.split(command) == [
        "metaethno",
        "report",
        str(review),
        "-o",
        str(target),
        "--force",
    ]
    written = runner.invoke(app, shlex.split(command)[1:])
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == report(REVIEW)


def test_check_of_a_missing_file_fails(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = runner.invoke(app, ["report", str(REVIEW), "--check", str(target)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{target} does not exist; write it with:")


def test_check_and_output_together_are_a_usage_error(tmp_path: Path) -> None:
    target = str(tmp_path / "report.md")
    result = runner.invoke(app, ["report", str(REVIEW), "-o", target, "--check", target])
    assert result.exit_code == 2
    assert "not both" in result.stderr


def test_output_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    first = runner.invoke(app, ["report", str(REVIEW), "-o", str(target)])
    assert first.exit_code == 0, first.output
    assert target.read_text() == report(REVIEW)
    again = runner.invoke(app, ["report", str(REVIEW), "-o", str(target)])
    assert again.exit_code == 2
    assert again.stderr == f"metaethno: {target}: already exists; pass --force to overwrite it\n"
    forced = runner.invoke(app, ["report", str(REVIEW), "-o", str(target), "--force"])
    assert forced.exit_code == 0, forced.output


def test_refuses_a_review_with_errors(tmp_path: Path) -> None:
    review = tmp_path / "review"
    shutil.copytree(REVIEW, review)
    (review / "concepts" / "trust.yaml").write_text("id: trust\nlabel: Trust\nincludes: [nope]\n")
    result = runner.invoke(app, ["report", str(review)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "error ME203" in result.stderr
    assert result.stderr.endswith(
        "metaethno: not running report: the review has errors; fix them and run again\n"
    )


def test_the_audit_appendix_lists_what_was_left_out() -> None:
    text = report(REVIEW)
    appendix = text[text.index("## Appendix") :]
    assert "| Alpha 2010a | `alpha2010a/waiting-room` | The waiting room |" in appendix


def test_hostile_text_is_shown_escaped() -> None:
    texts = ["x"] * hostile.TEXTS
    texts[2] = "# Owned | <script>alert(1)</script>\n> quoted `code`"  # the title
    text = render_report(analyse(hostile.review(texts)))
    assert text.startswith(
        "# \\# Owned \\| &lt;script&gt;alert(1)&lt;/script&gt; ¶ &gt; quoted \\`code\\`\n"
    )


def structure(markdown: str) -> list[str]:
    """The document's parsed structure: block and inline tokens, without their text."""

    def kinds(tokens: list[Token]) -> list[str]:
        found = []
        for token in tokens:
            if token.type in ("text", "softbreak"):
                continue
            found.append(f"{token.type}:{token.tag}")
            found += kinds(token.children or [])
        return found

    return kinds(PARSER.parse(markdown))


PLAIN_REPORT = render_report(analyse(hostile.PLAIN))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile.texts_for_a_review)
def test_hostile_text_never_changes_the_report_structure(texts: list[str]) -> None:
    text = render_report(analyse(hostile.review(texts)))
    for table in tables(text):
        assert {len(row) for row in table.rows} <= {len(table.header)}, table
    assert len(headings(text)) == len(headings(PLAIN_REPORT))
    assert all(line.startswith(("# ", "## ", "### ")) for line in headings(text))
    unescaped_hash = [line for _, line in outside_fences(text) if line.lstrip().startswith("#")]
    assert len(unescaped_hash) == len(headings(PLAIN_REPORT))
    assert "<script" not in text.lower()
    assert structure(text) == structure(PLAIN_REPORT)


@pytest.mark.parametrize(
    "review", [REVIEW, BASE_REVIEW, EXAMPLE], ids=["golden", "base", "example"]
)
def test_no_html(review: Path) -> None:
    """Not even `<br>`, which pandoc drops from Word and LaTeX."""
    html = [
        token.content
        for block in PARSER.parse(report(review))
        for token in [block, *(block.children or [])]
        if token.type in ("html_inline", "html_block")
    ]
    assert html == []
