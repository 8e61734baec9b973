"""Read back Markdown that a renderer wrote, independently of the renderer's own helpers.

Tables are found and split the way GitHub does it: a header row, a separator row,
then rows until a line that does not start with `|`; cells split on every `|` not
escaped by a backslash. Lines inside code fences are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEPARATOR = re.compile(r"^\|( *:?-{3,}:? *\|)+$")


@dataclass(frozen=True)
class Table:
    line: int
    header: list[str]
    rows: list[list[str]]


def outside_fences(text: str) -> list[tuple[int, str]]:
    """(line number, line) for every line not inside a ``` or ~~~ code fence."""
    lines: list[tuple[int, str]] = []
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        lines.append((number, line))
    return lines


def split_row(line: str) -> list[str]:
    """The cells of a table row, splitting on unescaped pipes."""
    assert line.startswith("|"), line
    cells: list[str] = []
    current: list[str] = []
    index = 1
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            current.append(line[index : index + 2])
            index += 2
            continue
        if char == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    assert not "".join(current).strip(), f"row does not end with an unescaped pipe: {line!r}"
    return cells


def tables(text: str) -> list[Table]:
    """Every table of a Markdown document; a stray line starting with `|` fails."""
    found: list[Table] = []
    lines = outside_fences(text)
    position = 0
    while position < len(lines):
        number, line = lines[position]
        if not line.startswith("|"):
            position += 1
            continue
        assert position + 1 < len(lines) and SEPARATOR.match(lines[position + 1][1]), (
            f"line {number} starts with `|` but is not a table header: {line!r}"
        )
        header = split_row(line)
        position += 2
        rows = []
        while position < len(lines) and lines[position][1].startswith("|"):
            rows.append(split_row(lines[position][1]))
            position += 1
        found.append(Table(number, header, rows))
    return found


def headings(text: str) -> list[str]:
    """Lines outside code fences that Markdown reads as ATX headings."""
    return [line for _, line in outside_fences(text) if re.match(r"^ {0,3}#{1,6}( |$)", line)]
