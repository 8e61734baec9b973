"""Markdown written by the reviewers in a file of the review, put inside the report.

The file is inserted as written, with three changes that keep the report whole: its
headings are moved below the report heading it sits under (a `# Heading` in the file cannot
start a section of the report), raw HTML is shown as text (an unclosed `<details>` or `<!--`
cannot swallow the sections after it), and a code fence left open is closed. Relative links
and images are rewritten to point at the same files from the folder the report is written to.
"""

from __future__ import annotations

import posixpath
import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)[ \t]*(.*?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# A line that cannot be a setext heading's text: a list item, quote, table row or heading.
_NOT_TEXT = re.compile(r"^ {0,3}(?:[-+*>|#]|\d+[.)])")
_CODE_SPAN = re.compile(r"(`+).*?\1")
# `<` of an autolink stays; any other `<` would open raw HTML, so it becomes `&lt;`.
_TAG = re.compile(r"<(?!(?:https?://|mailto:)[^\s<>]*>)")
_INLINE_LINK = re.compile(r"(!?\[[^\]]*\]\()(<[^>\n]*>|[^)\s]+)")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>\n]*>|\S+)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
MAX_LEVEL = 6


def include(text: str, level: int, path: str, base: str) -> str:
    """The Markdown of `path` (relative to the review) to go under a heading of `level`;
    `base` is the review folder as seen from the report's folder ("" when they are one)."""
    folder = posixpath.join(base, posixpath.dirname(path))
    out: list[str] = []
    fence: str | None = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        atx = _ATX.match(line)
        underline = _SETEXT.match(line)
        if atx:
            out.append(_heading(len(atx.group(1)) + level, atx.group(2)))
        elif underline and out and out[-1].strip() and not _NOT_TEXT.match(out[-1]):
            depth = 1 if underline.group(1)[0] == "=" else 2
            out[-1] = _heading(depth + level, out[-1].strip())
        else:
            out.append(_links(_no_html(line), folder))
    if fence is not None:
        out.append(fence)
    return "\n".join(out).strip("\n") + "\n\n"


def _heading(level: int, text: str) -> str:
    return f"{'#' * min(level, MAX_LEVEL)} {_no_html(text)}".rstrip()


def _no_html(line: str) -> str:
    """`line` with every `<` outside code spans written as `&lt;`, so no HTML is made."""
    parts, start = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts += [_TAG.sub("&lt;", line[start : span.start()]), span.group()]
        start = span.end()
    parts.append(_TAG.sub("&lt;", line[start:]))
    return "".join(parts)


def _links(line: str, folder: str) -> str:
    """Relative link and image targets of `line` rewritten to start from `folder`."""
    if folder in ("", "."):
        return line

    def moved(match: re.Match[str]) -> str:
        target = match.group(2)
        bare = target.strip("<>")
        if not bare or bare.startswith(("#", "/")) or _SCHEME.match(bare):
            return match.group()
        path = posixpath.normpath(posixpath.join(folder, bare))
        return match.group(1) + (f"<{path}>" if target.startswith("<") else path)

    return _REFERENCE.sub(moved, _INLINE_LINK.sub(moved, line))


def demote(markdown: str, by: int) -> str:
    """The report's own Markdown with every heading `by` levels lower, code blocks untouched:
    the sections of a report without `methods` placed under the paper's sections."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and opening and opening.group(1).startswith(fence):
            fence = None
        elif fence is None and line.startswith("#"):
            line = "#" * by + line
        out.append(line)
    return "\n".join(out)
