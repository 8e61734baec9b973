"""`metaethno translate`: the translation tables."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from metaethno.cli.core import (
    Force,
    HelpCommand,
    OutputFile,
    ReviewDir,
    ShowAll,
    app,
    checked_review,
    fail,
    handles_errors,
)
from metaethno.cli.outputs import output_format, prepare_output, write_result
from metaethno.cli.progress import step
from metaethno.cli.terminal import table_screen, terminal_for

if TYPE_CHECKING:
    from metaethno.analysis.synthesis import Synthesis
    from metaethno.review.loaded import Review


class TranslateFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


# the format of an output file named with one of these suffixes, unless --format says otherwise
SUFFIXES = {
    ".txt": TranslateFormat.table,
    ".md": TranslateFormat.markdown,
    ".markdown": TranslateFormat.markdown,
    ".csv": TranslateFormat.csv,
    ".json": TranslateFormat.json,
}


class OrderOption(StrEnum):
    chronological = "chronological"
    index_first = "index"  # not `index`, which would hide str.index
    alphabetical = "alphabetical"


class LayoutOption(StrEnum):
    grid = "grid"
    long = "long"
    third_order = "third-order"
    studies = "studies"


class RatingOption(StrEnum):
    high = "high"
    moderate = "moderate"
    low = "low"


@app.command(cls=HelpCommand)
@handles_errors
def translate(
    ctx: typer.Context,
    review_dir: ReviewDir = Path(),
    given_format: Annotated[
        TranslateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (rich tables; the default on a terminal), markdown (GitHub-flavoured; "
            "the default otherwise), csv (the table of --layout) or "
            "json (every table). By default the format of --output's suffix (.txt, .md, "
            ".csv, .json).",
            show_default=False,
        ),
    ] = None,
    output: OutputFile = None,
    order: Annotated[
        OrderOption | None,
        typer.Option(
            "--order",
            help="The order studies are translated in, instead of metaethno.yaml's "
            "translation_order.",
            show_default=False,
        ),
    ] = None,
    index_study: Annotated[
        str | None,
        typer.Option(
            "--index-study",
            metavar="ID",
            help="The study the others are translated into; implies --order index.",
            show_default=False,
        ),
    ] = None,
    layout: Annotated[
        LayoutOption,
        typer.Option(
            "--layout",
            help="grid: concepts by studies; studies: the grid turned, studies by concepts, "
            "for many studies; third-order: each third-order construct with its second-order "
            "constructs and the reviewers' interpretation; long: one row per translation.",
        ),
    ] = LayoutOption.grid,
    exclude_rating: Annotated[
        list[RatingOption] | None,
        typer.Option(
            "--exclude-rating",
            help="Leave out the studies the appraisal rates so, e.g. low (repeatable): the "
            "tables without them, for a sensitivity analysis.",
            show_default=False,
        ),
    ] = None,
    exclude_study: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude-study",
            metavar="ID",
            help="Leave out this study (repeatable).",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
    show_all: ShowAll = False,
) -> None:
    """Translate the studies into one another, as tables.

    The translation grid, the refutational translations and the cumulative
    translation.

    Refuses a review with errors (exit 1, with check's diagnostics). Exits 2 on
    a bad option, an unknown --index-study, or an output file that exists
    without --force. The documentation (docs/translate.md in the source) describes
    every format.
    """
    from metaethno.analysis.translation import study_columns
    from metaethno.render import translation, translation_terminal

    protected = prepare_output(review_dir, output, force)
    terminal = terminal_for(output)
    default = TranslateFormat.table if terminal.is_terminal else TranslateFormat.markdown
    chosen = output_format(given_format, output, SUFFIXES, default)
    review = checked_review(review_dir, "translate")
    left_out = _left_out(review, exclude_rating or [], exclude_study or [])
    synthesis = _analysed(review, order, index_study, left_out)
    view = translation.View(
        layout=layout.value,
        title=review.config.title if review.config else "",
        width=terminal.width,
        color=terminal.color,
        left_out=study_columns(review, synthesis.order.left_out),
        screen=table_screen(ctx, terminal, show_all),
    )
    render = {
        TranslateFormat.table: translation_terminal.render_table,
        TranslateFormat.markdown: translation.render_markdown,
        TranslateFormat.csv: translation.render_csv,
        TranslateFormat.json: translation.render_json,
    }[chosen]
    with step("Building the tables"):
        text = render(synthesis.translation, view)
    write_result(output, text, force, protected)


def _analysed(
    review: Review, order: OrderOption | None, index_study: str | None, left_out: Sequence[str]
) -> Synthesis:
    """The synthesis, without the studies `left_out`, in the translation order the options ask
    for; a bad choice is a usage error, exit 2."""
    from metaethno.analysis.ordering import OrderError
    from metaethno.analysis.synthesis import analyse

    try:
        return analyse(review, order.value if order else None, index_study, left_out)
    except OrderError as error:
        raise fail(str(error)) from None


def _left_out(
    review: Review, ratings: Sequence[RatingOption], study_ids: Sequence[str]
) -> tuple[str, ...]:
    """The studies --exclude-rating and --exclude-study leave out; an unknown id exits 2."""
    from metaethno.analysis.sensitivity import ExclusionError, excluded_studies

    try:
        return excluded_studies(review, [rating.value for rating in ratings], study_ids)
    except ExclusionError as error:
        raise fail(str(error)) from None
