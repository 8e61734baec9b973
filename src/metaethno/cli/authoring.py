"""`metaethno init`, `new` and `schema`: start a review, add files, help editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from metaethno.cli.core import (
    HelpCommand,
    HelpGroup,
    ReviewOption,
    app,
    fail,
    handles_errors,
)
from metaethno.cli.outputs import say_written


@app.command(cls=HelpCommand)
@handles_errors
def init(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    review_dir: Annotated[
        Path,
        typer.Argument(
            help="The folder to start the review in; created if it does not exist.",
            show_default="current folder",
        ),
    ] = Path(),
    title: Annotated[
        str, typer.Option("--title", help="The review's title, written to metaethno.yaml.")
    ] = "Untitled meta-ethnography",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Also start a review in a folder that is not empty; in a review already, add "
            "only the tooling it lacks. Existing files are still never overwritten: they are "
            "kept, and listed.",
        ),
    ] = False,
) -> None:
    """Start a new review that passes `check`, with CI and editor support.

    Writes metaethno.yaml, example studies and a concept, editor schema, pre-commit and
    GitHub Actions configuration, a README and the rendered report.md.

    The new review passes `metaethno check`. Refuses a folder that holds anything but
    .git (exit 2) unless --force. In a folder that has a metaethno.yaml, --force adds only
    what is missing of the editor schema, pre-commit and CI files and report.md, never
    example studies or concepts. Writes all of its files or, if one cannot be written,
    none (exit 2).
    """
    import shlex

    from metaethno.interop.authoring import REPORT_FILE, AuthoringError, plan_init, write_init

    try:
        plan = plan_init(review_dir, title, force)
    except AuthoringError as error:
        raise fail(str(error)) from None
    written = write_init(review_dir, plan)
    kept = list(plan.kept)
    report_written = REPORT_FILE in written
    if not report_written and (review_dir / REPORT_FILE).exists():
        kept.append(REPORT_FILE)
    if not plan.existing_review:
        typer.echo(f"Started a review in {review_dir}:")
    elif written:
        typer.echo(
            f"Added metaethno's tooling to the review in {review_dir}; its metaethno.yaml, "
            "studies and concepts are left as they are:"
        )
    else:
        typer.echo(f"Nothing to add to the review in {review_dir}: it has metaethno's tooling.")
    for path in written:
        typer.echo(f"  {path}")
    for path in kept:
        folder = (review_dir / path).is_dir()
        typer.echo(
            f"  {path} ({'not written: it is a folder' if folder else 'kept: it exists already'})"
        )
    if not report_written and REPORT_FILE not in kept:
        check = shlex.join(["metaethno", "check", str(review_dir)])
        report = shlex.join(
            ["metaethno", "report", str(review_dir), "-o", str(review_dir / REPORT_FILE)]
        )
        typer.echo(
            f"metaethno: {REPORT_FILE} not written, since the review has errors: "
            f"run {check}, then {report}",
            err=True,
        )
    if plan.existing_review:
        return
    go = "" if review_dir == Path() else f"cd {shlex.quote(str(review_dir))}, "
    typer.echo(
        f"Next: {go}replace the example studies and concept with your own "
        "(metaethno new study ID, metaethno new concept ID), and run metaethno check."
    )


new_app = typer.Typer(
    cls=HelpGroup,
    help="Add a study or concept file to a review, from a template with every field.",
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")

NewId = Annotated[
    str,
    typer.Argument(
        help="The id: lowercase letters, digits, - and _; also the file name.", metavar="ID"
    ),
]


@new_app.command("study", cls=HelpCommand)
@handles_errors
def new_study(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    item_id: NewId,
    review: ReviewOption = Path(),
) -> None:
    """Write studies/ID.yaml (in the folder metaethno.yaml names) from a template.

    Required fields are left as "" for you to fill in, and `metaethno check` reports
    each one until you do. Never overwrites a file (exit 2).
    """
    _new_file(review, "study", item_id)


@new_app.command("concept", cls=HelpCommand)
@handles_errors
def new_concept(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    item_id: NewId,
    review: ReviewOption = Path(),
) -> None:
    """Write concepts/ID.yaml (in the folder metaethno.yaml names) from a template.

    Required fields are left as "" for you to fill in, and `metaethno check` reports
    each one until you do. Never overwrites a file (exit 2).
    """
    _new_file(review, "concept", item_id)


def _new_file(review: Path, kind: str, item_id: str) -> None:
    import shlex

    from metaethno.interop.authoring import AuthoringError, missing_schema, new_file, write_new_file

    try:
        new = new_file(review, kind, item_id)
        write_new_file(review, new)
    except AuthoringError as error:
        raise fail(str(error)) from None
    say_written(review / new.path, "fill in the fields marked required, then run check")
    schema = missing_schema(review, new)
    if schema is not None:
        command = shlex.join(["metaethno", "schema", "--output", str(review / Path(schema).parent)])
        typer.echo(
            f"metaethno: note: its first line names {schema}, which this review lacks; for "
            f"editor support run: {command}",
            err=True,
        )
