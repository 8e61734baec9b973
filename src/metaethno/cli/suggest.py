"""`metaethno suggest`: translations not yet made, found by text similarity."""

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
    checked_review,
    fail,
    handles_errors,
)
from metaethno.cli.outputs import output_format, prepare_output, write_result
from metaethno.cli.progress import step
from metaethno.cli.terminal import terminal_for

# the library's defaults, repeated so --help does not import it (docs/suggest.md explains them)
DEFAULT_TOP = 3
DEFAULT_MIN_SIMILARITY = 0.2


class SuggestFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    yaml = "yaml"


# the format of an output file named with one of these suffixes, unless --format says otherwise
SUFFIXES = {
    ".txt": SuggestFormat.table,
    ".md": SuggestFormat.markdown,
    ".markdown": SuggestFormat.markdown,
    ".yaml": SuggestFormat.yaml,
    ".yml": SuggestFormat.yaml,
}


@app.command(cls=HelpCommand)
@handles_errors
def suggest(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    review_dir: ReviewDir = Path(),
    given_format: Annotated[
        SuggestFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (rich tables; the default on a terminal), markdown (the default "
            "otherwise) or yaml (translations entries to paste into each concept file, and "
            "candidate new concept files). By default the format of --output's suffix (.txt, "
            ".md, .yaml).",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            "--top", min=1, metavar="N", help="Suggest up to N concepts per study concept."
        ),
    ] = DEFAULT_TOP,
    min_similarity: Annotated[
        float,
        typer.Option(
            "--min-similarity",
            metavar="S",
            help="Group untranslated study concepts whose similarity (more than 0, at most 1) "
            "is at least S.",
        ),
    ] = DEFAULT_MIN_SIMILARITY,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """Suggest translations not yet made, by text similarity; never edits a file.

    For each study concept that no synthesised concept translates: the
    concepts whose text is most like its label, interpretation and quotes,
    with the score and the words that matched. Then groups of untranslated
    study concepts from different studies that resemble one another:
    candidate new concepts.

    Needs the `suggest` extra: pip install 'metaethno[suggest]'.
    Refuses a review with errors (exit 1). Exits 2 without the extra, on a
    bad option, or on an output file that exists without --force.
    The documentation (docs/suggest.md in the source) explains the scores.
    """

    from metaethno.analysis.suggest import require_extra
    from metaethno.analysis.suggest import suggest as find_suggestions
    from metaethno.render.suggest import RENDERERS, View
    from metaethno.review.extras import MissingExtraError

    if not 0 < min_similarity <= 1:
        raise fail(f"--min-similarity {min_similarity:g}: give a number more than 0, at most 1")
    try:
        require_extra()
    except MissingExtraError as error:
        raise fail(str(error)) from None
    protected = prepare_output(review_dir, output, force)
    terminal = terminal_for(output)
    default = SuggestFormat.table if terminal.is_terminal else SuggestFormat.markdown
    chosen = output_format(given_format, output, SUFFIXES, default)
    review = checked_review(review_dir, "suggest")
    with step("Comparing the untranslated study concepts"):
        found = find_suggestions(review, top=top, min_similarity=min_similarity)
    view = View(
        title=review.config.title if review.config else "",
        width=terminal.width,
        color=terminal.color,
    )
    write_result(output, RENDERERS[chosen.value](found, view), force, protected)
