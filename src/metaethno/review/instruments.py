"""The appraisal and confidence instruments the review format refers to.

The CASP qualitative checklist's and the JBI checklist's questions (answers are keyed 1 to
10), the words of their answers, and the
GRADE-CERQual components, with the words tables and reports show for them.
"""

from __future__ import annotations

from metaethno.review.models import CaspAnswer

CASP_QUESTIONS = (
    "Was there a clear statement of the aims of the research?",
    "Is a qualitative methodology appropriate?",
    "Was the research design appropriate to address the aims of the research?",
    "Was the recruitment strategy appropriate to the aims of the research?",
    "Was the data collected in a way that addressed the research issue?",
    "Has the relationship between researcher and participants been adequately considered?",
    "Have ethical issues been taken into consideration?",
    "Was the data analysis sufficiently rigorous?",
    "Is there a clear statement of findings?",
    "How valuable is the research?",
)
# The JBI checklist for qualitative research, as JBI words its ten questions.
JBI_QUESTIONS = (
    "Is there congruity between the stated philosophical perspective and the research methodology?",
    "Is there congruity between the research methodology and the research question or objectives?",
    "Is there congruity between the research methodology and the methods used to collect data?",
    "Is there congruity between the research methodology and the representation and analysis "
    "of data?",
    "Is there congruity between the research methodology and the interpretation of results?",
    "Is there a statement locating the researcher culturally or theoretically?",
    "Is the influence of the researcher on the research, and vice-versa, addressed?",
    "Are participants, and their voices, adequately represented?",
    "Is the research ethical according to current criteria or, for recent studies, is there "
    "evidence of ethical approval by an appropriate body?",
    "Do the conclusions drawn in the research report flow from the analysis, or "
    "interpretation, of the data?",
)
ANSWERS: dict[CaspAnswer, str] = {
    "yes": "Yes",
    "cant_tell": "Can't tell",
    "no": "No",
    "not_applicable": "Not applicable",
}
# CASP's question 10 is answered in free text, not yes, can't tell or no.
CASP_FREE_TEXT_QUESTION = 10


def tool_questions(tool: str) -> tuple[str, ...] | None:
    """The questions of `tool` when it is CASP or JBI (by name, any case), else None."""
    name = tool.strip().upper()
    if name.startswith("CASP"):
        return CASP_QUESTIONS
    if name.startswith("JBI"):
        return JBI_QUESTIONS
    return None


def tool_name(tool: str) -> str:
    """The tool an appraisal used, as one name for all its spellings: CASP, JBI, or the name
    given; answers are comparable only between appraisals of one tool."""
    questions = tool_questions(tool)
    if questions is CASP_QUESTIONS:
        return "CASP"
    if questions is JBI_QUESTIONS:
        return "JBI"
    return tool.strip()


CERQUAL_COMPONENTS = (
    ("methodological_limitations", "Methodological limitations"),
    ("coherence", "Coherence"),
    ("adequacy", "Adequacy"),
    ("relevance", "Relevance"),
)
