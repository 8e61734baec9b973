"""`metaethno schema`: the JSON Schema of the review files, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from metaethno.cli.core import (
    HelpCommand,
    app,
    fail,
    handles_errors,
)
from metaethno.cli.outputs import enclosing_review_inputs, write_results


@app.command(cls=HelpCommand)
@handles_errors
def schema(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write metaethno.schema.json, study.schema.json and concept.schema.json into "
            "DIR (created if missing) instead of printing them.",
            metavar="DIR",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite schema files that exist in DIR.")
    ] = False,
) -> None:
    """Write the JSON Schema of the review files, for editors.

    Draft-07 schemas of metaethno.yaml, study and concept files, which editors that use
    the YAML language server read to complete and explain fields.

    Without --output, prints one JSON object whose keys are the three file names and
    whose values are the schemas. The output depends only on metaethno's version.
    """
    from metaethno.render.output import OutputExistsError, check_outputs, write_output
    from metaethno.review.schema import all_schemas_text, json_schemas, schema_text

    if output == Path("-"):
        raise fail("-o takes a folder for the three schema files; omit -o to print them")
    if output is None:
        write_output(None, all_schemas_text())
        return
    schemas = json_schemas()
    protected = enclosing_review_inputs(output)
    try:
        check_outputs(output, schemas, force, protected)
    except OutputExistsError as error:
        raise fail(
            f"{error.filename}: {error.strerror} (after upgrading metaethno, that is what you want)"
        ) from None
    texts = {name: schema_text(document) for name, document in schemas.items()}
    write_results(output, texts, force, protected)
