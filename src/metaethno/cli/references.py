"""`metaethno import references`: study files from a reference manager's export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from metaethno.cli.core import (
    EXIT_OK,
    EXIT_PROBLEMS,
    HelpCommand,
    HelpGroup,
    ReviewOption,
    app,
    fail,
    handles_errors,
)

import_app = typer.Typer(
    cls=HelpGroup,
    help="Bring outside data into a review: references from a reference manager.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


class ReferenceFormatOption(StrEnum):
    ris = "ris"
    bibtex = "bibtex"
    csljson = "csljson"


@import_app.command("references", cls=HelpCommand)
@handles_errors
def import_references(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    file: Annotated[
        Path,
        typer.Argument(
            help="A RIS (.ris), BibTeX (.bib) or CSL-JSON (.json) export of Zotero, EndNote, "
            "Mendeley or another reference manager.",
            dir_okay=False,
            show_default=False,
        ),
    ],
    review: ReviewOption = Path(),
    reference_format: Annotated[
        ReferenceFormatOption | None,
        typer.Option(
            "--format",
            "-f",
            help="Read FILE as this format instead of going by its extension.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be written; write nothing.")
    ] = False,
) -> None:
    """Write a study file for each reference in FILE, with its reference filled in.

    Ids are the first author's surname and the year (ahmed2014, then ahmed2014a, ...);
    no file is overwritten, and a reference already in the review (same DOI, or same
    title and year) is skipped. Each new study has a placeholder concept that `metaethno
    check` reports until you fill it in. Exits 0 when every reference was imported or
    was already there, 1 when some could not be read (each is named), 2 when FILE cannot
    be read at all. The documentation (docs/import-export.md in the source) has the
    details.
    """
    import dataclasses
    import shlex

    from metaethno.interop.authoring import AuthoringError, missing_schema, review_folders
    from metaethno.interop.reference_formats import read_records
    from metaethno.interop.reference_import import (
        Skipped,
        Stub,
        plan_import,
        read_existing,
        write_import,
    )
    from metaethno.interop.reference_records import ImportFileError

    try:
        studies_folder, _ = review_folders(review)
        parsed = read_records(file, reference_format.value if reference_format else None)
    except (AuthoringError, ImportFileError) as error:
        raise fail(str(error)) from None
    plan = plan_import(parsed, read_existing(review, studies_folder), file.name)
    # every record is written before any is reported, so that output that cannot be
    # printed (a full disk, a closed pipe) stops no import; what was done is still told
    # if the writing itself stops
    outcomes: list[Stub | Skipped] = []
    try:
        outcomes.extend(plan.outcomes if dry_run else write_import(review, plan))
    finally:
        for outcome in outcomes:
            record = outcome.record
            if isinstance(outcome, Stub):
                verb = "would write" if dry_run else "wrote"
                typer.echo(f"{verb} {review / outcome.file.path} from {record.name()}")
            elif outcome.bad:
                where = f"{file}:{record.line}" if record.line else str(file)
                typer.echo(f"{where}: {record.name()} not imported: {outcome.reason}", err=True)
            else:
                typer.echo(f"skipped {record.name()}: {outcome.reason}")
    done = dataclasses.replace(plan, outcomes=tuple(outcomes))
    typer.echo(done.summary(dry_run), err=True)
    if done.bad:
        typer.echo(
            "metaethno: correct the references named above in the reference manager and import "
            "the file again: references already in the review are skipped",
            err=True,
        )
    schema = missing_schema(review, done.stubs[0].file) if done.stubs and not dry_run else None
    if schema is not None:
        command = shlex.join(["metaethno", "schema", "--output", str(review / Path(schema).parent)])
        typer.echo(
            f"metaethno: note: the new files' first line names {schema}, which this review "
            f"lacks; for editor support run: {command}",
            err=True,
        )
    raise typer.Exit(EXIT_PROBLEMS if done.bad else EXIT_OK)
