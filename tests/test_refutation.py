"""Refutational translations as evidence: a contradiction a higher-order concept accounts for,
a study on both sides of one concept, and refutations counted one by one."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from metaethno.cli import app

runner = CliRunner()

GAMMA = """\
id: gamma2015
references:
  - authors: [Gamma, G.]
    year: 2015
    title: Heard too much
concepts:
  - id: overheard
    label: Heard too much
"""

TRUST = """\
id: trust
label: Trust
includes: [being-heard]
translations:
  - study: alpha2010
    concept: wary
    relation: reciprocal
"""

REFUTATION = """\
  - study: gamma2015
    concept: overheard
    relation: refutational
    note: Being listened to closely was felt as surveillance.
"""


def reconciled(review: Path, accounted: bool = True) -> Path:
    """The base review with a third study refuting `being-heard`, a contradiction that
    `trust`, which includes it, accounts for; `trust` has one supporting study of its own."""
    (review / "studies" / "gamma2015.yaml").write_text(GAMMA)
    (review / "concepts" / "trust.yaml").write_text(TRUST)
    heard = review / "concepts" / "being-heard.yaml"
    refutation = REFUTATION + ("    accounted_for_by: trust\n" if accounted else "")
    heard.write_text(heard.read_text().replace("links:\n", refutation + "links:\n"))
    return review


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_an_accounted_for_refutation_is_evidence_of_the_reconciling_concept(
    base_review: Path,
) -> None:
    report = run("report", str(reconciled(base_review)))
    trust = report.split("### Trust\n", 1)[1].split("\n### ", 1)[0]
    assert (
        "**Supported by 3 of 3 studies**: Alpha 2010, Beta 2012, Gamma 2015. "
        "Contradictions accounted for: 1." in trust
    )
    assert "- **Gamma 2015**, *Heard too much* (refutes Being heard)" in trust
    heard = report.split("### Being heard\n", 1)[1].split("\n### ", 1)[0]
    assert "  - Accounted for by Trust." in heard


def test_a_reconciled_concept_does_not_rest_on_one_study(base_review: Path) -> None:
    result = runner.invoke(app, ["check", str(reconciled(base_review))])
    assert result.exit_code == 0, result.output
    assert "ME303" not in result.stdout


def test_without_accounted_for_by_it_rests_on_one_study(base_review: Path) -> None:
    output = run("check", str(reconciled(base_review, accounted=False)))
    assert "ME303 concept `trust` is supported by one study only (alpha2010)" in output


def test_a_study_on_both_sides_of_a_concept_is_mixed(base_review: Path) -> None:
    heard = base_review / "concepts" / "being-heard.yaml"
    refutation = (
        "  - study: beta2012\n    concept: guarded\n    relation: refutational\n"
        "    note: Guardedness kept people from asking to be heard.\n"
    )
    heard.write_text(heard.read_text().replace("links:\n", refutation + "links:\n"))
    report = run("report", str(base_review))
    section = report.split("### Being heard\n", 1)[1].split("\n### ", 1)[0]
    assert "**Refuted by:**" not in section
    assert "**Mixed** (the same study supports it and refutes it):" in section
    assert "- **Beta 2012**, *Dismissed* (supports it)" in section
    assert "- **Beta 2012**, *Guarded* (refutes it)" in section
    translate = run("translate", str(base_review), "--format", "markdown")
    assert (
        "| Being heard | Alpha 2010 (1) | Beta 2012 (mixed: it also supports the concept) "
        "| Guarded | Guardedness kept people from asking to be heard. |  |" in translate
    )
    relate = run("relate", str(base_review), "--format", "markdown")
    assert (
        "| Being heard | Beta 2012 (mixed: it also supports the concept) | Alpha 2010 (1) |"
        in relate
    )


def test_refutations_are_counted_not_pairs_of_studies(base_review: Path) -> None:
    review = reconciled(base_review)
    relate = run("relate", str(review), "--format", "markdown")
    assert (
        "1 refutation: a study contradicts a concept; the last column names the other "
        "studies that support it and gives their number." in relate
    )
    assert "| Being heard | Gamma 2015 | Alpha 2010, Beta 2012 (2) |" in relate
    translate = run("translate", str(review), "--format", "markdown")
    assert "## Translation grid\n" in translate
    assert "1 refutational translation, 1 of them accounted for by a higher-order" in translate


CONFIDENCE = """\
confidence:
  methodological_limitations: minor
  coherence: minor
  adequacy: minor
  relevance: no_or_very_minor
  overall: moderate
  explanation: Three studies, one of them reconciled.
"""


def test_the_summary_of_findings_lists_every_study_a_finding_uses_with_its_rating(
    base_review: Path,
) -> None:
    review = reconciled(base_review)
    trust = review / "concepts" / "trust.yaml"
    trust.write_text(trust.read_text() + CONFIDENCE)
    report = run("report", str(review))
    summary = report.split("## Summary of qualitative findings (GRADE-CERQual)\n", 1)[1]
    assert "| Finding | Studies (appraisal rating) | Confidence | Explanation |" in summary
    assert (
        "| **Trust** | Alpha 2010 (moderate), Beta 2012 (not appraised), "
        "Gamma 2015 (not appraised) (3) | Moderate |" in summary
    )
