"""The `metaethno` application: the root options, the shared options and the error handling.

Each command lives in a module of this package and calls the library; none
imports PyYAML, pydantic or rich at module level, so `--help` and `--version`
start fast.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup, TyperOption

from metaethno import __version__

if TYPE_CHECKING:
    from metaethno.checks.run import CheckedReview
    from metaethno.render.terminal import Screen
    from metaethno.review.loaded import Review

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class FlagsHelpGroup(TyperGroup):
    """The root command group, which shows on/off options as plain flags in every --help.

    typer 0.29 labels them with their type (`--force <bool>`), which reads as if they took
    a value: users then write `--force true`, and `true` is taken for the review folder. An
    empty metavar, typer's and click's documented way to set the label, shows nothing. Each
    command's options are settled when the group hands the command out, before its help is
    made; the help option itself is made once per command.
    """

    # click's types, which typer 0.29 keeps in a private module: Any here
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        pending = [command] if command is not None else []
        while pending:
            current = pending.pop()
            _plain_flags(current.get_params(ctx))
            if isinstance(current, TyperGroup):
                pending.extend(current.commands.values())
        return command


def _plain_flags(params: list[Any]) -> list[Any]:
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
    return params


app = typer.Typer(
    cls=FlagsHelpGroup,
    name="metaethno",
    help="Meta-ethnography as data: check, translate and report a qualitative evidence synthesis.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    # docstrings are Markdown: paragraphs reflow to the terminal's width, `code` shows as code
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


@dataclass
class RunSettings:
    """What the root options ask of the whole run, set by `root` before the command runs."""

    quiet: bool = False
    progress: Callable[[int, int], None] | None = None


RUN = RunSettings()


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


def _dash_is_stdout(value: Path | None) -> Path | None:
    return None if value == Path("-") else value


OutputFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically) instead of standard output; `-` is standard output.",
        metavar="FILE",
        dir_okay=False,
        callback=_dash_is_stdout,
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


@contextmanager
def step(description: str) -> Iterator[None]:
    """Show `description` with a spinner and the time taken, on standard error, while the block
    runs: only where standard error is a terminal, never in a pipe, in CI or with --quiet.
    Work in the block reports its progress, (done, total), through `progress`. The display is
    cleared when the block ends."""
    if RUN.quiet or os.environ.get("CI") or not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    display = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with display:
        task = display.add_task(description, total=None)

        def shown(done: int, total: int) -> None:
            display.update(task, description=f"{description}: {done} of {total}")

        RUN.progress = shown
        try:
            yield
        finally:
            RUN.progress = None


def progress(done: int, total: int) -> None:
    """Tell the running `step`'s display how far its work is, if it has one."""
    if RUN.progress is not None:
        RUN.progress(done, total)


def write_result(
    output: Path | None, content: str | bytes, force: bool, protected: Sequence[Path]
) -> None:
    """`write_output`, then one line on standard error naming the file written (none for
    standard output, or with --quiet)."""
    from metaethno.render.output import write_output

    if output is None:
        write_output(output, content, force, protected)
        return
    with step(f"Writing {output}"):
        write_output(output, content, force, protected)
    if not RUN.quiet:
        typer.echo(f"wrote {output}", err=True)


def review_inputs(review_dir: Path) -> tuple[Path, ...]:
    """The review's own files, which no command writes: metaethno.yaml and the studies and
    concepts folders it names (the default names if it cannot be read)."""
    from metaethno.review.loader import CONFIG_FILE, ReviewError, load_config

    try:  # metaethno.yaml alone: this runs before the review is loaded
        return load_config(review_dir).inputs
    except ReviewError:
        return (review_dir / CONFIG_FILE, review_dir / "studies", review_dir / "concepts")


def enclosing_review_inputs(folder: Path) -> tuple[Path, ...]:
    """The own files of the review that `folder` is in, if it is in one: for a command that
    writes into a folder without being given the review."""
    from metaethno.review.loader import CONFIG_FILE

    start = folder.resolve()
    for candidate in (start, *start.parents):
        if (candidate / CONFIG_FILE).is_file():
            return review_inputs(candidate)
    return ()


def prepare_output(review_dir: Path, output: Path | None, force: bool) -> tuple[Path, ...]:
    """Refuse an output that cannot be written before the review is loaded (loading and
    rendering a large review takes minutes), and return the review's own files, for
    `write_output` to refuse again at the moment of writing."""
    from metaethno.render.output import check_output

    protected = review_inputs(review_dir)
    if output is not None:
        check_output(output, force, protected)
    return protected


E = TypeVar("E", bound=StrEnum)


def output_format(given: E | None, output: Path | None, suffixes: Mapping[str, E], default: E) -> E:
    """The format a command writes: `--format` if given, else the one of the output file's
    suffix, else `default`; a `--format` that contradicts the suffix is a usage error."""
    known = suffixes.get(output.suffix.lower()) if output is not None else None
    if given is not None and known is not None and given is not known:
        raise fail(
            f"--format {given.value} does not match the output file {output}, which is "
            f"{known.value} by its suffix; drop --format or change the file name"
        )
    return given or known or default


ReviewOption = Annotated[
    Path,
    typer.Option(
        "--review",
        help="The review folder, which holds metaethno.yaml.",
        metavar="DIR",
        show_default="current folder",
    ),
]


def load_and_check(review_dir: Path) -> CheckedReview:
    """`check_review`, then the loaded review is frozen out of the garbage collector's view.

    The command keeps the review to its end, so later collections need not walk its
    millions of objects again and again; a library caller keeps the usual collector.
    """
    import gc

    from metaethno.checks.run import check_review

    checked = check_review(review_dir)
    gc.freeze()
    return checked


def checked_review(review_dir: Path, command: str) -> Review:
    """The review, or exit 1 with check's diagnostics: tables of a broken review would mislead."""
    from metaethno.render.diagnostics import Summary, format_text

    with step(f"Reading and checking {review_dir}"):
        checked = load_and_check(review_dir)
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


# The width of terminal tables written to a file or a pipe, and the rows of each table.
FILE_WIDTH = 100
FILE_HEIGHT = 50
# The fewest rows a terminal table shows, however low the window.
MIN_ROWS = 10


@dataclass(frozen=True)
class Terminal:
    """Where tabular output goes: to a terminal or not, how wide, and whether in colour."""

    is_terminal: bool
    width: int
    color: bool
    height: int = FILE_HEIGHT


def terminal_for(output: Path | None) -> Terminal:
    """As rich decides for `check`: colour on a terminal or with FORCE_COLOR, never with NO_COLOR."""
    import shutil

    if output is not None:  # a file is the same whatever window the command ran in
        return Terminal(is_terminal=False, width=FILE_WIDTH, color=False)
    to_terminal = sys.stdout.isatty()
    color = (to_terminal or bool(os.environ.get("FORCE_COLOR"))) and not os.environ.get("NO_COLOR")
    size = shutil.get_terminal_size((FILE_WIDTH, FILE_HEIGHT))
    return Terminal(to_terminal, size.columns, color, size.lines)


def table_screen(ctx: typer.Context, terminal: Terminal, show_all: bool) -> Screen:
    """What of each table `--format table` prints: everything with --all (with its progress
    on a terminal), else what the screen holds. The line under a cut table repeats the
    command with the options that choose its tables, quoted for the shell."""
    import shlex

    from metaethno.render.terminal import Screen

    words = ["metaethno", ctx.info_name or "", *_table_options(ctx)]
    return Screen(
        rows=max(terminal.height, MIN_ROWS),
        command=shlex.join(words),
        whole=show_all,
        progress=progress,
    )


# Options that say how or where to write, not which tables: the command's line for a whole
# table gives its own.
NOT_TABLE_OPTIONS = {"given_format", "output", "force", "show_all"}


def _table_options(ctx: typer.Context) -> Iterator[str]:
    """The command's arguments and the options given other than their defaults, as words."""
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        if param.name in NOT_TABLE_OPTIONS or value is None or value == param.default:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        words = [str(v.value if isinstance(v, StrEnum) else v) for v in values]
        if param.param_type_name == "argument":
            yield from words
        else:
            for word in words:
                yield from (param.opts[0], word)
