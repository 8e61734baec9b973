"""ME221: a sum of the PRISMA 2020 flow does not hold."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import plural
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME221",
    "flow-arithmetic",
    Severity.ERROR,
    "Each box of the PRISMA 2020 flow (`methods.flow`) follows from the ones above it: records "
    "identified minus duplicates removed are the records screened; screened minus excluded at "
    "screening are the reports sought; sought minus not retrieved are the reports assessed; "
    "assessed minus the reports excluded (the sum of the reasons) are the reports included. The "
    "studies and reports included are the review's study files and their papers. Correct the "
    "number the message points at, or the one it is computed from.",
    bad="identified: [{name: MEDLINE, records: 100}]\nduplicates_removed: 20\nscreened: 90",
    good="identified: [{name: MEDLINE, records: 100}]\nduplicates_removed: 20\nscreened: 80",
)


def check(review: Review) -> Iterator[Diagnostic]:
    config = review.config
    flow = config.methods.flow if config and config.methods else None
    if config is None or flow is None:
        return
    identified = sum(source.records for source in flow.identified)
    excluded = sum(reason.reports for reason in flow.excluded)
    sums = (
        ("screened", flow.screened, identified - flow.duplicates_removed,
         f"records identified ({identified}) minus duplicates removed ({flow.duplicates_removed})"),
        ("sought", flow.sought, flow.screened - flow.excluded_at_screening,
         f"records screened ({flow.screened}) minus excluded at screening "
         f"({flow.excluded_at_screening})"),
        ("assessed", flow.assessed, flow.sought - flow.not_retrieved,
         f"reports sought ({flow.sought}) minus not retrieved ({flow.not_retrieved})"),
        ("reports_included", flow.reports_included, flow.assessed - excluded,
         f"reports assessed ({flow.assessed}) minus reports excluded ({excluded})"),
    )  # fmt: skip
    for key, written, expected, how in sums:
        if written != expected:
            yield RULE.at(
                config.where("methods", "flow", key),
                f"`{key}` is {written}, but {how} is {expected}; correct one of them",
            )
    if review.studies_folder in review.missing_folders:
        return
    if flow.studies_included != review.study_count:
        yield RULE.at(
            config.where("methods", "flow", "studies_included"),
            f"`studies_included` is {flow.studies_included}, but the review has "
            f"{plural(review.study_count, 'study file')}; expected {review.study_count}",
        )
    papers = sum(len(study.references) for study in review.studies.values())
    if not review.broken_studies and flow.reports_included != papers:
        yield RULE.at(
            config.where("methods", "flow", "reports_included"),
            f"`reports_included` is {flow.reports_included}, but the review's study files "
            f"cite {plural(papers, 'paper')}; expected {papers}",
        )
