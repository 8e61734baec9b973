"""`metaethno export`: the synthesis for other tools (REFI-QDA, spreadsheets)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from metaethno.cli.core import (
    EXIT_PROBLEMS,
    HelpCommand,
    HelpGroup,
    ReviewDir,
    app,
    checked_review,
    dash_is_stdout,
    fail,
    handles_errors,
)
from metaethno.cli.outputs import prepare_output, review_inputs, write_result, write_results
from metaethno.cli.progress import step

export_app = typer.Typer(
    cls=HelpGroup,
    help="Export the synthesis for other tools: a REFI-QDA codebook, a workbook, CSV files.",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")

ExportFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="The file to write (atomically); `-` is standard output.",
        metavar="FILE",
        dir_okay=False,
        callback=dash_is_stdout,
        show_default=False,
    ),
]
ExportForce = Annotated[bool, typer.Option("--force", help="Overwrite the output if it exists.")]


@export_app.command("qdc", cls=HelpCommand)
@handles_errors
def export_qdc(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    output: ExportFile,
    review_dir: ReviewDir = Path(),
    force: ExportForce = False,
) -> None:
    """Write the concepts as a REFI-QDA codebook (.qdc) for QDA software.

    NVivo, ATLAS.ti, MAXQDA and QualCoder import it.

    Concepts become codes nested by `includes`, described by their interpretations, with
    GUIDs derived from their ids, so exporting again gives the same file. Framework levels
    become sets. `-o -` prints it. Refuses a review with errors (exit 1); never overwrites
    FILE without --force (exit 2).
    """
    from metaethno.analysis.synthesis import analyse
    from metaethno.render.qdc import EmptyCodebookError, render_codebook
    from metaethno.review.hints import plural

    protected = prepare_output(review_dir, output, force)
    review = checked_review(review_dir, "export qdc")
    try:
        text = render_codebook(analyse(review))
    except EmptyCodebookError as error:
        typer.echo(f"metaethno: not exporting: {error}", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    write_result(output, text, force, protected, plural(len(review.concepts), "code"))


@export_app.command("xlsx", cls=HelpCommand)
@handles_errors
def export_xlsx(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    output: ExportFile,
    review_dir: ReviewDir = Path(),
    force: ExportForce = False,
) -> None:
    """Write the tables as one workbook (.xlsx).

    A sheet per table: studies, appraisal, translation grid, translations, refutations,
    cumulative translation and GRADE-CERQual summary.

    Needs the `xlsx` extra: pip install 'metaethno[xlsx]'. `-o -` writes it to standard
    output, unless that is a terminal. Refuses a review with errors (exit 1); never
    overwrites FILE without --force (exit 2).
    """
    from metaethno.analysis.synthesis import analyse
    from metaethno.render.tables import build_tables
    from metaethno.render.xlsx import render_xlsx
    from metaethno.review.extras import MissingExtraError, require

    try:
        require("xlsx", "openpyxl", "export xlsx")
    except MissingExtraError as error:
        raise fail(f"{error} (or use `metaethno export csv`)") from None
    if output is None and sys.stdout.isatty():
        raise fail(
            "a workbook is binary, not for the terminal; give -o FILE.xlsx, or redirect "
            "standard output to a file"
        )
    protected = prepare_output(review_dir, output, force)
    review = checked_review(review_dir, "export xlsx")
    tables = build_tables(analyse(review))
    title = review.config.title if review.config else ""
    with step("Building the workbook"):
        workbook = render_xlsx(tables, title)
    write_result(output, workbook, force, protected, f"sheets {', '.join(t.title for t in tables)}")


@export_app.command("csv", cls=HelpCommand)
@handles_errors
def export_csv(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="The review folder (default: the current folder) and the folder to write the "
            "CSV files into, which is created if missing.",
            metavar="[REVIEW_DIR] DIR",
            show_default=False,
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite CSV files that exist in DIR.")
    ] = False,
) -> None:
    """Write the tables as CSV files.

    UTF-8, one per table: studies.csv, appraisal.csv, translation-grid.csv,
    translations.csv, refutations.csv, cumulative.csv and cerqual.csv.

    Refuses a review with errors (exit 1), and writes nothing if any of the files exists
    in DIR, unless --force (exit 2).
    """
    from metaethno.analysis.synthesis import analyse
    from metaethno.render.output import check_outputs
    from metaethno.render.tables import CSV_FILES, build_tables, render_csv

    if len(paths) > 2:
        raise fail("give at most two folders: the review folder and the output folder")
    review_dir, folder = (Path(), paths[0]) if len(paths) == 1 else (paths[0], paths[1])
    # all checked before loading the review and before writing any file, so a refusal is
    # quick and the set is never half old, half new
    if folder.exists() and not folder.is_dir():
        raise fail(f"{folder} is a file; give a folder for the CSV files")
    protected = review_inputs(review_dir)
    check_outputs(folder, CSV_FILES, force, protected)
    review = checked_review(review_dir, "export csv")
    tables = build_tables(analyse(review))
    write_results(folder, {t.file: render_csv(t) for t in tables}, force, protected)
