"""The `metaethno` command line: one module per command group, all on one typer app.

Typer builds every registered command before it runs one, so `main` registers
only the command on the command line (none for `--version`), and prints a
command's --help from its stored page without typer (`help.py`); start-up then
costs little more than importing typer. `app`, asked for by name (as tests and
other programs do), has every command.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, NoReturn

from metaethno.cli.help import HELP_FLAGS, render_page, requested_page

if TYPE_CHECKING:
    import typer

# A run builds its tables once and keeps them until it exits, so the collector's default
# (a collection every 700 new objects) walks the same million-cell grids again and again for
# nothing; a run of `metaethno` collects a hundred times less often. Programs that import the
# library keep their own setting.
COLLECTION_THRESHOLD = 100_000

# Each command, and the module of this package that defines it, in the order of --help
# (typer lists the groups of subcommands, `new`, `import` and `export`, last).
COMMAND_MODULES = {
    "check": "check",
    "translate": "translate",
    "report": "report",
    "relate": "relate",
    "graph": "relate",
    "suggest": "suggest",
    "compare": "compare",
    "history": "history",
    "rule": "rules",
    "init": "authoring",
    "schema": "schema",
    "new": "authoring",
    "import": "references",
    "export": "export",
}


def load_commands(modules: Iterable[str] = COMMAND_MODULES.values()) -> typer.Typer:
    """The app with the commands of `modules` registered (importing a module registers them)."""
    from metaethno.cli.core import app

    for module in dict.fromkeys(modules):
        importlib.import_module(f"metaethno.cli.{module}")
    return app


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Run the command line, registering only what this run needs; a command's --help is
    printed from its stored page, without typer (`metaethno.cli.help`)."""
    _replace_unencodable()
    page = requested_page(sys.argv[1:])
    if page is not None:
        try:
            sys.stdout.write(render_page(page))
            sys.stdout.flush()
        except OSError as error:
            _cannot_write(error)
        return
    words = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    command = words[0] if words else None
    if command in COMMAND_MODULES:
        app = load_commands([COMMAND_MODULES[command]])
    elif command is None and "--version" in sys.argv[1:] and not HELP_FLAGS & {*sys.argv[1:]}:
        app = load_commands([])
    else:  # help, or a command typer should say it does not know
        app = load_commands()
    gc.set_threshold(COLLECTION_THRESHOLD, *gc.get_threshold()[1:])
    try:
        app()
    except OSError as error:  # only --help and --version write outside a command's handler
        _cannot_write(error)


def _replace_unencodable() -> None:
    """Let standard output and error that cannot encode every character (a Windows console's
    cp1252, say) write `?` for those characters instead of failing part-way through a command;
    the first `?` on standard output brings one warning. Files are always UTF-8 and keep
    everything."""
    import codecs
    import io

    warned = False

    def replace_and_warn(error: UnicodeError) -> tuple[str, int]:
        nonlocal warned
        if not isinstance(error, UnicodeEncodeError):
            raise error
        if not warned:
            warned = True
            sys.stderr.write(
                f"metaethno: warning: standard output ({sys.stdout.encoding}) cannot show some "
                "characters of this output, shown as '?'; to keep them all, write to a file "
                "with -o where the command has it, or set PYTHONIOENCODING=utf-8\n"
            )
        return "?" * (error.end - error.start), error.end

    codecs.register_error("metaethno-replace", replace_and_warn)
    for stream, errors in ((sys.stdout, "metaethno-replace"), (sys.stderr, "replace")):
        if isinstance(stream, io.TextIOWrapper) and not _encodes_everything(stream.encoding):
            stream.reconfigure(errors=errors)


def _encodes_everything(encoding: str) -> bool:
    """Whether `encoding` can write every character (UTF-8 and its kin, GB 18030)."""
    try:
        "\U0010ffff".encode(encoding)
    except UnicodeError:
        return False
    return True


def _cannot_write(error: OSError) -> NoReturn:
    """Say in one line that standard output could not be written (a full disk, a closed
    pipe), and exit 2; what is still buffered goes nowhere rather than to a second traceback
    when Python flushes it on exit."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):  # ValueError: no file descriptor behind it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.stderr.write(f"metaethno: cannot write the output ({error.strerror or error})\n")
    sys.exit(2)
