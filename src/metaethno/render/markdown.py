"""Markdown building blocks that reviewers' text cannot break.

Everything a reviewer wrote goes through `escape` before it reaches a document:
a `|` cannot end a table cell, a newline cannot end a table row or start a
block, `<script>` stays text, and `#`, `>`, `-`, `+` or `1.` at the start cannot
make a heading, quote or list. The renderer's own markup (`**`, headings, code
spans around ids) is added around escaped text, never inside it.

The text is safe for pandoc's Markdown reader too, not only GitHub's: `^` (superscript),
`@` (citation), `--` (dash) and a letter or `(1)` list marker at the start are escaped; a
line break is written as ` ¶ ` rather than `<br>`, which pandoc drops from Word and LaTeX
(a table cell cannot hold a real break); DOIs become autolinks, which pandoc does not make
from bare URLs. Tables weight their separators by content, so that pandoc shares the page
width out by the text rather than equally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import compress, count
from urllib.parse import quote

# Characters that GitHub-flavoured Markdown gives a meaning anywhere in a line: a backslash
# escape makes each literal. `<`, `>` and `&` become entities instead, so no HTML tag or entity
# can be written; `|` is escaped even outside tables, since text is often put in a cell.
_INLINE = re.compile(r"([\\`*_\[\]|~$^@])")
# pandoc's `smart` extension reads `--` and `---` as dashes: every `-` after a `-` is escaped.
_DASHES = re.compile(r"(?<=-)-")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML = re.compile(r"[&<>]")
# What would start a block at the beginning of a line: a heading, a list item, a numbered list,
# a thematic break or setext underline, a code fence (backticks and tildes are escaped anyway).
# pandoc's `fancy_lists` also start a list at `a.`, `iv)` or `(2)`, and `example_lists` at `(@)`.
_BLOCK_START = re.compile(r"^(\d*)([#\-+=]|(?<=\d)[.)])")
_FANCY_LIST = re.compile(r"^(\(?(?:[A-Za-z]|[ivxlcdmIVXLCDM]+)|\(\d+)([.)])(?=\s|$)")
_LINE_BREAK = re.compile(r"\s*(?:\r\n|\r|\n)\s*")
# A separator's dashes (see `table`): at least 3, as GitHub needs; a long cell counts as 40.
MIN_DASHES = 3
MAX_DASHES = 40
# A line break in reviewers' text: visible in every Markdown reader, and read back as a real
# break by the HTML and Word reports (metaethno.render.document).
LINE_BREAK = " \N{PILCROW SIGN} "
# A DOI as a URL, written as an autolink (`<https://doi.org/...>`): a final `.`, `,`, `;`, `:`
# or `)` is the sentence's. Nothing is escaped inside an autolink, so any character that a URL
# does not hold as it is (and `|`, which would end a table cell) is percent-encoded instead.
_DOI = re.compile(r"https?://(?:dx\.)?doi\.org/\S*?(?=[.,;:)]*(?:\s|$))", re.IGNORECASE)
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;=%"


# Text with none of these characters, no `--`, no DOI and that starts no block needs no escaping:
# most text, tested quickly instead of by the half-dozen substitutions (a report escapes
# hundreds of thousands of cells).
_NEEDS_ESCAPING = re.compile(r"[\\`*_\[\]|~$^@&<>\r\n]")


def escape(text: str) -> str:
    """Reviewer text as inline Markdown that shows exactly what was written, on one line.

    Line breaks become `LINE_BREAK`, so a paragraph, list item or table cell stays one
    line; surrounding whitespace is dropped, so indentation cannot make a code block.
    """
    text = text.strip()
    if not (
        _NEEDS_ESCAPING.search(text)
        or "--" in text
        # any `doi.org` that _DOI matches, in any case, has `.org` once lowered: a string
        # search, where a case-blind search costs more than the rest together
        or ".org" in text.lower()
        or _BLOCK_START.match(text)
        or _FANCY_LIST.match(text)
    ):
        return text
    lines = _LINE_BREAK.split(text)
    return LINE_BREAK.join(_escape_line(line) for line in lines)


def _escape_line(line: str) -> str:
    parts: list[str] = []
    start = 0
    for match in _DOI.finditer(line):
        url = quote(match.group(), safe=_URL_SAFE)
        parts += [_escape_text(line[start : match.start()]), f"<{url}>"]
        start = match.end()
    parts.append(_escape_text(line[start:]))
    escaped = "".join(parts)
    escaped = _BLOCK_START.sub(r"\1\\\2", escaped)
    return _FANCY_LIST.sub(r"\1\\\2", escaped)


def _escape_text(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _DASHES.sub(r"\\-", text)
    return _HTML.sub(lambda match: _ENTITIES[match.group()], text)


def code(identifier: str) -> str:
    """An id as a code span; ids never hold a backtick, but anything else is escaped instead."""
    return f"`{identifier}`" if identifier and "`" not in identifier else escape(identifier)


def document(parts: Sequence[str]) -> str:
    """The parts as one document ending in exactly one newline.

    The same as joining them, stripping the trailing newlines and adding one, but copied
    once: a large review's report is tens of megabytes, and each copy of it counts.
    """
    kept = list(parts)
    while kept and not kept[-1].rstrip("\n"):
        kept.pop()
    if kept:
        kept[-1] = kept[-1].rstrip("\n")
    kept.append("\n")
    return "".join(kept)


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
    headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """A GitHub-flavoured table of already-escaped cells, followed by a blank line.

    `numeric` lists the columns to right-align. Every row must have as many cells
    as the header: a short row would shift the columns after it. Each separator has as
    many dashes as its column's longest cell, within bounds: pandoc reads the columns'
    relative widths from them.

    The rows are read once, so a generator of them is never held whole: a grid of
    thousands of studies is mostly empty cells, which are measured without a Python step.
    """
    longest = [len(header) for header in headers]
    lines = [_row(headers), ""]  # the separator, once every cell is measured
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"a row of {len(row)} cells under {len(headers)} headers")
        for index in compress(count(), row):
            longest[index] = max(longest[index], len(row[index]))
        lines.append(_row(row))
    lines[1] = _row(
        [
            "-" * max(MIN_DASHES, min(MAX_DASHES, length)) + (":" if index in numeric else "")
            for index, length in enumerate(longest)
        ]
    )
    return "\n".join(lines) + "\n\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
