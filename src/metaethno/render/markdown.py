"""Markdown building blocks that reviewers' text cannot break.

Everything a reviewer wrote goes through `escape` before it reaches a document:
a `|` cannot end a table cell, a newline cannot end a table row or start a
block, `<script>` stays text, and `#`, `>`, `-`, `+` or `1.` at the start cannot
make a heading, quote or list. The renderer's own markup (`**`, headings, code
spans around ids) is added around escaped text, never inside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Characters that GitHub-flavoured Markdown gives a meaning anywhere in a line: a backslash
# escape makes each literal. `<`, `>` and `&` become entities instead, so no HTML tag or entity
# can be written; `|` is escaped even outside tables, since text is often put in a cell.
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML = re.compile(r"[&<>]")
# What would start a block at the beginning of a line: a heading, a list item, a numbered list,
# a thematic break or setext underline, a code fence (backticks and tildes are escaped anyway).
_BLOCK_START = re.compile(r"^(\d*)([#\-+=]|(?<=\d)[.)])")
_LINE_BREAK = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def escape(text: str) -> str:
    """Reviewer text as inline Markdown that shows exactly what was written, on one line.

    Line breaks become `<br>`, so a paragraph, list item or table cell stays one
    line; surrounding whitespace is dropped, so indentation cannot make a code block.
    """
    lines = _LINE_BREAK.split(text.strip())
    return "<br>".join(_escape_line(line) for line in lines)


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line)
    line = _HTML.sub(lambda match: _ENTITIES[match.group()], line)
    return _BLOCK_START.sub(r"\1\\\2", line)


def code(identifier: str) -> str:
    """An id as a code span; ids never hold a backtick, but anything else is escaped instead."""
    return f"`{identifier}`" if identifier and "`" not in identifier else escape(identifier)


def heading(level: int, text: str) -> str:
    """An ATX heading of escaped text, followed by a blank line."""
    return f"{'#' * level} {escape(text)}\n\n"


def paragraph(text: str) -> str:
    """Already-escaped inline Markdown as a paragraph, followed by a blank line."""
    return f"{text}\n\n"


def bullets(items: Sequence[str]) -> str:
    """Already-escaped inline Markdown items as a bullet list, followed by a blank line."""
    if not items:
        return ""
    return "".join(f"- {item}\n" for item in items) + "\n"


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """A GitHub-flavoured table of already-escaped cells, followed by a blank line.

    `numeric` lists the columns to right-align. Every row must have as many cells
    as the header: a short row would shift the columns after it.
    """
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"a row of {len(row)} cells under {len(headers)} headers")
    separator = ["---:" if index in numeric else "---" for index in range(len(headers))]
    lines = [_row(headers), _row(separator), *(_row(row) for row in rows)]
    return "\n".join(lines) + "\n\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
