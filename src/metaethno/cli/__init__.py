"""The `metaethno` command line: one module per command group, all on one typer app.

Typer builds every registered command before it runs one, so `main` registers
only the command on the command line (none for `--version`); start-up then
costs little more than importing typer. `app`, asked for by name (as tests and
other programs do), has every command.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

# Each command, and the module of this package that defines it, in the order of --help
# (typer lists the groups of subcommands, `new`, `import` and `export`, last).
COMMAND_MODULES = {
    "check": "check",
    "translate": "translate",
    "report": "translate",
    "relate": "relate",
    "graph": "relate",
    "suggest": "suggest",
    "init": "authoring",
    "schema": "authoring",
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
    """Run the command line, registering only what this run needs."""
    words = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    command = words[0] if words else None
    if command in COMMAND_MODULES:
        load_commands([COMMAND_MODULES[command]])()
    elif command is None and "--version" in sys.argv[1:] and "--help" not in sys.argv[1:]:
        load_commands([])()
    else:  # help, or a command typer should say it does not know
        load_commands()()
