"""The report's quality appraisal: each study's answers, comments and rating, the rule that
turns answers into ratings, and the questions of the tools used (CASP 2018, JBI)."""

from __future__ import annotations

from collections.abc import Sequence

from metaethno.analysis.translation import StudyColumn
from metaethno.render import markdown as md
from metaethno.review.instruments import ANSWERS, CASP_QUESTIONS, JBI_QUESTIONS, tool_questions
from metaethno.review.loaded import Review
from metaethno.review.models import Appraisal

TOOL_NAMES = {
    CASP_QUESTIONS: "the CASP qualitative checklist",
    JBI_QUESTIONS: "the JBI checklist for qualitative research",
}


def appraisal_markdown(review: Review, columns: Sequence[StudyColumn]) -> str:
    """The appraisal, one table per tool (a JBI study's question 10 is not CASP's), the rating
    rule, the comments on answers and each tool's questions; empty when no study is
    appraised."""
    appraised = [
        (column, appraisal)
        for column in columns
        if (appraisal := review.studies[column.id].appraisal) is not None
    ]
    if not appraised:
        return ""
    parts = [md.heading(3, "Quality appraisal")]
    rule = review.config.appraisal_rule if review.config else None
    if rule:
        parts.append(md.paragraph(f"**Rating rule:** {md.escape(rule)}"))
    by_tool: dict[str, list[tuple[StudyColumn, Appraisal]]] = {}
    for column, appraisal in appraised:
        by_tool.setdefault(_tool_label(appraisal), []).append((column, appraisal))
    for label, group in by_tool.items():
        questions = sorted({q for _, appraisal in group for q in appraisal.answers})
        headers = ["Study", *(str(q) for q in questions), "Rating", "Notes"]
        rows = [_row(column, appraisal, questions) for column, appraisal in group]
        headers, rows = without_empty_columns(headers, rows)
        parts.append(md.paragraph(f"Appraised with {md.escape(label)}:"))
        parts.append(md.table(headers, rows))
    comments = [
        f"**{md.escape(column.key)}**, question {question}: {md.escape(text)}"
        for column, appraisal in appraised
        for question, text in sorted(appraisal.comments.items())
    ]
    if comments:
        parts.append(md.paragraph("Comments on the answers:") + md.bullets(comments))
    for tool, name in TOOL_NAMES.items():
        used = [a for _, a in appraised if tool_questions(a.tool) is tool]
        asked = sorted({q for a in used for q in (*a.answers, *a.comments)})
        if asked:
            parts.append(
                md.paragraph(f"Questions of {name}:")
                + md.bullets([f"{q}: {md.escape(tool[q - 1])}" for q in asked])
            )
    return "".join(parts)


def _tool_label(appraisal: Appraisal) -> str:
    """The tool and its version, as the reviewers name them."""
    return f"{appraisal.tool} {appraisal.version}" if appraisal.version else appraisal.tool


def _row(column: StudyColumn, appraisal: Appraisal, questions: Sequence[int]) -> list[str]:
    return [
        md.escape(column.key),
        *(ANSWERS[appraisal.answers[q]] if q in appraisal.answers else "" for q in questions),
        appraisal.rating.capitalize() if appraisal.rating else "",
        md.escape(appraisal.notes or ""),
    ]


def without_empty_columns(
    headers: list[str], rows: list[list[str]]
) -> tuple[list[str], list[list[str]]]:
    """Drop the columns no row fills, except the first, which names the row."""
    keep = [i for i in range(len(headers)) if i == 0 or any(row[i] for row in rows)]
    return [headers[i] for i in keep], [[row[i] for i in keep] for row in rows]
