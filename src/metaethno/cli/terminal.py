"""What a command knows of the terminal it prints to: width, height, colour, and how much of
a table `--format table` shows."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from metaethno.cli.progress import progress

if TYPE_CHECKING:
    from metaethno.render.terminal import Screen


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
