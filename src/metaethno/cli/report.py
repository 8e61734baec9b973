"""`metaethno report`: the whole synthesis as one Markdown document, web page or Word file."""

from __future__ import annotations

import os
import shlex
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from metaethno.cli.core import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Force,
    HelpCommand,
    OutputFile,
    ReviewDir,
    app,
    checked_review,
    fail,
    handles_errors,
)
from metaethno.cli.outputs import output_format, prepare_output, write_result
from metaethno.cli.progress import step


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


REPORT_SUFFIXES = {
    ".md": ReportFormat.markdown,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".docx": ReportFormat.docx,
}


class ChecklistFormat(StrEnum):
    markdown = "markdown"
    csv = "csv"


@app.command(cls=HelpCommand)
@handles_errors
def report(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    review_dir: ReviewDir = Path(),
    output: OutputFile = None,
    given_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown, html (one self-contained web page) or docx (Word; needs the docx "
            "extra). By default the format of --output's or --check's suffix (.md, .html, "
            ".docx), else markdown.",
            show_default=False,
        ),
    ] = None,
    check_file: Annotated[
        Path | None,
        typer.Option(
            "--check",
            metavar="FILE",
            help="Compare the report with FILE instead of writing it: exit 0 if FILE is up "
            "to date, 1 with a unified diff if it is stale.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    stamp: Annotated[
        bool,
        typer.Option("--stamp", help="Add a line 'Generated on YYYY-MM-DD by metaethno VERSION'."),
    ] = False,
    with_history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Add the appendix 'Audit trail of translation decisions' from the review's "
            "git history (see `metaethno history`).",
        ),
    ] = False,
    checklist: Annotated[
        bool,
        typer.Option(
            "--checklist",
            help="Print or write only the eMERGe reporting checklist: each criterion and the "
            "report's heading that shows it, or 'not reported' (docs/reporting.md).",
        ),
    ] = False,
    checklist_format: Annotated[
        ChecklistFormat | None,
        typer.Option(
            "--checklist-format",
            help="markdown or csv; by default csv for an --output ending in .csv, else markdown.",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
) -> None:
    """Render the whole synthesis as one Markdown document, web page or Word file.

    The web page (--format html) and the Word file (--format docx) show the
    Markdown report's content, with the diagrams drawn as images.

    The same review gives the same bytes (no date unless --stamp), so a
    committed report can be kept current with --check in CI. Refuses a review
    with errors (exit 1). The documentation (docs/report.md in the source)
    describes every section.
    """
    from datetime import date

    from metaethno.analysis.synthesis import analyse
    from metaethno.render.output import read_existing, unified_diff
    from metaethno.render.report import checklist_text, render_report

    if output is not None and check_file is not None:
        raise fail("give --output to write the report or --check to compare it, not both")
    if checklist_format is not None and not checklist:
        raise fail("--checklist-format is the format of --checklist; add --checklist")
    if checklist and check_file is not None:
        raise fail("--check compares the whole report; print the checklist without it")
    chosen = output_format(
        given_format, output or check_file, REPORT_SUFFIXES, ReportFormat.markdown
    )
    if checklist and given_format not in (None, ReportFormat.markdown):
        raise fail("--checklist is written as Markdown or CSV: see --checklist-format")
    if chosen is ReportFormat.docx:
        _require_docx(check_file, output)
    protected = prepare_output(review_dir, output, force)
    review = checked_review(review_dir, "report")
    if checklist:
        as_csv = checklist_format == ChecklistFormat.csv or (
            checklist_format is None and output is not None and output.suffix.lower() == ".csv"
        )
        write_result(output, checklist_text(analyse(review), as_csv), force, protected)
        return
    # the included files' links start from the folder the report is written to
    written_to = (check_file or output or Path("report.md")).absolute().parent
    base = Path(os.path.relpath(review_dir.absolute(), written_to)).as_posix()
    with step("Building the report"):
        text = render_report(
            analyse(review), generated_on=date.today() if stamp else None, base=base
        )
    if with_history:
        from metaethno.interop.history import review_history
        from metaethno.render.history import render_markdown

        text += "\n" + render_markdown(review_history(review_dir), level=2).rstrip("\n") + "\n"
    if chosen is ReportFormat.html:
        from metaethno.render.html import render_html

        text = render_html(text)
    if check_file is None:
        if chosen is ReportFormat.docx:
            from metaethno.render.docx import render_docx

            with step("Building the Word document"):
                document = render_docx(text)
            write_result(output, document, force, protected)
            return
        write_result(output, text, force, protected)
        return
    existing = read_existing(check_file)
    if existing == text:
        typer.echo(f"{check_file} is up to date", err=True)
        raise typer.Exit(EXIT_OK)
    sys.stdout.write(unified_diff(existing or "", text, check_file))
    state = "does not exist" if existing is None else "is out of date"
    command = ["metaethno", "report", str(review_dir), "-o", str(check_file), "--force"]
    typer.echo(f"{check_file} {state}; write it with: {shlex.join(command)}", err=True)
    raise typer.Exit(EXIT_PROBLEMS)


def _require_docx(check_file: Path | None, output: Path | None) -> None:
    """Fail early, before the review is read, where a Word report cannot be made."""
    from metaethno.review.extras import MissingExtraError, require

    if check_file is not None:
        raise fail("--check compares a Markdown or HTML report; a .docx cannot be compared")
    try:
        require("docx", "docx", "report --format docx", package="python-docx, Pillow")
        require("docx", "PIL", "report --format docx", package="python-docx, Pillow")
    except MissingExtraError as error:
        raise fail(f"{error} (or use --format html)") from None
    if output is None and sys.stdout.isatty():
        raise fail("a Word document is binary, not for the terminal; give -o FILE.docx")
