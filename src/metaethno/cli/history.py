"""`metaethno history`: the audit trail of translation decisions, from the review's git history."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from metaethno.cli.core import (
    Force,
    HelpCommand,
    OutputFile,
    ReviewDir,
    app,
    handles_errors,
)
from metaethno.cli.outputs import output_format, prepare_output, write_result


class HistoryFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    csv = "csv"


SUFFIXES = {
    ".md": HistoryFormat.markdown,
    ".markdown": HistoryFormat.markdown,
    ".json": HistoryFormat.json,
    ".csv": HistoryFormat.csv,
}


@app.command(cls=HelpCommand)
@handles_errors
def history(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    review_dir: ReviewDir = Path(),
    given_format: Annotated[
        HistoryFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown (the default), json or csv. By default the format of --output's "
            "suffix (.md, .json, .csv).",
            show_default=False,
        ),
    ] = None,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """List when each synthesised concept and translation was added, changed or removed.

    Reads the git history of the review's concepts folder (nothing is checked out): per
    commit, oldest first, concepts added, removed or relabelled, moved between groups, and
    translations added, removed or changed in relation or note, with the commit's author
    and subject. The folder must be in a git work tree; otherwise exits 2.
    """
    from metaethno.interop.history import review_history
    from metaethno.render import history as rendering

    protected = prepare_output(review_dir, output, force)
    chosen = output_format(given_format, output, SUFFIXES, HistoryFormat.markdown)
    found = review_history(review_dir)
    render = {
        HistoryFormat.markdown: rendering.render_markdown,
        HistoryFormat.json: rendering.render_json,
        HistoryFormat.csv: rendering.render_csv,
    }[chosen]
    write_result(output, render(found), force, protected)
