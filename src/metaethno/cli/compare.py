"""`metaethno compare`: two versions of a review, their differences and their agreement."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from metaethno.cli.core import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Force,
    HelpCommand,
    OutputFile,
    ReviewOption,
    app,
    handles_errors,
)
from metaethno.cli.outputs import output_format, prepare_output, write_result
from metaethno.cli.terminal import terminal_for

if TYPE_CHECKING:
    from metaethno.review.loaded import Review
    from metaethno.review.loader import ParsedFiles


class CompareFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"


SUFFIXES = {
    ".txt": CompareFormat.table,
    ".md": CompareFormat.markdown,
    ".markdown": CompareFormat.markdown,
    ".json": CompareFormat.json,
    ".csv": CompareFormat.csv,
}

Version = Annotated[
    str,
    typer.Argument(
        help="A review folder, or a git revision (branch, tag, HEAD~1) of the --review folder.",
        show_default=False,
    ),
]


@app.command(cls=HelpCommand)
@handles_errors
def compare(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    a: Version,
    b: Version,
    git: Annotated[
        bool,
        typer.Option(
            "--git", help="Read A and B as git revisions even where a folder has the name."
        ),
    ] = False,
    review_dir: ReviewOption = Path(),
    given_format: Annotated[
        CompareFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (the default on a terminal), markdown (the default otherwise), json or "
            "csv (one row per difference and per translation decision). By default the format "
            "of --output's suffix (.txt, .md, .json, .csv).",
            show_default=False,
        ),
    ] = None,
    output: OutputFile = None,
    force: Force = False,
    fail_on_difference: Annotated[
        bool, typer.Option("--fail-on-difference", help="Exit 1 when the versions differ.")
    ] = False,
) -> None:
    """Compare two versions of a review: two reviewers' folders, or two git revisions.

    Lists the studies, study concepts and synthesised concepts added, removed and changed,
    field by field; where each version translates every study concept both have, with the
    disagreements; percentage agreement and Cohen's kappa (95% CI) on translations, overall
    and per synthesised concept, and on appraisal ratings and CASP answers; and, when B adds
    studies, what they changed. A concept renamed in B is matched by its translations.
    Files of a revision are read from git's objects; nothing is checked out.

    Exits 0 whether or not the versions differ (1 with --fail-on-difference when they do),
    and 2 when a version cannot be read or does not pass `check`. The documentation
    (docs/compare.md in the source) describes the output.
    """
    from metaethno.analysis.compare import compare as compared
    from metaethno.render import compare as rendering

    # a folder compared is as much the user's as the --review folder: never written over
    folders = [Path(v) for v in (a, b) if not git and Path(v).is_dir()]
    protected = prepare_output(review_dir, output, force, folders)
    terminal = terminal_for(output)
    default = CompareFormat.table if terminal.is_terminal else CompareFormat.markdown
    chosen = output_format(given_format, output, SUFFIXES, default)
    parsed: ParsedFiles = {}  # the files both versions hold are read and validated once
    comparison = compared(
        _version(a, review_dir, git, parsed), _version(b, review_dir, git, parsed), a, b
    )
    if chosen is CompareFormat.table:
        text = rendering.render_terminal(comparison, terminal.width, terminal.color)
    else:
        text = {
            CompareFormat.markdown: rendering.render_markdown,
            CompareFormat.json: rendering.render_json,
            CompareFormat.csv: rendering.render_csv,
        }[chosen](comparison)
    write_result(output, text, force, protected)
    raise typer.Exit(EXIT_PROBLEMS if fail_on_difference and comparison.differs else EXIT_OK)


def _version(argument: str, review_dir: Path, git: bool, parsed: ParsedFiles) -> Review:
    """The version `argument` names, checked; its diagnostics and exit 2 where it has errors."""
    from dataclasses import replace

    from metaethno.checks.run import check_review
    from metaethno.interop.git import version
    from metaethno.render.diagnostics import Summary, format_text

    source = version(argument, review_dir, git=git)
    checked = check_review(source, parsed)
    if not checked.has_errors:
        return checked.review
    prefix = str(source) if not isinstance(source, Path) else source.as_posix() + "/"
    shown = [replace(d, path=prefix + d.path) for d in checked.diagnostics]
    summary = Summary.of(shown, checked.review.study_count, checked.review.concept_count)
    typer.echo(format_text(shown, summary), err=True, nl=False)
    typer.echo(
        f"metaethno: not comparing: {argument} does not pass check; fix it and run again",
        err=True,
    )
    raise typer.Exit(EXIT_USAGE)
