"""The eMERGe reporting guidance for meta-ethnography (France et al. 2019, Table 1): its 19
criteria, the report section each belongs to, and where a review holds the content of each.

`check` warns about a criterion without content when the review asks for it
(`reporting: emerge`); the report's checklist appendix links each criterion to its heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from metaethno.review.loaded import Review


@dataclass(frozen=True)
class Criterion:
    """One reporting criterion: its number, heading, report section and where its content is."""

    number: int
    heading: str
    section: str
    fields: tuple[str, ...]
    """Where the review holds the content, as metaethno.yaml's keys or the review's files."""


CRITERIA: tuple[Criterion, ...] = (
    Criterion(1, "Rationale and context for the meta-ethnography", "Introduction", ("methods.rationale",)),
    Criterion(2, "Aim(s) of the meta-ethnography", "Introduction", ("methods.aims",)),
    Criterion(3, "Focus of the meta-ethnography", "Introduction", ("question",)),
    Criterion(4, "Rationale for using meta-ethnography", "Introduction", ("methods.why_meta_ethnography",)),
    Criterion(5, "Search strategy", "Methods", ("methods.search_strategy",)),
    Criterion(6, "Search processes", "Methods", ("methods.search_process",)),
    Criterion(7, "Selecting primary studies", "Methods", ("methods.selection",)),
    Criterion(8, "Outcome of study selection", "Findings", ("methods.flow",)),
    Criterion(9, "Reading and data extraction approach", "Methods", ("methods.reading_and_extraction",)),
    Criterion(10, "Presenting characteristics of included studies", "Findings", ("study files",)),
    Criterion(11, "Process for determining how studies are related", "Methods", ("methods.relating_studies",)),
    Criterion(12, "Outcome of relating studies", "Findings", ("how_studies_relate.judgement",)),
    Criterion(13, "Process of translating studies", "Methods", ("methods.translation_process",)),
    Criterion(14, "Outcome of translation", "Findings", ("concept files with translations",)),
    Criterion(15, "Synthesis process", "Methods", ("methods.synthesis_process",)),
    Criterion(16, "Outcome of synthesis process", "Findings", ("line_of_argument.summary",)),
    Criterion(17, "Summary of findings", "Discussion", ("methods.comparison_with_literature",)),
    Criterion(18, "Strengths, limitations, and reflexivity", "Discussion", ("methods.strengths_and_limitations", "methods.reflexivity")),
    Criterion(19, "Recommendations and conclusions", "Discussion", ("methods.recommendations",)),
)  # fmt: skip


def _has(review: Review, field: str) -> bool:
    """Whether the review has content at `field`, one of the `fields` of a criterion."""
    config = review.config
    if field.startswith("methods."):
        methods = config.methods if config else None
        return methods is not None and getattr(methods, field.removeprefix("methods.")) is not None
    if field == "question":
        return config is not None and config.question is not None
    if field == "how_studies_relate.judgement":
        return config is not None and config.how_studies_relate is not None
    if field == "line_of_argument.summary":
        argument = config.line_of_argument if config else None
        return argument is not None and argument.summary is not None
    if field == "study files":
        return bool(review.studies)
    return any(concept.translations for concept in review.concepts.values())


def missing_fields(review: Review, criterion: Criterion) -> list[str]:
    """The fields of `criterion` that the review leaves empty; none when it is reported."""
    return [field for field in criterion.fields if not _has(review, field)]
