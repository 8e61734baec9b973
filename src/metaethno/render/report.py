"""The whole synthesis as one Markdown document, for a paper's supplement or a repository.

`render_report` is deterministic: the same review gives the same bytes, unless a
date is asked for. Every section appears only where the review has its data,
except the audit appendix, which always says whether anything was left out.
Reviewers' text is escaped by `markdown.escape`; the renderer's own markup is
added around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from metaethno import __version__
from metaethno.analysis.argument import ArgumentAnalysis
from metaethno.analysis.findings import (
    Counts,
    Finding,
    count,
    framework_matrix,
    untranslated,
)
from metaethno.analysis.relatedness import Relatedness
from metaethno.analysis.synthesis import Synthesis
from metaethno.analysis.translation import StudyColumn
from metaethno.render import markdown as md
from metaethno.render.mermaid import markdown_block
from metaethno.render.relate import (
    CLUSTERS_TITLE,
    JUXTAPOSITION_TITLE,
    argument_markdown,
    clustering_sentence,
    clusters_markdown,
    isolated_markdown,
    judgement_markdown,
    juxtaposition_markdown,
    pairs_sentence,
    refutational_markdown,
)
from metaethno.render.report_appraisal import appraisal_markdown, without_empty_columns
from metaethno.render.report_findings import (
    ORDERS_OF_CONSTRUCT,
    finding_markdown,
    sensitivity_markdown,
    summary_of_findings,
)
from metaethno.render.report_paper import (
    CHECKLIST_TITLE,
    ReportSections,
    checklist_csv,
    checklist_markdown,
    paper_markdown,
)
from metaethno.render.team import team_markdown
from metaethno.render.translation import render_markdown_sections
from metaethno.render.translation_layouts import third_order_markdown
from metaethno.review.hints import plural
from metaethno.review.loaded import Review
from metaethno.review.models import StudyContext


def render_report(synthesis: Synthesis, generated_on: date | None = None, base: str = "") -> str:
    """The report of docs/report.md; `generated_on` adds a dated line, off by default. A
    review with `methods` is reported as a paper (`report_paper`), whose included files'
    links start from `base`, the review folder as seen from the report's folder."""
    review = synthesis.review
    sections = _sections(synthesis, generated_on)
    if review.config is not None and review.config.methods is not None:
        return paper_markdown(review, sections, base)[0]
    return md.document(sections)


def checklist_text(synthesis: Synthesis, as_csv: bool) -> str:
    """The eMERGe checklist of the report the review has as a paper, as Markdown (under a
    heading, with the report's headings named) or as CSV."""
    rows = paper_markdown(synthesis.review, _sections(synthesis, None), "")[1]
    if as_csv:
        return checklist_csv(rows)
    return (
        md.heading(1, CHECKLIST_TITLE) + checklist_markdown(rows, links=False).rstrip("\n") + "\n"
    )


def _sections(synthesis: Synthesis, generated_on: date | None) -> ReportSections:
    review = synthesis.review
    tables = synthesis.translation
    concept_ids = synthesis.concept_ids
    found = synthesis.findings
    related = synthesis.relatedness
    return ReportSections(
        _title(review, count(review), generated_on),
        team_markdown(review),
        _studies(review, tables.studies),
        md.heading(2, "Translation")
        + render_markdown_sections(tables, "grid", level=3, omit_empty=True)
        + third_order_markdown(tables, level=3),
        _related(related),
        _line_of_argument(review, found, concept_ids, len(tables.studies), related.argument),
        summary_of_findings(review, found),
        sensitivity_markdown(synthesis.without_low_rated),
        _framework(review, concept_ids, {f.concept.id: len(f.studies) for f in found}),
        _appendix(review, tables.studies),
    )


# -- 1. title and summary ----------------------------------------------------------------


def _title(review: Review, counts: Counts, generated_on: date | None) -> str:
    config = review.config
    parts = [md.heading(1, config.title if config else "Meta-ethnography")]
    if config and config.question:
        parts.append(md.paragraph(f"**Question:** {md.escape(config.question)}"))
    if config and config.authors:
        parts.append(md.paragraph(f"**Authors:** {md.escape('; '.join(config.authors))}"))
    parts.append(md.paragraph(_summary_line(counts)))
    if generated_on is not None:
        parts.append(
            md.paragraph(f"Generated on {generated_on.isoformat()} by metaethno {__version__}.")
        )
    return "".join(parts)


def _summary_line(counts: Counts) -> str:
    translations = counts.reciprocal + counts.refutational
    return (
        f"{plural(counts.studies, 'study', 'studies')} ({plural(counts.papers, 'paper')}), "
        f"{plural(counts.study_concepts, 'second-order concept')}, "
        f"{plural(counts.quotes, 'first-order item')} (quotes and observations), "
        f"{plural(counts.concepts, 'synthesised concept')}, {plural(translations, 'translation')} "
        f"({counts.reciprocal} reciprocal, {counts.refutational} refutational)."
    )


# -- 2. included studies -----------------------------------------------------------------


def _studies(review: Review, columns: Sequence[StudyColumn]) -> str:
    if not columns:
        return ""
    headers = ["Study", "Country", "Setting", "Population", "Sample size", "Methods", "Appraisal"]
    rows = []
    for column in columns:
        study = review.studies[column.id]
        context = study.context or StudyContext()
        rating = study.appraisal.rating if study.appraisal else None
        rows.append(
            [
                md.escape(column.key),
                md.escape(context.country or ""),
                md.escape(context.setting or ""),
                md.escape(context.population or ""),
                str(context.sample_size) if context.sample_size is not None else "",
                md.escape(context.methods or ""),
                rating.capitalize() if rating else "",
            ]
        )
    headers, rows = without_empty_columns(headers, rows)
    numeric = [headers.index("Sample size")] if "Sample size" in headers else []
    return (
        md.heading(2, "Included studies")
        + md.heading(3, "Characteristics of included studies")
        + md.table(headers, rows, numeric=numeric)
        + appraisal_markdown(review, columns)
    )


# -- 4. how the studies are related -------------------------------------------------------


def _related(related: Relatedness) -> str:
    """The reviewers' judgement and the studies' concepts juxtaposed (phase 4), then the
    computed clusters, isolated studies and refutations, as `metaethno relate` renders them
    (eMERGe criteria 11 and 12)."""
    if not related.studies:
        return ""
    parts = [
        md.heading(2, "How the studies are related"),
        judgement_markdown(related, level=3),
        md.heading(3, JUXTAPOSITION_TITLE),
        juxtaposition_markdown(related),
        md.heading(3, CLUSTERS_TITLE),
        md.paragraph(md.escape(pairs_sentence(related))),
        md.paragraph(md.escape(clustering_sentence(related))),
    ]
    if related.clusters:
        parts.append(clusters_markdown(related))
    parts.append(isolated_markdown(related))
    if related.refutations:
        parts += [md.heading(3, "Refutations"), refutational_markdown(related)]
    return "".join(parts)


# -- 5. line of argument ---------------------------------------------------------------


def _line_of_argument(
    review: Review,
    found: Sequence[Finding],
    concept_ids: Sequence[str],
    total: int,
    analysis: ArgumentAnalysis,
) -> str:
    config = review.config
    summary = config.line_of_argument.summary if config and config.line_of_argument else None
    chart = markdown_block(review, concept_ids)
    if not found and not summary:
        return ""
    parts = [md.heading(2, "Line of argument")]
    if summary:
        parts.append(md.paragraph(md.escape(summary)))
    parts.append(chart)
    parts.append(argument_markdown(analysis))
    if found:
        parts.append(md.paragraph(ORDERS_OF_CONSTRUCT))
    parts += [finding_markdown(finding, total) for finding in found]
    return "".join(parts)


# -- 7. framework ------------------------------------------------------------------------


def _framework(review: Review, concept_ids: Sequence[str], behind: dict[str, int]) -> str:
    config = review.config
    rows = framework_matrix(review, concept_ids, behind)
    if config is None or config.framework is None or not rows:
        return ""
    body = [
        [
            md.escape(row.level) if row.level is not None else "No level",
            "; ".join(
                f"{md.escape(named.label)} ({plural(studies, 'study', 'studies')})"
                for named, studies in row.concepts
            ),
        ]
        for row in rows
    ]
    return md.heading(2, f"Framework: {config.framework.name}") + md.table(
        ["Level", "Concepts (studies behind each)"], body
    )


# -- 8. audit appendix -------------------------------------------------------------------


def _appendix(review: Review, columns: Sequence[StudyColumn]) -> str:
    left_out = untranslated(review, columns)
    heading = md.heading(2, "Appendix: study concepts not translated")
    if not left_out:
        return heading + md.paragraph(
            "Every study concept is translated into at least one synthesised concept."
        )
    rows = [
        [
            md.escape(item.study.key),
            md.code(f"{item.study.id}/{item.concept.id}"),
            md.escape(item.concept.label),
            md.escape(item.concept.interpretation or ""),
        ]
        for item in left_out
    ]
    return (
        heading
        + md.paragraph(
            "These second-order concepts were extracted but are translated into no "
            "synthesised concept, so they appear nowhere else in this report."
        )
        + md.table(["Study", "Concept", "Label", "Interpretation"], rows)
    )
