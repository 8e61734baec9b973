"""`check --format github` writes a Markdown job summary to GITHUB_STEP_SUMMARY."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from metaethno.cli import app
from metaethno.render.diagnostics import Summary, format_github_summary
from metaethno.review.diagnostics import Diagnostic, Severity

runner = CliRunner()
DOCS = "https://github.com/metaethno/metaethno/blob/main/docs/checks.md"


def diagnostic(message: str, path: str = "studies/a.yaml", code: str = "ME101") -> Diagnostic:
    return Diagnostic(path, 3, 5, code, Severity.ERROR, message)


def test_summary_has_counts_and_a_row_per_problem() -> None:
    found = [
        diagnostic("unknown key `lable`; did you mean `label`?"),
        Diagnostic("studies/b.yaml", 9, 9, "ME301", Severity.WARNING, "not translated"),
    ]
    text = format_github_summary(found, Summary.of(found, studies=2, concepts=1))
    assert text == (
        "## metaethno check\n\n"
        "**2 studies, 1 concept: 1 error, 1 warning**\n\n"
        "| severity | file | line | column | code | message |\n"
        "| -------- | -------------- | ----: | ------: | ---------------------------------------- | ---------------------------------------- |\n"
        f"| error | studies/a.yaml | 3 | 5 | [ME101]({DOCS}#me101) | "
        "unknown key \\`lable\\`; did you mean \\`label\\`? |\n"
        f"| warning | studies/b.yaml | 9 | 9 | [ME301]({DOCS}#me301) | not translated |\n\n"
    )


def test_cells_are_escaped_so_the_table_holds() -> None:
    found = [diagnostic("a | b\nc <script>", path="studies/x|y.yaml")]
    row = format_github_summary(found, Summary.of(found, 1, 0)).splitlines()[-2]
    assert row == (
        f"| error | studies/x\\|y.yaml | 3 | 5 | [ME101]({DOCS}#me101) | "
        "a \\| b ¶ c &lt;script&gt; |"
    )


def test_no_problems_is_one_line() -> None:
    text = format_github_summary([], Summary(2, 2, 0, 0))
    assert text == "## metaethno check\n\n**2 studies, 2 concepts: no problems**\n\n"


def test_a_summary_too_large_for_github_counts_the_rest() -> None:
    found = [diagnostic(f"problem {n}") for n in range(100)]
    text = format_github_summary(found, Summary.of(found, 1, 0), limit=2_000)
    shown = text.count("| error |")
    assert 0 < shown < 100
    assert text.endswith(
        f"{100 - shown} more problems not shown here: the job's log lists every one.\n\n"
    )
    assert len(text.encode()) < 2_500


def add_unknown_key(review: Path) -> None:
    study = review / "studies" / "beta2012.yaml"
    study.write_text(study.read_text() + "colour: blue\n")


def test_check_appends_the_summary_on_github(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_unknown_key(base_review)
    summary_file = tmp_path / "step_summary.md"
    summary_file.write_text("# Earlier step\n\n")
    monkeypatch.chdir(base_review.parent)
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary_file)}
    result = runner.invoke(app, ["check", "review"], env=env)
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=review/studies/beta2012.yaml,line=13,col=1,")
    assert summary_file.read_text() == (
        "# Earlier step\n\n"
        "## metaethno check\n\n"
        "**2 studies, 2 concepts: 1 error, 0 warnings**\n\n"
        "| severity | file | line | column | code | message |\n"
        "| -------- | ---------------------------- | ----: | ------: | ---------------------------------------- | ---------------------------------------- |\n"
        f"| error | review/studies/beta2012.yaml | 13 | 1 | [ME101]({DOCS}#me101) | "
        "unknown key \\`colour\\`; allowed here: id, name, references, context, appraisal, concepts, extracted\\_by, appraised\\_by |\n\n"
    )


def test_clean_review_still_gets_a_summary(base_review: Path, tmp_path: Path) -> None:
    summary_file = tmp_path / "step_summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary_file)}
    result = runner.invoke(app, ["check", str(base_review), "--format", "github"], env=env)
    assert result.exit_code == 0
    assert "no problems" in summary_file.read_text()


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_other_formats_leave_the_summary_alone(
    base_review: Path, tmp_path: Path, output_format: str
) -> None:
    summary_file = tmp_path / "step_summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary_file)}
    runner.invoke(app, ["check", str(base_review), "--format", output_format], env=env)
    assert not summary_file.exists()


def test_without_the_variable_nothing_is_written(base_review: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", str(base_review), "--format", "github"], env={"GITHUB_STEP_SUMMARY": ""}
    )
    assert result.exit_code == 0
    assert list(tmp_path.glob("*.md")) == []


def test_unwritable_summary_is_a_warning_not_a_failure(base_review: Path, tmp_path: Path) -> None:
    env = {"GITHUB_STEP_SUMMARY": str(tmp_path / "no-such-folder" / "summary.md")}
    result = runner.invoke(app, ["check", str(base_review), "--format", "github"], env=env)
    assert result.exit_code == 0
    assert "warning: cannot append the job summary" in result.stderr
    assert "Traceback" not in result.output
