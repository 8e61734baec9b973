"""The terminal tables the renderers share: one table style, and a console printed to a string.

rich is imported inside the functions only, so importing a renderer (as the CLI does at
start-up) does not load it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

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
