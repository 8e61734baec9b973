"""ME212: a reference's year is not a plausible year of publication."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

FIRST_YEAR = 1900

RULE = Rule(
    "ME212",
    "implausible-year",
    Severity.ERROR,
    f"A reference's `year` is its year of publication, from {FIRST_YEAR} to next year (a paper "
    "in press may carry next year's date). Any other year is almost always a typo, and it puts "
    "the study in the wrong place of a chronological translation order.",
    bad="year: 20014",
    good="year: 2014",
)


def check(review: Review) -> Iterator[Diagnostic]:
    # computed at each run, so that next year's papers pass without a new release
    last = date.today().year + 1
    for study in review.studies.values():
        for index, reference in enumerate(study.references):
            if not FIRST_YEAR <= reference.year <= last:
                yield RULE.at(
                    study.where("references", index, "year"),
                    f"year {reference.year} is not a plausible year of publication; "
                    f"write the paper's year, from {FIRST_YEAR} to next year",
                )
