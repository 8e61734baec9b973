"""`metaethno check`: report every problem of a review."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from metaethno.cli.core import (
    EXIT_OK,
    EXIT_PROBLEMS,
    HelpCommand,
    ReviewDir,
    app,
    handles_errors,
)

if TYPE_CHECKING:
    from metaethno.render.diagnostics import Summary
    from metaethno.review.diagnostics import Diagnostic


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command(cls=HelpCommand)
@handles_errors
def check(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    review_dir: ReviewDir = Path(),
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (path:line:col: severity CODE message), json, or github annotations; "
            "github is the default when GITHUB_ACTIONS is set, text otherwise.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Check every file of the review and report every problem.

    The review's metaethno.yaml may be given instead of its folder.

    Exits 0 when there are no errors (and, with --strict, no warnings), 1 when there are,
    and 2 when the review cannot be read at all. `metaethno rule CODE` explains a code.
    """
    from dataclasses import replace

    from metaethno.checks.run import check_review
    from metaethno.render.diagnostics import FAILURE_FORMATTERS, FORMATTERS, Summary
    from metaethno.review.loader import ReviewError, review_folder

    review_dir = review_folder(review_dir)
    chosen = output_format or (
        CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text
    )
    try:
        checked = check_review(review_dir)
    except ReviewError as error:
        # a program reading the output gets its format even now; the message goes to stderr too
        if chosen.value in FAILURE_FORMATTERS:
            sys.stdout.write(FAILURE_FORMATTERS[chosen.value](str(error)))
        raise
    review = checked.review
    diagnostics = checked.diagnostics
    if chosen is CheckFormat.github:
        # annotations need paths from the repository root, the folder the workflow runs in
        prefix = "" if review_dir == Path() else review_dir.as_posix().rstrip("/") + "/"
        diagnostics = [replace(d, path=prefix + d.path) for d in diagnostics]
    summary = Summary.of(diagnostics, review.study_count, review.concept_count)
    output = FORMATTERS[chosen.value](diagnostics, summary)
    if chosen is CheckFormat.text:
        _print_text(output)
        typer.echo(summary.sentence(), err=True)
    else:
        sys.stdout.write(output)
    if chosen is CheckFormat.github and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append_step_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), diagnostics, summary)
    failing = summary.errors or (strict and summary.warnings)
    raise typer.Exit(EXIT_PROBLEMS if failing else EXIT_OK)


def _append_step_summary(path: Path, diagnostics: list[Diagnostic], summary: Summary) -> None:
    """Append the Markdown summary to GitHub's job summary file (GitHub shows only ten
    annotations per step). A summary that cannot be written is a warning, not a failure."""
    from metaethno.render.diagnostics import format_github_summary

    try:
        with path.open("a", encoding="utf-8") as file:
            file.write(format_github_summary(diagnostics, summary))
    except OSError as error:
        typer.echo(
            f"metaethno: warning: cannot append the job summary to {path} ({error.strerror}); "
            "the annotations above list the problems",
            err=True,
        )


def _print_text(output: str) -> None:
    """Print diagnostics, colouring the severity only on a terminal and never with NO_COLOR."""
    coloured = sys.stdout.isatty() or os.environ.get("FORCE_COLOR")
    if os.environ.get("NO_COLOR") or not output or not coloured:
        sys.stdout.write(output)  # in a pipe or a file rich would print the same, slowly
        return
    from rich.console import Console
    from rich.highlighter import RegexHighlighter
    from rich.theme import Theme

    class SeverityHighlighter(RegexHighlighter):
        highlights = [r": (?P<error>error) ME", r": (?P<warning>warning) ME"]  # noqa: RUF012

    console = Console(
        highlighter=SeverityHighlighter(),
        theme=Theme({"error": "bold red", "warning": "yellow"}),
        soft_wrap=True,
        markup=False,
        emoji=False,
    )
    for line in output.splitlines():
        console.print(line)
