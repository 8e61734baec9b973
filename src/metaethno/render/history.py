"""`history`'s output, and the report's appendix "Audit trail of translation decisions"."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from metaethno.analysis.history import Event
from metaethno.render import markdown as md
from metaethno.render.tables import Table
from metaethno.render.tables import render_csv as table_csv

HEADERS = ["Date", "Commit", "Author", "Concept", "Translation", "Change", "Detail", "Why"]


def _row(event: Event) -> list[str]:
    return [
        event.date[:10],
        event.sha,
        event.author,
        event.concept,
        event.translation,
        event.change,
        event.detail,
        event.subject,
    ]


def render_markdown(found: Sequence[Event], level: int = 1) -> str:
    """The audit trail as a heading and one table, oldest change first."""
    heading = md.heading(level, "Audit trail of translation decisions")
    if not found:
        return heading + md.paragraph("No commit has changed a synthesised concept yet.")
    intro = md.paragraph(
        "Each change to a synthesised concept or one of its translations, from the review's "
        "git history: when, in which commit, by whom, and why (the commit's subject)."
    )
    # the date and the commit are git's, which escaping would only clutter
    rows = [[*cells[:2], *map(md.escape, cells[2:])] for cells in map(_row, found)]
    return heading + intro + md.table(HEADERS, rows)


def render_json(found: Sequence[Event]) -> str:
    return json.dumps([asdict(event) for event in found], indent=2, ensure_ascii=False) + "\n"


def render_csv(found: Sequence[Event]) -> str:
    headers = tuple(header.lower() for header in HEADERS)
    rows = tuple(tuple(_row(event)) for event in found)
    return table_csv(Table("Audit trail of translation decisions", "history.csv", headers, rows))
