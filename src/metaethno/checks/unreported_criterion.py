"""ME316: with `reporting: emerge`, an eMERGe criterion has no content in the review."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.emerge import CRITERIA, missing_fields
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME316",
    "unreported-criterion",
    Severity.WARNING,
    "The review asks to be reported by the eMERGe guidance (`reporting: emerge`), and one of "
    "its 19 criteria has no content, so the report's checklist would say `not reported`. The "
    "message names the criterion (numbered 01 to 19, so that the warnings sort in order) and the "
    "field to fill in; docs/reporting.md ties every "
    "criterion to its field. Without `reporting: emerge` this is not checked.",
    bad="reporting: emerge\nmethods:\n  rationale: No synthesis has asked how relationships shape care.",
    good="reporting: emerge\nmethods:\n  rationale: No synthesis has asked how relationships shape care.\n"
    "  aims: To explain how relationships shape care.\n  # ... and every other criterion's field",
)

_WHAT_TO_DO = {
    "study files": "add the included studies' files",
    "concept files with translations": "translate the studies' concepts into synthesised concepts",
}


def check(review: Review) -> Iterator[Diagnostic]:
    config = review.config
    if config is None or config.reporting != "emerge":
        return
    for criterion in CRITERIA:
        missing = missing_fields(review, criterion)
        if missing:
            todo = "; ".join(_WHAT_TO_DO.get(field, f"write `{field}`") for field in missing)
            yield RULE.at(
                config.where("reporting"),
                f"eMERGe criterion {criterion.number:02} ({criterion.heading}) has no content; {todo}",
            )
