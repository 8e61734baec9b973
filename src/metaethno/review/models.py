"""The review format as typed, immutable models: docs/format.md describes the same fields.

Models are strict (no silent coercion of "12" into 12) and forbid unknown
keys, so a typo is reported rather than dropped. Field docstrings become the
descriptions of the JSON Schema that editors use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from metaethno.review.base import TEXT_PATTERN as TEXT_PATTERN
from metaethno.review.base import Model as Model
from metaethno.review.base import Text as Text
from metaethno.review.diagnostics import Location
from metaethno.review.methods import Methods
from metaethno.review.yaml_reader import YamlDocument

ID_PATTERN = r"^[a-z0-9_-]+$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1)]


def text_key(text: str) -> str:
    """What a reader sees in `text`: case, spaces and Unicode's equivalent forms left out, so
    that "Being heard" and "being  Heard" are found to be the same label."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


CaspAnswer = Literal["yes", "cant_tell", "no", "not_applicable"]
Relation = Literal["reciprocal", "refutational"]
Concern = Literal["no_or_very_minor", "minor", "moderate", "serious"]

# What doi.org resolves: `10.`, the registrant's code of digits, `/`, and the item's suffix.
DOI_PATTERN = re.compile(r"10\.\d{4,9}/\S+")
# What people paste in front of a DOI; it is removed, so that no renderer links it twice.
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def bare_doi(text: str) -> str:
    """`text` without a pasted `https://doi.org/`, `http://dx.doi.org/` or `doi:` in front."""
    return DOI_PREFIX.sub("", text.strip()).strip()


def _valid_doi(text: str) -> str:
    """The bare DOI, which every renderer can link as `https://doi.org/` + DOI."""
    doi = bare_doi(text)
    if DOI_PATTERN.fullmatch(doi) is None:
        raise PydanticCustomError("invalid_doi", "not a DOI")
    return doi


Doi = Annotated[Text, AfterValidator(_valid_doi)]


class SourceModel(Model):
    """A model read from one file, which remembers where each of its values came from."""

    _source: YamlDocument | None = PrivateAttr(default=None)

    def where(self, *keypath: str | int) -> Location:
        """Where the value at `keypath` was written (its nearest parent if it was not)."""
        if self._source is None:
            return Location("<memory>", 1, 1)
        return self._source.location(keypath)

    def where_key(self, *keypath: str | int) -> Location:
        """Where the key of the value at `keypath` was written."""
        if self._source is None:
            return Location("<memory>", 1, 1)
        return self._source.key_location(keypath)

    @property
    def path(self) -> str:
        """The file this model was read from, relative to the review folder."""
        return self._source.path if self._source else "<memory>"

    def attach(self, source: YamlDocument) -> None:
        """Remember the document this model was validated from."""
        self._source = source


# -- metaethno.yaml --------------------------------------------------------------------


class Framework(Model):
    """An analytic framework whose levels tag concepts, e.g. the socio-ecological model."""

    name: Text
    """The framework's name, e.g. "Socio-ecological model"."""
    levels: Annotated[list[Text], Field(min_length=1)]
    """The framework's levels in order, e.g. individual, interpersonal, community."""


class LineOfArgument(Model):
    """The reviewers' overarching synthesis."""

    summary: Text | None = None
    """The overarching narrative that the synthesised concepts build."""
    sequence: list[Id] = []
    """Concept ids in the order the narrative presents them."""


class TeamMember(Model):
    """A member of the review team, whom studies name as their extractor or appraiser."""

    id: Id
    """A short id that studies' `extracted_by` and `appraised_by` use, e.g. "sa"."""
    name: Text
    """The member's name as the report shows it."""
    role: Text | None = None
    """The member's role in the review, e.g. "second reviewer"."""


class StudyRelations(Model):
    """The reviewers' own judgement of how the studies are related (Noblit and Hare's phase 4),
    made by juxtaposing the studies' concepts before translating them."""

    judgement: Text
    """How the studies were judged to be related: reciprocal (directly comparable accounts),
    refutational (accounts that contradict one another), a line of argument, or a mix."""
    reasons: Text | None = None
    """Why: which aspects were compared, and what was found."""


class ReviewConfig(SourceModel):
    """metaethno.yaml: the review as a whole."""

    title: Text
    """The review's title."""
    question: Text | None = None
    """The review question."""
    authors: list[Text] = []
    """The review's authors."""
    team: list[TeamMember] = []
    """The reviewers, whom studies name in `extracted_by` and `appraised_by`."""
    studies: Text = "studies"
    """The folder of study files, relative to metaethno.yaml."""
    concepts: Text = "concepts"
    """The folder of synthesised concept files, relative to metaethno.yaml."""
    translation_order: Literal["chronological", "index", "alphabetical"] = "chronological"
    """The order in which studies are translated into one another: chronological (by the year of
    each study's first reference, then id), index (the index study first, then chronological) or
    alphabetical (by id)."""
    index_study: Id | None = None
    """The id of the index study; required when translation_order is index."""
    order_rationale: Text | None = None
    """Why the studies are translated in this order."""
    appraisal_rule: Text | None = None
    """How the reviewers turn a study's appraisal answers into its rating, e.g. "high: yes to
    every question; low: no to question 8 or to three questions or more"."""
    framework: Framework | None = None
    """An optional analytic framework whose levels tag concepts."""
    how_studies_relate: StudyRelations | None = None
    """The reviewers' judgement of how the studies are related, before translation."""
    line_of_argument: LineOfArgument | None = None
    """The line-of-argument synthesis."""
    methods: Methods | None = None
    """What a paper reports beside the synthesis: one field per criterion of the eMERGe
    reporting guidance, and the PRISMA 2020 flow of the search (docs/reporting.md)."""
    reporting: Literal["emerge"] | None = None
    """emerge: `check` warns about each eMERGe criterion the review has no content for."""


# -- studies/<id>.yaml ------------------------------------------------------------------


class Reference(Model):
    """One paper reporting the study."""

    authors: list[Text] = []
    """Authors as written in the citation, e.g. "Ahmed, S."."""
    year: int
    """Year of publication."""
    title: Text
    """Title of the paper."""
    journal: Text | None = None
    """Journal, book or report series."""
    doi: Doi | None = None
    """DOI, e.g. 10.5555/example.2014.01; a pasted https://doi.org/ or doi: prefix is removed."""
    role: Text | None = None
    """The paper's role for this study, e.g. main or secondary."""


class StudyContext(Model):
    """Where, with whom and how the study was done."""

    country: Text | None = None
    """Country where the study took place."""
    setting: Text | None = None
    """Care setting, e.g. community mental-health services."""
    population: Text | None = None
    """Who took part."""
    sample_size: Annotated[int, Field(ge=0)] | None = None
    """Number of participants."""
    methods: Text | None = None
    """Data collection and analysis methods."""
    focus: Text | None = None
    """The study's focus or aim."""


class Appraisal(Model):
    """Quality appraisal of the study."""

    tool: Text = "CASP"
    """The appraisal tool: CASP (the CASP qualitative checklist, the default), JBI (the JBI
    checklist for qualitative research) or another tool by name."""
    version: Text | None = None
    """The tool's version, e.g. 2018 for the CASP qualitative checklist."""
    answers: dict[Annotated[int, Field(ge=1, le=10)], CaspAnswer] = {}
    """Answers by question number (1 to 10): yes, cant_tell or no; not_applicable in JBI's
    checklist. CASP's question 10 is answered in free text, under `comments`."""
    comments: dict[Annotated[int, Field(ge=1, le=10)], Text] = {}
    """A comment on the answer to each question, by number; for CASP's question 10 ("How
    valuable is the research?"), the answer itself."""
    rating: Literal["high", "moderate", "low"] | None = None
    """The reviewers' overall rating, by the review's `appraisal_rule`."""
    notes: Text | None = None
    """The reviewers' notes on the appraisal."""


Page = Annotated[int, Field(ge=1)] | Text


class Quote(Model):
    """A first-order construct: a participant's own words, or a field observation, as the study
    reports them."""

    text: Text
    """The quotation, or the observation as the study's authors recorded it."""
    kind: Literal["quote", "observation"] = "quote"
    """quote (a participant's own words, the default) or observation (the ethnographer's field
    observation of what participants did)."""
    source: Text | None = None
    """Who said it, e.g. "Participant 12, woman, 40s", or where it was observed."""
    page: Page | None = None
    """Page of the paper where it appears."""


class StudyConcept(Model):
    """A second-order construct: the study authors' interpretation."""

    id: Id
    """Unique within the study; translations point at it."""
    label: Text
    """The authors' own term for the concept."""
    interpretation: Text | None = None
    """The authors' interpretation."""
    level: Text | None = None
    """A level of the review's framework."""
    page: Page | None = None
    """Page of the paper where the authors present the concept."""
    quotes: list[Quote] = []
    """First-order constructs supporting the concept: participants' quotes and field
    observations."""


class Study(SourceModel):
    """studies/<id>.yaml: one included study, which may be reported in several papers."""

    id: Id
    """Equals the file name without .yaml."""
    name: Text | None = None
    """A short name that tables and citations use instead of first author and year, e.g. a
    trial's name ("DALY", "Early ACTID")."""
    references: Annotated[list[Reference], Field(min_length=1)]
    """The study's papers, the main one first."""
    context: StudyContext | None = None
    """Where, with whom and how the study was done."""
    appraisal: Appraisal | None = None
    """Quality appraisal."""
    concepts: Annotated[list[StudyConcept], Field(min_length=1)]
    """The study's second-order constructs."""
    extracted_by: list[Id] = []
    """Ids of the team members who extracted the study's concepts."""
    appraised_by: list[Id] = []
    """Ids of the team members who appraised the study."""

    @property
    def year(self) -> int:
        """The year of the first listed reference, which orders studies chronologically."""
        return self.references[0].year

    def concept(self, concept_id: str) -> StudyConcept | None:
        """The study's concept of this id (the first, where a duplicate id is reported)."""
        return self._concepts_by_id.get(concept_id)

    @cached_property
    def _concepts_by_id(self) -> dict[str, StudyConcept]:
        # looked up once per translation: indexed the first time, not searched each time
        return {c.id: c for c in reversed(self.concepts)}


# -- concepts/<id>.yaml -----------------------------------------------------------------


class Translation(Model):
    """One study concept translated into this synthesised concept."""

    study: Id
    """The id of the study."""
    concept: Id
    """The id of a concept inside that study."""
    relation: Relation
    """reciprocal (the study concept expresses this concept) or refutational (it contradicts it)."""
    note: Text | None = None
    """Why the translation holds; required for a refutational one: how and why it contradicts."""
    accounted_for_by: Id | None = None
    """For a refutational translation: the id of a higher-order concept that includes this
    concept and accounts for the contradiction; that concept counts the study as evidence."""


class Link(Model):
    """A line-of-argument relation from this concept to another."""

    to: Id
    """The id of the other concept."""
    relation: Text
    """A short verb phrase, e.g. "builds" or "undermines"."""


class Confidence(Model):
    """A GRADE-CERQual assessment of confidence in the finding."""

    methodological_limitations: Concern | None = None
    """Concerns about methodological limitations."""
    methodological_limitations_explanation: Text | None = None
    """Why."""
    coherence: Concern | None = None
    """Concerns about coherence."""
    coherence_explanation: Text | None = None
    """Why."""
    adequacy: Concern | None = None
    """Concerns about adequacy of data."""
    adequacy_explanation: Text | None = None
    """Why."""
    relevance: Concern | None = None
    """Concerns about relevance."""
    relevance_explanation: Text | None = None
    """Why."""
    overall: Literal["high", "moderate", "low", "very_low"]
    """Overall confidence in the finding."""
    explanation: Text | None = None
    """Explanation of the overall assessment."""


class Concept(SourceModel):
    """concepts/<id>.yaml: a synthesised (third-order) concept, the reviewers' translation."""

    id: Id
    """Equals the file name without .yaml."""
    label: Text
    """The concept's name."""
    interpretation: Text | None = None
    """The reviewers' third-order interpretation."""
    level: Text | None = None
    """A level of the review's framework."""
    translations: list[Translation] = []
    """Study concepts translated into this concept."""
    includes: list[Id] = []
    """Ids of the concepts this higher-order concept synthesises."""
    links: list[Link] = []
    """Line-of-argument relations to other concepts."""
    confidence: Confidence | None = None
    """GRADE-CERQual confidence in the finding."""
