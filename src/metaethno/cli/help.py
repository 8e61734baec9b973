"""The help of every command: plain text wrapped to the terminal, at most 80 columns wide, as
ruff, black and pre-commit write theirs.

`metaethno COMMAND --help` starts as fast as `import typer`: typer builds a command's options
(and, from 0.29, loads pydantic to read them) before it can print any help, which takes longer
than that. So every page is kept as data in `help_pages.json`, which `make docs` writes from the
commands themselves and a test keeps current, and `main` prints the page asked for without
importing typer. Help asked for any other way (`metaethno new`, `--help` after other options,
the `app` object) is the same page, made from the live command by the same function.

This module prints the pages; `help_source` makes them. `main` imports this one on every run,
`--version` too, so it imports little.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

PAGES = Path(__file__).with_name("help_pages.json")
MAX_WIDTH = 80
TERM_COLUMN = 30  # a longer option's explanation starts on the next line
HELP_FLAGS = frozenset({"-h", "--help"})
# Options of the root that may come before the words of a command without changing its help.
ROOT_FLAGS = ("-q", "--quiet", "--debug")

# A page: {"usage": "...", "text": "...", "sections": [[title, [[term, definition], ...]], ...]}
Page = dict[str, Any]


def requested_page(args: list[str]) -> Page | None:
    """The stored page that `args` (the words after `metaethno`) ask for, when they are only a
    command's words and -h or --help; None for anything else, which typer then parses."""
    words = list(args)
    while words and words[0] in ROOT_FLAGS:
        words.pop(0)
    if not words or words[-1] not in HELP_FLAGS:
        return None
    import json

    pages: dict[str, Page] = json.loads(PAGES.read_text(encoding="utf-8"))
    return pages.get(" ".join(words[:-1]))


def render_page(page: Page) -> str:
    """A page as text as wide as the terminal, at most MAX_WIDTH (and at least 40) columns."""
    width = max(min(shutil.get_terminal_size().columns, MAX_WIDTH), 40)
    parts = [_wrap(f"Usage: {page['usage']}", width, "", " " * len("Usage: ")) + "\n"]
    for paragraph in page["text"].split("\n\n") if page["text"] else []:
        parts.append("\n" + _wrap(paragraph, width, "  ", "  ") + "\n")
    for title, rows in page["sections"]:
        if rows:
            parts.append(f"\n{title}:\n" + _definitions(rows, width))
    return "".join(parts)


def _definitions(rows: list[list[str]], width: int) -> str:
    """Terms and their explanations in two columns, as click's help lists them."""
    column = min(max(len(term) for term, _ in rows), TERM_COLUMN) + 4
    lines = []
    for term, definition in rows:
        first = f"  {term}"
        if not definition:
            lines.append(first)
            continue
        indent = " " * column
        text = _wrap(definition, width, indent, indent).lstrip(" ")
        if len(first) + 2 <= column:
            lines.append(first.ljust(column) + text)
        else:
            lines += [first, indent + text]
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
    )
