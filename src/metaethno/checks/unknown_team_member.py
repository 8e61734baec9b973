"""ME217: a study's `extracted_by` or `appraised_by` names no member of the review's team."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME217",
    "unknown-team-member",
    Severity.ERROR,
    "`extracted_by` and `appraised_by` must give ids of the `team` in metaethno.yaml, so that "
    "the report can say who extracted and appraised each study. Correct the id, or add the "
    "member to the team.",
    bad="# metaethno.yaml: team: [{id: sa, name: Sara Ahmed}]\nextracted_by: [rc]",
    good="extracted_by: [sa]",
)


def check(review: Review) -> Iterator[Diagnostic]:
    if review.config is None:
        return
    team = [member.id for member in review.config.team]
    known = set(team)
    for study in review.studies.values():
        for key, given in (
            ("extracted_by", study.extracted_by),
            ("appraised_by", study.appraised_by),
        ):
            for index, member in enumerate(given):
                if member in known:
                    continue
                if not team:
                    advice = (
                        f"; metaethno.yaml has no `team`: add `team: [{{id: {member}, name: ...}}]`"
                    )
                else:
                    advice = did_you_mean(member, team) or "; the team is " + ", ".join(team)
                yield RULE.at(
                    study.where(key, index),
                    f"`{member}` in {key} is not a member of the team{advice}",
                )
