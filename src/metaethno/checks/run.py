"""The library's entry points: what the commands do, as functions that return data."""

from __future__ import annotations

from dataclasses import dataclass

from metaethno.checks import run_checks
from metaethno.review.diagnostics import Diagnostic
from metaethno.review.loaded import Review
from metaethno.review.loader import ParsedFiles, load_review
from metaethno.review.paths import ReviewPath


@dataclass(frozen=True)
class CheckedReview:
    """A loaded review with every problem the loader and the checks found, in file order."""

    review: Review
    diagnostics: list[Diagnostic]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def check_review(root: ReviewPath, parsed: ParsedFiles | None = None) -> CheckedReview:
    """Load the review in `root` and run every check over it; `parsed` shares the files read
    with another version of the review (see `load_review`)."""
    loaded = load_review(root, parsed)
    diagnostics = sorted(loaded.diagnostics + run_checks(loaded.review))
    return CheckedReview(loaded.review, diagnostics)
