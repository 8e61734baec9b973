"""ME313: the methodological-limitations judgement against the appraisal, and the reviewers'
explanation that answers it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from metaethno.cli import app

runner = CliRunner()

CONFIDENCE = """confidence:
  methodological_limitations: no_or_very_minor
  coherence: no_or_very_minor
  adequacy: minor
  relevance: no_or_very_minor
  overall: moderate
  explanation: Two studies agree.
"""


def judged(review: Path, explanation: str = "") -> Path:
    """The base review with alpha2010 rated low, and being-heard's limitations judged no or
    very minor, with `explanation` as their explanation when given."""
    alpha = review / "studies" / "alpha2010.yaml"
    alpha.write_text(alpha.read_text().replace("rating: moderate", "rating: low"))
    concept = review / "concepts" / "being-heard.yaml"
    extra = f"  methodological_limitations_explanation: {explanation}\n" if explanation else ""
    concept.write_text(concept.read_text() + CONFIDENCE + extra)
    return review


def me313(review: Path) -> list[str]:
    result = runner.invoke(app, ["check", str(review)])
    return [line for line in result.stdout.splitlines() if " ME313 " in line]


def test_a_judgement_at_odds_with_the_appraisal_is_a_warning(base_review: Path) -> None:
    assert [line.split(" ME313 ", 1)[1] for line in me313(judged(base_review))] == [
        "methodological limitations of `being-heard` are judged, but contributing study "
        "beta2012 has no appraisal rating; appraise it, or explain the judgement without it",
        "methodological limitations of `being-heard` raise no or very minor concerns, but "
        "contributing study alpha2010 is rated low; revise the judgement or explain why it "
        "does not weaken the finding",
    ]


def test_an_explanation_of_the_judgement_answers_the_warning(base_review: Path) -> None:
    review = judged(
        base_review, "The low rating is for reporting; its data on being heard are rich."
    )
    assert me313(review) == []
