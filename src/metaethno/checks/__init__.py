"""Cross-file checks: one module per check, all registered in CHECKS.

Each module defines `RULE` (code, severity, summary, examples) and
`check(review)`, which yields diagnostics and never raises. `run.check_review`
loads a review and runs them all; `docs` writes docs/checks.md from the rules.

Imports `metaethno.review` only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from metaethno.checks import (
    accounted_for_by,
    answer_outside_tool,
    argument_without_confidence,
    duplicate_id,
    duplicate_label,
    duplicate_level,
    duplicate_link,
    empty_concept,
    explanation_without_rating,
    flow_arithmetic,
    implausible_year,
    includes_cycle,
    incomplete_confidence,
    inconsistent_confidence,
    index_study,
    limitations_against_appraisal,
    no_authors,
    no_first_order_data,
    refutational_only,
    refutational_without_note,
    self_link,
    single_study_concept,
    study_without_contribution,
    unknown_included_concept,
    unknown_level,
    unknown_linked_concept,
    unknown_sequence_concept,
    unknown_study,
    unknown_study_concept,
    unknown_team_member,
    unreported_criterion,
    untranslated_study_concept,
    unused_index_study,
)
from metaethno.review.diagnostics import Diagnostic
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule


@dataclass(frozen=True)
class Check:
    """A registered check: its rule and the function that finds its problems."""

    rule: Rule
    run: Callable[[Review], Iterator[Diagnostic]]


CHECKS: tuple[Check, ...] = tuple(
    Check(module.RULE, module.check)
    for module in (
        unknown_study,
        unknown_study_concept,
        unknown_included_concept,
        unknown_linked_concept,
        unknown_sequence_concept,
        unknown_team_member,
        includes_cycle,
        unknown_level,
        index_study,
        duplicate_id,
        refutational_without_note,
        accounted_for_by,
        empty_concept,
        implausible_year,
        duplicate_label,
        self_link,
        duplicate_link,
        duplicate_level,
        untranslated_study_concept,
        study_without_contribution,
        no_first_order_data,
        single_study_concept,
        refutational_only,
        unused_index_study,
        no_authors,
        explanation_without_rating,
        incomplete_confidence,
        inconsistent_confidence,
        limitations_against_appraisal,
        answer_outside_tool,
        argument_without_confidence,
        flow_arithmetic,
        unreported_criterion,
    )
)


def run_checks(review: Review) -> list[Diagnostic]:
    """Every cross-file problem in the review."""
    return [diagnostic for check in CHECKS for diagnostic in check.run(review)]
