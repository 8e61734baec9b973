"""ME315: an appraisal answer that the appraisal tool does not have."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.instruments import CASP_FREE_TEXT_QUESTION, CASP_QUESTIONS, tool_questions
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME315",
    "answer-outside-tool",
    Severity.WARNING,
    "The CASP qualitative checklist answers questions 1 to 9 with yes, can't tell or no, and "
    "question 10 (How valuable is the research?) in free text, which goes under `comments`; "
    "only JBI's checklist has not_applicable.",
    bad="appraisal:\n  tool: CASP\n  answers: {9: yes, 10: yes}",
    good="appraisal:\n  tool: CASP\n  answers: {9: yes}\n"
    "  comments:\n    10: Valuable for services planning interpreter provision.",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for study in review.studies.values():
        appraisal = study.appraisal
        if appraisal is None:
            continue
        is_casp = tool_questions(appraisal.tool) is CASP_QUESTIONS
        for question, answer in appraisal.answers.items():
            where = study.where("appraisal", "answers", question)
            if answer == "not_applicable" and is_casp:
                yield RULE.at(
                    where,
                    f"question {question} is answered not_applicable, which the CASP checklist "
                    "does not offer; answer yes, cant_tell or no, or name the tool (JBI)",
                )
            elif is_casp and question == CASP_FREE_TEXT_QUESTION:
                yield RULE.at(
                    where,
                    f"CASP's question 10 is answered in free text, not `{answer}`; write the "
                    "answer under `comments: {10: ...}` and remove it from `answers`",
                )
