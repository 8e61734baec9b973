"""What a YAML file that cannot be read is told: where the problem is, in the parser's
words, and the hint that usually fixes it (wrong indentation, a `: ` in unquoted text)."""

from __future__ import annotations

import re

import yaml

from metaethno.review import rules
from metaethno.review.diagnostics import Diagnostic, Location


def decode_error(source: bytes, path: str, error: UnicodeDecodeError) -> Diagnostic:
    """The error for bytes that are not UTF-8, at the line and column of the first."""
    line_start = source.rfind(b"\n", 0, error.start) + 1
    line = source.count(b"\n", 0, error.start) + 1
    col = len(source[line_start : error.start].decode("utf-8", "replace")) + 1
    byte = source[error.start : error.start + 1].hex()
    return rules.INVALID_UTF8.at(
        Location(path, line, col), f"byte 0x{byte} is not valid UTF-8; save the file as UTF-8"
    )


_SYNTAX_HINTS = {
    "mapping values are not allowed": "put the value in quotes if it contains `: `",
    "cannot start any token": "indent with spaces, not tabs, and quote text that starts with `@` or a backtick",
    "found undefined tag handle": "put the value in quotes if it starts with `!`",
    "did not find expected key": "check the indentation of this line against the lines above",
    "did not find expected '-' indicator": "check the indentation of this line: a list's `- ` "
    "items start in one column, and the keys of an item line up under its first key",
    "violates indentation": "indent with spaces, not tabs",
    "found unexpected end of stream": "close the quote or bracket",
    "could not find expected ':'": "add `: ` after the key, or quote the text",
}


def syntax_message(error: yaml.MarkedYAMLError, source: bytes) -> str:
    """libyaml's words, where it started if that is elsewhere, and what usually fixes it."""
    problem = error.problem or "invalid YAML"
    if error.context:
        problem = f"{problem} {error.context}"
    start, end = error.context_mark, error.problem_mark
    if start is not None and end is not None and start.line != end.line:
        problem += f" that starts at line {start.line + 1}, column {start.column + 1}"
    hint = _over_indented(source, end.line) if end is not None else None
    if hint is None:
        hint = next((fix for text, fix in _SYNTAX_HINTS.items() if text in problem), None)
    return f"YAML syntax error: {problem}" + (f"; {hint}" if hint else "")


# What libyaml (and PyYAML's own reader) counts as a line break in a mark's line number;
# str.splitlines() would count \v, \f and \x1c-\x1e too.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _over_indented(source: bytes, line: int) -> str | None:
    """A hint when line `line` (0-based) is indented under a key that already has a value.

    libyaml calls that "mapping values are not allowed", which reads like a quoting
    problem; the usual cause is two spaces too many.
    """
    lines = _LINE_BREAKS.split(source.decode("utf-8", "replace"))
    if line >= len(lines):
        return None
    here = lines[line]
    indent = len(here) - len(here.lstrip(" "))
    for number in range(line - 1, -1, -1):
        above = lines[number]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        # the column of the key, after the `- ` of a list item: `  - id: a` has `id` at 4
        content = above.lstrip(" ")
        while content.startswith("- "):
            content = content[2:].lstrip(" ")
        above_indent = len(above) - len(content)
        key, colon, value = content.strip().partition(": ")
        if indent > above_indent and colon and value.strip() and not value.startswith("#"):
            return (
                f"line {line + 1} is indented more than line {number + 1}, whose key `{key}` "
                "already has a value: line it up with the keys above, or put the value in "
                "quotes if it contains `: `"
            )
        return None
    return None


def reader_location(
    source: bytes, path: str, error: yaml.YAMLError, offsets_in_bytes: bool
) -> Location:
    """Where a reader error (a control character, say) is; libyaml gives a byte offset,
    PyYAML's own reader a character offset (`offsets_in_bytes`)."""
    index = getattr(error, "position", None)
    if not isinstance(index, int):
        return Location(path, 1, 1)
    text = (
        source[:index].decode("utf-8", "replace") if offsets_in_bytes else source.decode()[:index]
    )
    line_start = text.rfind("\n") + 1
    column = len(text) - line_start + 1
    if line_start == 0 and text.startswith("\ufeff"):
        column -= 1  # the byte-order mark is not a character the user sees
    return Location(path, text.count("\n") + 1, column)


def reader_problem(error: yaml.YAMLError) -> str:
    """The reader's words for an unreadable character, and what to do."""
    return str(error).splitlines()[0].rstrip(".") + "; delete the character or retype it"
