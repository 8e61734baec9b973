"""The review's tables as plain rows: for CSV files, the workbook and `translate --format csv`.

`build_tables` turns a checked review into `Table`s of plain values; `render_csv` here and
`metaethno.render.xlsx.render_xlsx` render them. The translation grid, the long list of translations, the
refutations and the cumulative translation come from `metaethno.analysis.translation`, as
`metaethno translate` shows them; the study characteristics, the appraisal and the
GRADE-CERQual summary are built here as rows (the report renders the same facts as
Markdown). docs/import-export.md lists every column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from metaethno.analysis.findings import Finding
from metaethno.analysis.synthesis import Synthesis
from metaethno.analysis.translation import (
    StudyColumn,
    TranslationTables,
    cell_text,
    entry_text,
    group_text,
)
from metaethno.review.instruments import (
    ANSWERS,
    CASP_QUESTIONS,
    CERQUAL_COMPONENTS,
    tool_name,
    tool_questions,
)
from metaethno.review.loaded import Review
from metaethno.review.models import Confidence

Value = str | int | None


@dataclass(frozen=True)
class Table:
    """One sheet of the workbook, and one CSV file.

    `frozen_columns` stay in view when scrolling sideways (the row's name); `notes`
    explain a header, as a comment on its cell in the workbook.
    """

    title: str
    file: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    frozen_columns: int = 0
    notes: dict[str, str] = field(default_factory=dict)


# The file of each table of `build_tables`, in order: `export csv` checks them before it loads
# the review.
CSV_FILES = (
    "studies.csv",
    "appraisal.csv",
    "translation-grid.csv",
    "translations.csv",
    "refutations.csv",
    "cumulative.csv",
    "cerqual.csv",
)


def build_tables(synthesis: Synthesis) -> tuple[Table, ...]:
    """Every table, studies in translation order and concepts in the line of argument's."""
    review, translation, studies = synthesis.review, synthesis.translation, synthesis.studies
    return (
        studies_table(review, studies),
        appraisal_table(review, studies),
        grid_table(translation),
        translations_table(translation),
        refutations_table(translation),
        cumulative_table(translation),
        cerqual_table(synthesis.findings),
    )


def studies_table(review: Review, studies: Sequence[StudyColumn]) -> Table:
    """The characteristics of the included studies, one row per study."""
    rows = []
    for column in studies:
        study = review.studies[column.id]
        context = study.context
        rows.append(
            (
                column.id,
                column.key,
                study.year,
                "\n".join(column.references),
                context.country if context else None,
                context.setting if context else None,
                context.population if context else None,
                context.sample_size if context else None,
                context.methods if context else None,
                context.focus if context else None,
                len(study.concepts),
                sum(len(concept.quotes) for concept in study.concepts),
            )
        )
    headers = (
        "Study ID",
        "Study",
        "Year",
        "References",
        "Country",
        "Setting",
        "Population",
        "Sample size",
        "Methods",
        "Focus",
        "Concepts",
        "Quotes",
    )
    return Table("Studies", "studies.csv", headers, tuple(rows), frozen_columns=2)


def appraisal_table(review: Review, studies: Sequence[StudyColumn]) -> Table:
    """The quality appraisal (tool and version, answers, comments, rating, notes), one row per
    study, blank where a study is not appraised. Each tool's answers have columns of their own
    ("CASP Q1", "JBI Q1"), since a question's number means something else in each tool. The
    comments are one cell, "Q10: ..." a line."""
    columns = _answer_columns(review, studies)
    rows = []
    for column in studies:
        appraisal = review.studies[column.id].appraisal
        tool = tool_name(appraisal.tool) if appraisal else None
        answers = appraisal.answers if appraisal else {}
        comments = sorted(appraisal.comments.items()) if appraisal else []
        rows.append(
            (
                column.id,
                column.key,
                appraisal.tool if appraisal else None,
                appraisal.version if appraisal else None,
                *(
                    ANSWERS[answers[q]] if name == tool and q in answers else None
                    for name, q, _ in columns
                ),
                "\n".join(f"Q{q}: {text}" for q, text in comments) or None,
                appraisal.rating if appraisal else None,
                appraisal.notes if appraisal else None,
            )
        )
    headers = (
        "Study ID",
        "Study",
        "Tool",
        "Version",
        *(f"{name} Q{q}" for name, q, _ in columns),
        "Comments",
        "Rating",
        "Notes",
    )
    notes = {f"{name} Q{q}": question for name, q, question in columns if question}
    return Table("Appraisal", "appraisal.csv", headers, tuple(rows), 2, notes)


def _answer_columns(
    review: Review, studies: Sequence[StudyColumn]
) -> list[tuple[str, int, str | None]]:
    """(tool, question number, its question where the tool is known) for every tool the
    studies are appraised with, in order of first use: every question of CASP or JBI, the
    questions answered of another tool; CASP's when no study is appraised."""
    numbers: dict[str, set[int]] = {}
    questions: dict[str, tuple[str, ...]] = {}
    for column in studies:
        appraisal = review.studies[column.id].appraisal
        if appraisal is None:
            continue
        name = tool_name(appraisal.tool)
        known = tool_questions(appraisal.tool)
        if known is not None:
            questions[name] = known
        found = numbers.setdefault(name, set(range(1, len(known) + 1)) if known else set())
        found.update(appraisal.answers)
    if not numbers:
        numbers, questions = (
            {"CASP": set(range(1, len(CASP_QUESTIONS) + 1))},
            {"CASP": CASP_QUESTIONS},
        )
    return [
        (name, q, questions[name][q - 1] if name in questions else None)
        for name, found in numbers.items()
        for q in sorted(found)
    ]


def grid_table(translation: TranslationTables) -> Table:
    """The translation grid: concepts by studies, as `metaethno translate --format csv`."""
    grid = translation.grid
    rows = tuple(
        (
            group_text(row),
            row.concept.label,
            *row.cell_texts(lambda entries: cell_text(entries) or None, None),
            row.supporting,
        )
        for row in grid.rows
    )
    headers = ("Higher-order concept", "Concept", *(s.key for s in grid.studies), "n")
    return Table("Translation grid", "translation-grid.csv", headers, rows, frozen_columns=2)


def third_order_table(translation: TranslationTables) -> Table:
    """The third-order constructs (after Britten et al. 2002 and Frost et al. 2014): one row per
    third-order construct, higher-order ones too, with the second-order constructs translated
    into it, each with its study (and the constructs it includes), the reviewers'
    interpretation, and the studies behind it."""
    rows = tuple(
        (
            "; ".join(group.label for group in row.groups),
            row.concept.label,
            "; ".join(
                [f"{entry_text(entry)} ({study.key})" for study, entry in row.constructs]
                + [f"includes {c.label}" for c in row.includes]
            ),
            row.interpretation,
            f"{', '.join(s.key for s in row.studies)} ({len(row.studies)})"
            if row.studies
            else None,
        )
        for row in translation.third_order
    )
    headers = (
        "Higher-order concept",
        "Third-order construct",
        "Second-order constructs (study)",
        "Reviewers' interpretation",
        "Studies",
    )
    return Table("Third-order constructs", "third-order.csv", headers, rows, frozen_columns=2)


def studies_grid_table(translation: TranslationTables) -> Table:
    """The translation grid turned on its side, for reviews of many studies: one row per study,
    one column per concept, headed by the concept (after its higher-order concept)."""
    grid = translation.grid
    headers = (
        "Study",
        *(
            f"{group_text(row)}: {row.concept.label}" if row.groups else row.concept.label
            for row in grid.rows
        ),
    )
    # the grid's filled cells put in place: the rest of a grid of thousands stays empty
    cells: list[list[Value]] = [[None] * len(grid.rows) for _ in grid.studies]
    for column, row in enumerate(grid.rows):
        for index, entries in row.filled.items():
            cells[index][column] = cell_text(entries) or None
    rows = tuple((study.key, *texts) for study, texts in zip(grid.studies, cells, strict=True))
    title = "Translation grid, studies as rows"
    return Table(title, "translation-grid-studies.csv", headers, rows, frozen_columns=1)


def translations_table(translation: TranslationTables) -> Table:
    """Every translation, one row each: the long form of the grid."""
    rows = tuple(
        (
            row.concept.id,
            row.concept.label,
            row.study.id,
            row.study.key,
            row.study_concept.id,
            row.study_concept.label,
            row.relation,
            row.note,
        )
        for row in translation.long_rows
    )
    headers = (
        "Concept ID",
        "Concept",
        "Study ID",
        "Study",
        "Study concept ID",
        "Study concept",
        "Relation",
        "Note",
    )
    return Table("Translations", "translations.csv", headers, rows, frozen_columns=2)


def refutations_table(translation: TranslationTables) -> Table:
    """Each refutational translation, with the other studies supporting what it refutes,
    whether the refuting study supports it too (mixed), and the concept accounting for it."""
    rows = tuple(
        (
            row.concept.id,
            row.concept.label,
            "; ".join(study.key for study in row.supporting),
            len(row.supporting),
            row.study.id,
            row.study.key,
            row.study_concept.id,
            row.study_concept.label,
            row.note,
            "yes" if row.mixed else "no",
            row.accounted_for_by.id if row.accounted_for_by else None,
        )
        for row in translation.refutations
    )
    headers = (
        "Concept ID",
        "Concept",
        "Studies supporting it",
        "Number of studies supporting it",
        "Study ID",
        "Study",
        "Study concept ID",
        "Refuting study concept",
        "Note",
        "Mixed",
        "Accounted for by",
    )
    return Table("Refutations", "refutations.csv", headers, rows, frozen_columns=2)


def cumulative_table(translation: TranslationTables) -> Table:
    """The studies translated into one another in order, with the concepts each adds."""
    rows = tuple(
        (
            step,
            row.study.id,
            row.study.key,
            "; ".join(n.label for n in row.introduced),
            "; ".join(n.label for n in row.matched),
            "; ".join(n.label for n in row.refuted),
            row.total,
        )
        for step, row in enumerate(translation.cumulative, start=1)
    )
    headers = ("Step", "Study ID", "Study", "Introduced", "Matched", "Refuted", "Concepts so far")
    return Table("Cumulative translation", "cumulative.csv", headers, rows, frozen_columns=3)


def cerqual_table(findings: Sequence[Finding]) -> Table:
    """A GRADE-CERQual summary of findings: one row per synthesised concept, in the line of
    argument's order, blank where a concept has no confidence assessment yet."""
    rows = []
    for finding in findings:
        concept = finding.concept
        rows.append(
            (
                concept.id,
                concept.label,
                concept.interpretation,
                len(finding.studies),
                "; ".join(study.key for study in finding.studies),
                *_confidence_cells(concept.confidence),
            )
        )
    headers = (
        "Concept ID",
        "Finding",
        "Interpretation",
        "Studies (n)",
        "Studies",
        *(
            header
            for _, name in CERQUAL_COMPONENTS
            for header in (f"{name} concerns", f"{name}: explanation")
        ),
        "Overall confidence",
        "Explanation",
    )
    return Table("CERQual", "cerqual.csv", headers, tuple(rows), frozen_columns=2)


def _confidence_cells(confidence: Confidence | None) -> tuple[Value, ...]:
    if confidence is None:
        return (None,) * (2 * len(CERQUAL_COMPONENTS) + 2)
    cells: list[Value] = []
    for component, _ in CERQUAL_COMPONENTS:
        concern = getattr(confidence, component)
        cells.append(concern.replace("_", " ") if concern else None)
        cells.append(getattr(confidence, f"{component}_explanation"))
    cells.append(confidence.overall.replace("_", " "))
    cells.append(confidence.explanation)
    return tuple(cells)


# -- rendering -----------------------------------------------------------------------------


def render_csv(table: Table) -> str:
    """One table as CSV: a header row, then the rows; an empty cell for a missing value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows(["" if value is None else value for value in row] for row in table.rows)
    return buffer.getvalue()
