"""The appraisal and confidence instruments the review format refers to.

The CASP qualitative checklist's questions (answers are keyed 1 to 10) and the
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
ANSWERS: dict[CaspAnswer, str] = {"yes": "Yes", "cant_tell": "Can't tell", "no": "No"}
CERQUAL_COMPONENTS = (
    ("methodological_limitations", "Methodological limitations"),
    ("coherence", "Coherence"),
    ("adequacy", "Adequacy"),
    ("relevance", "Relevance"),
)
