"""The Markdown report read back as a tree, for the HTML and Word reports.

The report's content and order live in one place, `metaethno.render.report`; the HTML and
Word reports render the Markdown it writes, parsed here by markdown-it-py (the `html` and
`docx` extras, imported only here), so they cannot drift from it. Raw HTML is not read as
HTML: the report has none, and any in an included file shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from metaethno.render.markdown import LINE_BREAK
from metaethno.render.report_paper import anchor

# Tables wider than this many columns are wide: landscape when printed, sticky first column.
WIDE_COLUMNS = 7
_WORD = re.compile(r"\S+")


def parser() -> MarkdownIt:
    """A reader of GitHub-flavoured Markdown (tables, strikethrough) that reads no raw HTML."""
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def parse(markdown: str) -> list[Token]:
    """The block tokens of the Markdown report."""
    return parser().parse(markdown)


def break_lines(text: str) -> list[str]:
    """A text's lines: `markdown.LINE_BREAK` stands for a line break in reviewers' text."""
    return text.split(LINE_BREAK.strip()) if LINE_BREAK.strip() in text else [text]


@dataclass(frozen=True)
class Cell:
    """A table cell: its inline tokens and its plain text (for widths)."""

    inline: Token
    text: str
    header: bool
    numeric: bool


def table_rows(tokens: Sequence[Token], start: int) -> tuple[list[list[Cell]], int]:
    """The rows of the table whose `table_open` is at `start`, and the index after it."""
    rows: list[list[Cell]] = []
    index = start + 1
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            inline = tokens[index + 1]
            style = str(token.attrs.get("style", ""))
            rows[-1].append(
                Cell(inline, plain_text(inline), token.type == "th_open", "right" in style)
            )
        index += 1
    return rows, index + 1


def plain_text(inline: Token) -> str:
    """The text an inline token shows, without its markup."""
    return "".join(
        child.content for child in inline.children or [] if child.type in ("text", "code_inline")
    )


def longest_word(text: str) -> int:
    """The length of the longest word, which no column should be narrower than."""
    return max((len(word) for word in _WORD.findall(text)), default=0)


def heading_text(tokens: Sequence[Token], index: int) -> str:
    """The text of the heading whose `heading_open` is at `index`."""
    return plain_text(tokens[index + 1])


def slug(text: str, used: set[str]) -> str:
    """A heading's anchor as GitHub makes it (`report_paper.anchor`, which the report's own
    links use), unique in the document: a repeated one gets `-1`, `-2`..."""
    base = anchor(text) or "section"
    candidate, number = base, 0
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    used.add(candidate)
    return candidate
