"""The `methods` block of metaethno.yaml: what a paper reports beside the synthesis itself.

Each field answers one criterion of the eMERGe reporting guidance (France et al. 2019);
docs/reporting.md names them. A text field holds its text inline or names a Markdown file
of the review (`file: methods/search.md`), which the loader reads and the report includes.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from metaethno.review.base import Model, Text

Count = Annotated[int, Field(ge=0)]


class FileText(Model):
    """Text kept in a Markdown file of the review, which the report includes."""

    file: Text
    """The file's path relative to metaethno.yaml, e.g. methods/search.md."""


Narrative = Text | FileText
"""Inline text, or `file:` naming a Markdown file of the review."""


class Source(Model):
    """One database, register or other source searched."""

    name: Text
    """The source's name, e.g. MEDLINE (Ovid)."""
    records: Count
    """Records identified in it."""


class ExclusionReason(Model):
    """One reason for excluding reports at full text, with how many it excluded."""

    reason: Text
    """Why, e.g. "not qualitative"."""
    reports: Count
    """Reports excluded for this reason."""


class Flow(Model):
    """The PRISMA 2020 flow of records and reports (Page et al. 2021), as counts."""

    identified: Annotated[list[Source], Field(min_length=1)]
    """Records identified from each database, register or other source."""
    duplicates_removed: Count = 0
    """Duplicate records removed before screening."""
    screened: Count
    """Records screened: identified minus duplicates removed."""
    excluded_at_screening: Count = 0
    """Records excluded on title and abstract."""
    sought: Count
    """Reports sought for retrieval: screened minus excluded at screening."""
    not_retrieved: Count = 0
    """Reports that could not be retrieved."""
    assessed: Count
    """Reports assessed for eligibility: sought minus not retrieved."""
    excluded: list[ExclusionReason] = []
    """Reports excluded at full text, by reason."""
    studies_included: Count
    """Studies included in the review: the study files."""
    reports_included: Count
    """Reports of included studies: assessed minus excluded, and the study files' papers."""


class ExcludedStudy(Model):
    """A report excluded at full text."""

    reference: Text
    """Its citation, e.g. "Lee, K. (2016). Trust in primary care. J Examples 4: 12-20."."""
    reason: Text
    """Why it was excluded."""


class Methods(Model):
    """What the report needs beyond the synthesis, one field per eMERGe criterion."""

    rationale: Narrative | None = None
    """Criterion 1: the gap the review fills and its wider context."""
    aims: Narrative | None = None
    """Criterion 2: the review's aims (the review `question` is its focus, criterion 3)."""
    why_meta_ethnography: Narrative | None = None
    """Criterion 4: why meta-ethnography was the most fitting method."""
    search_strategy: Narrative | None = None
    """Criterion 5: the rationale of the search: databases, dates, search strings."""
    search_process: Narrative | None = None
    """Criterion 6: how the search was done, and by whom."""
    selection: Narrative | None = None
    """Criterion 7: the criteria, who screened, how disagreements were settled."""
    flow: Flow | None = None
    """Criterion 8: the PRISMA 2020 counts of the search and screening."""
    excluded_studies: list[ExcludedStudy] = []
    """Criterion 8: the reports excluded at full text, each with its reason."""
    reading_and_extraction: Narrative | None = None
    """Criterion 9: who read the studies, how many reviewers, what counted as data."""
    relating_studies: Narrative | None = None
    """Criterion 11: how the studies were compared to decide how they are related."""
    translation_process: Narrative | None = None
    """Criterion 13: how the studies were translated into one another."""
    synthesis_process: Narrative | None = None
    """Criterion 15: how the translations were synthesised into overarching concepts."""
    comparison_with_literature: Narrative | None = None
    """Criterion 17: the findings summarised and compared with existing literature."""
    strengths_and_limitations: Narrative | None = None
    """Criterion 18: the review's strengths and limitations."""
    reflexivity: Narrative | None = None
    """Criterion 18: the reviewers' reflexivity."""
    recommendations: Narrative | None = None
    """Criterion 19: recommendations and conclusions."""


NARRATIVE_FIELDS: tuple[str, ...] = tuple(
    name for name, info in Methods.model_fields.items() if name not in ("flow", "excluded_studies")
)
"""The text fields of `methods`, in the order they are written."""


def named_files(methods: Methods | None) -> dict[str, str]:
    """Each text field of `methods` kept in a file, with the file's path as written."""
    if methods is None:
        return {}
    return {
        name: value.file
        for name in NARRATIVE_FIELDS
        if isinstance(value := getattr(methods, name), FileText)
    }
