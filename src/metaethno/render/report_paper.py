"""The report of a review with a `methods` block, ordered as a paper reads, with the eMERGe
checklist as its last appendix (docs/reporting.md).

The sections follow eMERGe's placement of its criteria: introduction (1-4), methods (5-7, 9,
11, 13, 15), findings (8, 10, 12, 14, 16) and discussion (17-19). The synthesis sections of
the report without `methods` are placed under the findings, one heading level lower. The
checklist links each criterion to the heading where the report shows it, so it can only
name a heading that is there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from metaethno.render import markdown as md
from metaethno.render.included import demote, include
from metaethno.render.prisma import flow_markdown
from metaethno.render.tables import Table, render_csv
from metaethno.render.team import reviewers_markdown
from metaethno.review.emerge import CRITERIA, Criterion, missing_fields
from metaethno.review.loaded import Review
from metaethno.review.methods import FileText, Methods

CHECKLIST_TITLE = "eMERGe reporting checklist"


class ReportSections(NamedTuple):
    """The report's sections as a review without `methods` has them, in that order."""

    title: str
    team: str
    studies: str
    translation: str
    related: str
    argument: str
    findings: str
    sensitivity: str
    framework: str
    untranslated: str


@dataclass
class _Paper:
    """The paper as it is written: its Markdown, and the headings each criterion is under."""

    review: Review
    base: str
    parts: list[str]
    reported: dict[int, list[str]] = field(default_factory=dict)
    pending: str = ""  # the heading of a part of the paper, written before its first section

    def part(self, heading: str) -> None:
        """Start a part of the paper (Introduction, Methods...), headed only if it has sections."""
        self.pending = md.heading(2, heading)

    def add(self, markdown: str) -> None:
        """Markdown of the current part, after its heading."""
        if markdown:
            self.parts += [self.pending, markdown]
            self.pending = ""

    def section(self, criterion: int, heading: str, body: str) -> None:
        """`body` under a third-level `heading` reporting `criterion`; nothing without a body."""
        if body:
            self.add(md.heading(3, heading) + body)
            self.reported.setdefault(criterion, []).append(heading)

    def text(
        self, criterion: int, heading: str, methods: Methods, field: str, then: str = ""
    ) -> bool:
        """A `methods` text field as a section, followed by `then`: inline text escaped, a
        file's Markdown included. Whether the field has text."""
        value = getattr(methods, field)
        if isinstance(value, FileText):
            written = self.review.method_texts.get(value.file)
            body = include(written, 3, value.file, self.base) if written is not None else ""
        else:
            body = md.paragraph(md.escape(value)) if value else ""
        self.section(criterion, heading, body + then if body else "")
        return bool(body)

    def synthesis(self, criterion: int, heading: str, rendered: str) -> None:
        """A section of the report without `methods`, one level lower, under `heading`."""
        if rendered:
            self.add(demote(rendered, 1))
            self.reported.setdefault(criterion, []).append(heading)


def paper_markdown(
    review: Review, sections: ReportSections, base: str
) -> tuple[str, list[ChecklistRow]]:
    """The report, and its checklist as a table; `base` is the review folder as seen from the
    folder the report is written to, for the links of the files it includes."""
    config = review.config
    methods = config.methods if config and config.methods else Methods()
    paper = _Paper(review, base, [sections.title])
    paper.part("Introduction")
    paper.text(1, "Rationale and context", methods, "rationale")
    paper.text(2, "Aims", methods, "aims")
    question = config.question if config else None
    paper.section(3, "Review question", md.paragraph(md.escape(question)) if question else "")
    paper.text(4, "Why meta-ethnography", methods, "why_meta_ethnography")
    paper.part("Methods")
    paper.text(5, "Search strategy", methods, "search_strategy")
    paper.text(6, "Search process", methods, "search_process")
    paper.text(7, "Selection of studies", methods, "selection")
    team = reviewers_markdown(review, level=4)
    if not paper.text(9, "Reading and data extraction", methods, "reading_and_extraction", team):
        paper.add(reviewers_markdown(review, level=3))
    paper.text(11, "How the studies were compared", methods, "relating_studies")
    paper.text(13, "Translation process", methods, "translation_process")
    paper.text(15, "Synthesis process", methods, "synthesis_process")
    paper.part("Findings")
    if methods.flow is not None:
        body = flow_markdown(methods.flow, methods.excluded_studies, level=4)
        paper.section(8, "Outcome of study selection", body)
    paper.synthesis(10, "Characteristics of included studies", sections.studies)
    paper.synthesis(12, "How the studies are related", sections.related)
    paper.synthesis(14, "Translation", sections.translation)
    paper.synthesis(16, "Line of argument", sections.argument)
    for rendered in (sections.findings, sections.sensitivity, sections.framework):
        paper.add(demote(rendered, 1) if rendered else "")
    paper.part("Discussion")
    paper.text(17, "Findings and existing literature", methods, "comparison_with_literature")
    paper.text(18, "Strengths and limitations", methods, "strengths_and_limitations")
    paper.text(18, "Reflexivity", methods, "reflexivity")
    paper.text(19, "Recommendations and conclusions", methods, "recommendations")
    rows = checklist_rows(review, paper.reported)
    paper.parts += [sections.untranslated, md.heading(2, f"Appendix: {CHECKLIST_TITLE}")]
    paper.parts.append(checklist_markdown(rows, links=True))
    return md.document(paper.parts), rows


@dataclass(frozen=True)
class ChecklistRow:
    """One eMERGe criterion: the report's headings that show it, and what it lacks."""

    criterion: Criterion
    headings: list[str]
    missing: list[str]

    def reported_in(self, name: Callable[[str], str]) -> str:
        """Where the criterion is reported, each heading as `name` writes it."""
        if not self.headings:
            return "not reported"
        shown = [name(heading) for heading in self.headings]
        lacking = [f"not reported: {field}" for field in self.missing]
        return "; ".join([*shown, *lacking])


def checklist_rows(review: Review, reported: dict[int, list[str]]) -> list[ChecklistRow]:
    """Each criterion with the headings that show it; one whose content is missing (as
    `check` sees it, ME316) is not reported, whatever heading the report has."""
    rows = []
    for criterion in CRITERIA:
        missing = missing_fields(review, criterion)
        headings = reported.get(criterion.number, [])
        if len(missing) == len(criterion.fields):
            headings = []
        rows.append(ChecklistRow(criterion, headings, missing))
    return rows


def checklist_markdown(rows: Sequence[ChecklistRow], links: bool) -> str:
    """The checklist as a Markdown table; with `links`, each heading links to its anchor."""

    def name(heading: str) -> str:
        return f"[{md.escape(heading)}](#{anchor(heading)})" if links else md.escape(heading)

    body = [
        [
            str(row.criterion.number),
            md.escape(row.criterion.heading),
            row.criterion.section,
            md.escape(row.reported_in(str)) if not links else row.reported_in(name),
        ]
        for row in rows
    ]
    return md.table(["#", "Criterion", "Section", "Reported in"], body, numeric=[0])


def checklist_csv(rows: Sequence[ChecklistRow]) -> str:
    """The checklist as CSV, one row per criterion, as journals' submission systems take it."""
    table = Table(
        "eMERGe checklist",
        "emerge-checklist.csv",
        ("Number", "Criterion", "Section", "Reported in"),
        tuple(
            (
                row.criterion.number,
                row.criterion.heading,
                row.criterion.section,
                row.reported_in(str),
            )
            for row in rows
        ),
    )
    return render_csv(table)


def anchor(heading: str) -> str:
    """The anchor GitHub and pandoc give a heading of plain words: lower case, spaces as `-`."""
    return re.sub(r"[^a-z0-9 _-]", "", heading.lower()).replace(" ", "-")
