"""The terminal tables the renderers share: one table style, a console printed to a string,
and the screen a table is cut to.

rich is imported inside the functions only, so importing a renderer (as the CLI does at
start-up) does not load it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from metaethno.review.hints import plural

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def table(title: str, headers: Sequence[str], numeric: Sequence[int] = ()) -> Table:
    """A table with a simple rule under its headers; the columns numbered in `numeric` are
    right-aligned, and long cells fold rather than being cut."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=False)
    for index, header in enumerate(headers):
        table.add_column(header, justify="right" if index in numeric else "left", overflow="fold")
    return table


def buffered_console(width: int, color: bool) -> Console:
    """A console `width` columns wide, in colour or plain, that prints into a string; read
    what it printed with `printed_text`. Markup, highlighting and emoji codes are off, so
    text from the review is printed as it is."""
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
    )


def printed_text(console: Console) -> str:
    """What a `buffered_console` printed, each line ending in a newline."""
    buffer = console.file
    if not isinstance(buffer, io.StringIO):
        raise TypeError("printed_text reads only a console made by buffered_console")
    # rich pads every line to the width; the padding is noise in a file or a pipe
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


@dataclass(frozen=True)
class Screen:
    """How much of each table to print. A table of more than `rows` rows, or a grid split
    into more than `blocks` blocks of the width, is cut there and followed by the counts
    left out and the command that writes it whole: `command` (shell-quoted, with the
    options that choose the table) completed with a format and a file. Laying out a grid
    of thousands of cells takes minutes and nobody reads it on a screen; `whole` (--all)
    prints everything, and `progress` then hears of each block printed (done, total)."""

    rows: int = 50
    blocks: int = 3
    command: str = "metaethno"
    whole: bool = False
    progress: Callable[[int, int], None] | None = None

    def shown(self, count: int) -> int:
        """How many of `count` rows a table shows."""
        return count if self.whole else min(count, self.rows)

    def blocks_shown(self, count: int) -> int:
        """How many of `count` blocks a grid shows."""
        return count if self.whole else min(count, self.blocks)

    def advance(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def print_left_out(
        self, console: Console, counts: Sequence[tuple[int, str, str]], table: str, options: str
    ) -> None:
        """Under a cut table, what it leaves out, as (number, noun, plural), if any number is
        not 0; then, on a line of its own and never wrapped, so that it can be copied, the
        command that `options` complete to write it whole."""
        from rich.text import Text

        parts = [plural(number, one, many) for number, one, many in counts if number]
        if not parts:
            return
        console.print(
            Text(
                f"Not shown: {' and '.join(parts)}. To write the whole {table} to a file "
                "(or add --all to print it here):",
                style="bold",
            )
        )
        command = Text(f"  {self.command} {options}")
        console.print(command, no_wrap=True, overflow="ignore", crop=False)


# A screen that prints every table whole, for callers that do not choose one.
WHOLE = Screen(whole=True)
