"""The `metaethno` application: the root options, the shared options and the error handling.

Each command lives in a module of this package and calls the library; none
imports PyYAML, pydantic or rich at module level, so `--help` and `--version`
start fast.
"""

from __future__ import annotations

import copy
import functools
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from metaethno import __version__
from metaethno.cli.help import render_page
from metaethno.cli.progress import RUN, step

if TYPE_CHECKING:
    from metaethno.review.loaded import Review

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def _write_page(command: Any, ctx: Any, formatter: Any) -> None:
    """The command's page, made from it as it is now (help_source is loaded only for this)."""
    from metaethno.cli.help_source import page_of

    formatter.write(render_page(page_of(command, ctx)))


class HelpCommand(TyperCommand):
    """A command whose --help is metaethno's own page (`metaethno.cli.help`): plain text, the
    same whatever typer's version, and the page `main` prints without typer."""

    # click's types, which typer 0.29 keeps in a private module: Any here
    def format_help(self, ctx: Any, formatter: Any) -> None:
        _write_page(self, ctx, formatter)


class HelpGroup(TyperGroup):
    """A group of commands (`new`, `import`, `export`) whose --help is metaethno's own page,
    printed too when the group is run without a command (exit 2, as click does)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _write_page(self, ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            raise typer.Exit(EXIT_USAGE)
        return list(super().parse_args(ctx, args))


class RootGroup(HelpGroup):
    """`metaethno` itself, whose commands all take the root's `-q/--quiet` too.

    `-q` is accepted after the command as well (`metaethno report -q`), where ruff and
    pre-commit take it: each command gets a copy of the root's option that sets the same
    flag when it is parsed, added when the group hands the command out.
    """

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        quiet = next(param for param in self.params if param.name == "quiet")
        pending = [command] if command is not None else []
        while pending:
            current = pending.pop()
            if isinstance(current, TyperGroup):
                pending.extend(current.commands.values())
            if all(param.name != "quiet" for param in current.params):
                current.params.append(_quiet_of_a_command(quiet))
        return command


def _quiet_of_a_command(root_quiet: Any) -> Any:
    """The root's --quiet, as an option of a command: it sets the run's flag and is not
    passed to the command's function."""
    option = copy.copy(root_quiet)
    option.expose_value = False
    option.callback = _set_quiet
    return option


def _set_quiet(_ctx: Any, _param: Any, value: bool) -> bool:
    if value:
        RUN.quiet = True
    return value


app = typer.Typer(
    cls=RootGroup,
    name="metaethno",
    help="Meta-ethnography as data: check, translate and report a qualitative evidence synthesis.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    # typer draws its usage errors with rich; the help is metaethno's own (cli/help.py)
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])

ReviewDir = Annotated[
    Path,
    typer.Argument(
        help="The review folder, which holds metaethno.yaml.", show_default="current folder"
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"metaethno {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[  # noqa: ARG001 - handled by its callback
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[  # noqa: ARG001 - read from the context by handles_errors
        bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="No progress display and no line saying what file was written."
        ),
    ] = False,
) -> None:
    """Meta-ethnography as data: check, translate and report a qualitative evidence synthesis."""
    RUN.quiet = quiet


def fail(message: str) -> typer.Exit:
    typer.echo(f"metaethno: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def handles_errors(command: F) -> F:
    """Turn "cannot continue" errors into a message and exit 2, never a traceback.

    The command takes `ctx` so that the root's `--debug` can be read here.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from metaethno.review.loader import ReviewError

        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except ReviewError as error:
            raise fail(str(error)) from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise fail(f"{where}{error.strerror or error}") from None
        except Exception as error:  # noqa: BLE001 - the one place unexpected errors are reported
            ctx = kwargs.get("ctx")
            if ctx is not None and ctx.find_root().params.get("debug"):
                traceback.print_exc()
            raise fail(
                f"unexpected error ({type(error).__name__}: {error}); please report this, "
                "with the output of the same command run as `metaethno --debug COMMAND ...`"
            ) from None

    return wrapper  # type: ignore[return-value]


def dash_is_stdout(value: Path | None) -> Path | None:
    """The callback of an output option: `-` is standard output, which is no file (None)."""
    return None if value == Path("-") else value


OutputFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically) instead of standard output; `-` is standard output.",
        metavar="FILE",
        dir_okay=False,
        callback=dash_is_stdout,
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")]
ShowAll = Annotated[
    bool,
    typer.Option(
        "--all",
        help="With --format table, print every table whole. Without it, a table longer than "
        "the screen, or a grid of more than three blocks of the width, is cut there, with "
        "what is left out and the command that writes it whole to a file.",
    ),
]


ReviewOption = Annotated[
    Path,
    typer.Option(
        "--review",
        help="The review folder, which holds metaethno.yaml.",
        metavar="DIR",
        show_default="current folder",
    ),
]


def checked_review(review_dir: Path, command: str) -> Review:
    """The review, or exit 1 with check's diagnostics: tables of a broken review would mislead."""
    from metaethno.checks.run import check_review
    from metaethno.render.diagnostics import Summary, format_text
    from metaethno.review.hints import folder_name

    with step(f"Reading and checking {folder_name(review_dir)}"):
        checked = check_review(review_dir)
    if not checked.has_errors:
        return checked.review
    review = checked.review
    summary = Summary.of(checked.diagnostics, review.study_count, review.concept_count)
    typer.echo(format_text(checked.diagnostics, summary), err=True, nl=False)
    typer.echo(summary.sentence(), err=True)
    typer.echo(
        f"metaethno: not running {command}: the review has errors; fix them and run again",
        err=True,
    )
    raise typer.Exit(EXIT_PROBLEMS)
