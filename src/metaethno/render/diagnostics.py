"""Render diagnostics for people, programs and GitHub, chosen by name."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import plural

JSON_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Summary:
    """What was checked and what was found, for the closing line and the JSON header."""

    studies: int
    concepts: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, diagnostics: Sequence[Diagnostic], studies: int, concepts: int) -> Summary:
        errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
        return cls(studies, concepts, errors, len(diagnostics) - errors)

    def sentence(self) -> str:
        found = (
            "no problems"
            if not self.errors and not self.warnings
            else f"{plural(self.errors, 'error')}, {plural(self.warnings, 'warning')}"
        )
        return f"{plural(self.studies, 'study', 'studies')}, {plural(self.concepts, 'concept')}: {found}"


def format_text(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:  # noqa: ARG001 - one signature for FORMATTERS
    """One line per problem, `path:line:col: severity CODE message`, for editors and grep."""
    return "".join(
        f"{d.path}:{d.line}:{d.col}: {d.severity.value} {d.code} {d.message}\n" for d in diagnostics
    )


def format_json(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    """A stable JSON object: `version`, `error`, `summary` and `diagnostics` (documented in
    docs/checks.md); `error` is null, as the review could be read."""
    document = {
        "version": JSON_FORMAT_VERSION,
        "error": None,
        "summary": {
            "studies": summary.studies,
            "concepts": summary.concepts,
            "errors": summary.errors,
            "warnings": summary.warnings,
        },
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "col": d.col,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
            }
            for d in diagnostics
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def format_json_failure(message: str) -> str:
    """The same object for a review that cannot be read: `error` says why, nothing was checked."""
    document = {
        "version": JSON_FORMAT_VERSION,
        "error": message,
        "summary": None,
        "diagnostics": [],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def format_github(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:  # noqa: ARG001 - one signature for FORMATTERS
    """GitHub Actions workflow commands, which show as annotations on the changed lines."""
    return "".join(
        f"::{d.severity.value} file={_property(d.path)},line={d.line},col={d.col},"
        f"title={_property(d.code)}::{_data(d.message)}\n"
        for d in diagnostics
    )


def format_github_failure(message: str) -> str:
    """One error annotation, on the run rather than a line, for a review that cannot be read."""
    return f"::error title={_property('metaethno check')}::{_data(message)}\n"


# GitHub refuses a step summary over 1 MiB; rows past this many bytes are counted, not shown.
GITHUB_SUMMARY_LIMIT = 900_000
CHECKS_DOCS = "https://github.com/metaethno/metaethno/blob/main/docs/checks.md"


def format_github_summary(
    diagnostics: Sequence[Diagnostic], summary: Summary, limit: int = GITHUB_SUMMARY_LIMIT
) -> str:
    """A Markdown job summary: the counts and a table of every problem.

    GitHub shows at most ten annotations of each kind per step, so the summary (which
    `check` appends to the file named by `GITHUB_STEP_SUMMARY`) is where the whole list is
    read. Every cell is escaped, so no message can break the table. Should the table pass
    `limit` bytes, the remaining problems are counted instead of listed.
    """
    from metaethno.render.markdown import escape, table

    head = f"## metaethno check\n\n**{escape(summary.sentence())}**\n\n"
    if not diagnostics:
        return head
    headers = ["severity", "file", "line", "column", "code", "message"]
    rows: list[list[str]] = []
    size = len(head.encode())
    for d in diagnostics:
        row = [
            d.severity.value,
            escape(d.path),
            str(d.line),
            str(d.col),
            f"[{escape(d.code)}]({CHECKS_DOCS}#{d.code.lower()})",
            escape(d.message),
        ]
        size += len(" | ".join(row).encode()) + 5
        if size > limit:
            break
        rows.append(row)
    text = head + table(headers, rows, numeric=(2, 3))
    left = len(diagnostics) - len(rows)
    if left:
        text += f"{plural(left, 'more problem')} not shown here: the job's log lists every one.\n\n"
    return text


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


Formatter = Callable[[Sequence[Diagnostic], Summary], str]

FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}

# For a review that cannot be read; text needs none, as the message goes to standard error.
FAILURE_FORMATTERS: dict[str, Callable[[str], str]] = {
    "json": format_json_failure,
    "github": format_github_failure,
}
