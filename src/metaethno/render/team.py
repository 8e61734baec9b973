"""The report's account of who did what: eMERGe asks how many reviewers extracted and appraised."""

from __future__ import annotations

from metaethno.render import markdown as md
from metaethno.review.hints import plural
from metaethno.review.loaded import Review


def team_markdown(review: Review) -> str:
    """The methods section of a report without `methods`: the review team, or nothing for a
    review without a team."""
    team = reviewers_markdown(review, level=3)
    return md.heading(2, "Methods") + team if team else ""


def reviewers_markdown(review: Review, level: int) -> str:
    """The table of reviewers with the studies each extracted and appraised, under a heading
    of `level`, or nothing for a review without a team."""
    if review.config is None or not review.config.team:
        return ""
    studies = review.studies.values()
    rows = [
        [
            md.escape(member.name),
            md.escape(member.role or ""),
            str(sum(member.id in study.extracted_by for study in studies)),
            str(sum(member.id in study.appraised_by for study in studies)),
        ]
        for member in review.config.team
    ]
    extracted = sum(bool(study.extracted_by) for study in studies)
    appraised = sum(bool(study.appraised_by) for study in studies)
    twice = sum(len(set(study.extracted_by)) > 1 for study in studies)
    total = plural(len(review.studies), "study", "studies")
    return (
        md.heading(level, "Review team")
        + md.table(
            ["Reviewer", "Role", "Studies extracted", "Studies appraised"], rows, numeric=[2, 3]
        )
        + md.paragraph(
            f"Of {total}, {extracted} name who extracted them ({twice} by more than one "
            f"reviewer) and {appraised} who appraised them."
        )
    )
