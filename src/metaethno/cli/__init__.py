"""The `metaethno` command line: one module per command group, all on one typer app."""

# The commands appear in --help in the order their modules are imported here.
# isort: off
from metaethno.cli import check, translate, relate, suggest, authoring, references, export  # noqa: F401
from metaethno.cli.app import app, main

# isort: on

__all__ = ["app", "main"]
