"""The `metaethno` command: parse options, call the library, print, exit 0, 1 or 2.

Heavy libraries (PyYAML, pydantic, rich) are imported inside the commands, so
`metaethno --help` and `--version` start fast.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from metaethno import __version__

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="metaethno",
    help="Meta-ethnography as data: check, translate and report a qualitative evidence synthesis.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

F = TypeVar("F", bound=Callable[..., Any])

ReviewDir = Annotated[
    Path,
    typer.Argument(
        help="The review folder, which holds metaethno.yaml.", show_default="current folder"
    ),
]


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"metaethno {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")
    ] = False,
) -> None:
    """Meta-ethnography as data: check, translate and report a qualitative evidence synthesis."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"metaethno: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def handles_errors(command: F) -> F:
    """Turn "cannot continue" errors into a message and exit 2, never a traceback.

    The command takes `ctx` so that the root's `--debug` can be read here.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from metaethno.loader import ReviewError

        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except ReviewError as error:
            raise _fail(str(error)) from None
        except OSError as error:
            raise _fail(f"{error.filename or ''}: {error.strerror}") from None
        except Exception as error:  # noqa: BLE001 - the one place unexpected errors are reported
            ctx = kwargs.get("ctx")
            if ctx is not None and ctx.find_root().params.get("debug"):
                traceback.print_exc()
            raise _fail(
                f"unexpected error ({type(error).__name__}: {error}); please report this, "
                "with the output of the same command run with --debug"
            ) from None

    return wrapper  # type: ignore[return-value]


@app.command()
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

    Exits 0 when there are no errors (and, with --strict, no warnings), 1 when there are,
    and 2 when the review cannot be read at all.
    """
    from dataclasses import replace

    from metaethno.api import check_review
    from metaethno.formatters import FORMATTERS, Summary

    checked = check_review(review_dir)
    review = checked.review
    diagnostics = checked.diagnostics
    chosen = output_format or (
        CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text
    )
    if chosen is CheckFormat.github:
        # annotations need paths from the repository root, the folder the workflow runs in
        prefix = "" if review_dir == Path() else review_dir.as_posix().rstrip("/") + "/"
        diagnostics = [replace(d, path=prefix + d.path) for d in diagnostics]
    summary = Summary.of(
        diagnostics,
        studies=len(review.studies) + len(review.broken_studies),
        concepts=len(review.concepts) + len(review.broken_concepts),
    )
    output = FORMATTERS[chosen.value](diagnostics, summary)
    if chosen is CheckFormat.text:
        _print_text(output)
        typer.echo(summary.sentence(), err=True)
    else:
        sys.stdout.write(output)
    failing = summary.errors or (strict and summary.warnings)
    raise typer.Exit(EXIT_PROBLEMS if failing else EXIT_OK)


def _print_text(output: str) -> None:
    """Print diagnostics, colouring the severity only on a terminal and never with NO_COLOR."""
    if os.environ.get("NO_COLOR") or not output:
        sys.stdout.write(output)
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


def main() -> None:
    app()
