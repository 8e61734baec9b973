"""The report's findings: each concept of the line of argument with the evidence behind it
(second-order constructs and their first-order data), and the Summary of Qualitative Findings
with its GRADE-CERQual assessments. `report` puts them in place."""

from __future__ import annotations

from collections.abc import Sequence

from metaethno.analysis.findings import Evidence, Finding
from metaethno.analysis.sensitivity import Sensitivity
from metaethno.render import markdown as md
from metaethno.review.hints import plural
from metaethno.review.instruments import CERQUAL_COMPONENTS
from metaethno.review.loaded import Review
from metaethno.review.models import Confidence, Quote

ORDERS_OF_CONSTRUCT = (
    "Each concept below is a third-order construct: the reviewers' interpretation. Under it "
    "are the studies' second-order constructs, the authors' interpretations in their own "
    "terms, each with the first-order data it rests on: participants' words in quotation "
    "marks, and field observations marked as such."
)


def finding_markdown(finding: Finding, total: int) -> str:
    """One concept of the line of argument: its interpretation, facts, evidence and confidence."""
    concept = finding.concept
    parts = [md.heading(3, concept.label)]
    if concept.interpretation:
        parts.append(md.paragraph(md.escape(concept.interpretation)))
    facts = []
    if concept.level:
        facts.append(f"**Level:** {md.escape(concept.level)}.")
    if finding.includes:
        facts.append(f"**Includes:** {md.escape('; '.join(c.label for c in finding.includes))}.")
    if finding.links:
        links = "; ".join(f"{relation} {target.label}" for relation, target in finding.links)
        facts.append(f"**Links:** {md.escape(links)}.")
    if facts:
        parts.append(md.paragraph(" ".join(facts)))
    studies = ", ".join(study.key for study in finding.studies)
    through = (
        " (through the concepts it includes)" if finding.includes and not finding.supporting else ""
    )
    accounted = (
        f" Contradictions accounted for: {len(finding.accounted)}." if finding.accounted else ""
    )
    parts.append(
        md.paragraph(
            f"**Supported by {len(finding.studies)} of {total} studies**{through}"
            + (f": {md.escape(studies)}." if studies else ".")
            + accounted
        )
    )
    parts.append(md.bullets([_evidence(item) for item in finding.supporting]))
    if finding.mixed:
        parts.append(md.paragraph("**Mixed** (the same study supports it and refutes it):"))
        parts.append(md.bullets([_evidence(item, mixed=True) for item in finding.mixed]))
    if finding.refuting:
        parts.append(md.paragraph("**Refuted by:**"))
        parts.append(md.bullets([_evidence(item) for item in finding.refuting]))
    if finding.accounted:
        parts.append(
            md.paragraph(
                "**Contradictions accounted for** (refutations of the concepts it includes, "
                "which this concept reconciles):"
            )
        )
        parts.append(md.bullets([_evidence(item) for item in finding.accounted]))
    if concept.confidence:
        parts.append(_confidence(concept.confidence))
    return "".join(parts)


def _evidence(item: Evidence, mixed: bool = False) -> str:
    """A study's concept as a list item: key, label and interpretation, with the translation's
    note and the participants' words nested below; in a mixed study's list, whether the
    concept supports or refutes."""
    text = f"**{md.escape(item.study.key)}**, *{md.escape(item.concept.label)}*"
    if item.contradicts is not None:
        text += f" (refutes {md.escape(item.contradicts.label)})"
    elif mixed:
        text += " (refutes it)" if item.refutes else " (supports it)"
    if item.concept.page is not None:
        text += f" (p. {md.escape(str(item.concept.page))})"
    if item.concept.interpretation:
        text += f": {md.escape(item.concept.interpretation)}"
    note_label = "Why it refutes:" if item.refutes else "Note:"
    nested = [f"{note_label} {md.escape(item.note)}"] if item.note else []
    if item.accounted_for_by is not None and item.contradicts is None:
        nested.append(f"Accounted for by {md.escape(item.accounted_for_by.label)}.")
    nested += [_quote(quote) for quote in item.concept.quotes]
    return text + "".join(f"\n  - {line}" for line in nested)


def _quote(quote: Quote) -> str:
    """A first-order item: a participant's words in quotation marks, a field observation
    named as one."""
    source = [quote.source] if quote.source else []
    if quote.page is not None:
        source.append(f"p. {quote.page}")
    cited = f" ({md.escape(', '.join(source))})" if source else ""
    if quote.kind == "observation":
        return f"Observation: {md.escape(quote.text)}{cited}"
    return f"“{md.escape(quote.text)}”{cited}"


def _confidence(confidence: Confidence) -> str:
    explanation = f" {md.escape(confidence.explanation)}" if confidence.explanation else ""
    items = [
        f"{name}: {_concern(concern)}."
        + (f" {md.escape(why)}" if (why := getattr(confidence, field + "_explanation")) else "")
        for field, name, concern in _components(confidence)
    ]
    return md.paragraph(
        f"**Confidence (GRADE-CERQual): {_overall(confidence)}.**{explanation}"
    ) + md.bullets(items)


def _components(confidence: Confidence) -> list[tuple[str, str, str]]:
    """(field, name, concern) for each GRADE-CERQual component that was assessed."""
    return [
        (field, name, concern)
        for field, name in CERQUAL_COMPONENTS
        if (concern := getattr(confidence, field)) is not None
    ]


def _overall(confidence: Confidence) -> str:
    return confidence.overall.replace("_", " ").capitalize()


def _concern(concern: str) -> str:
    return concern.replace("_", " ") + " concerns"


def summary_of_findings(review: Review, found: Sequence[Finding]) -> str:
    """The Summary of Qualitative Findings: every concept with a confidence, higher-order ones
    too, with every study whose evidence it uses and each one's appraisal rating."""
    rows = []
    for finding in found:
        concept = finding.concept
        confidence = concept.confidence
        if confidence is None:
            continue
        statement = f"**{md.escape(concept.label)}**"
        if concept.interpretation:
            statement += f": {md.escape(concept.interpretation)}"
        studies = ", ".join(
            f"{study.key} ({_rating(review, study.id)})" for study in finding.studies
        )
        components = " ".join(
            f"{name}: {_concern(concern)}." for _, name, concern in _components(confidence)
        )
        explanation = md.LINE_BREAK.join(
            text
            for text in (md.escape(confidence.explanation or ""), md.escape(components))
            if text
        )
        rows.append(
            [
                statement,
                f"{md.escape(studies)} ({len(finding.studies)})" if studies else "None",
                _overall(confidence),
                explanation,
            ]
        )
    if not rows:
        return ""
    headers = ["Finding", "Studies (appraisal rating)", "Confidence", "Explanation"]
    return md.heading(2, "Summary of qualitative findings (GRADE-CERQual)") + md.table(
        headers, rows
    )


def _rating(review: Review, study_id: str) -> str:
    """A study's appraisal rating, as the Summary of Qualitative Findings shows it."""
    appraisal = review.studies[study_id].appraisal
    return appraisal.rating if appraisal and appraisal.rating else "not appraised"


def sensitivity_markdown(result: Sensitivity) -> str:
    """Which concepts lose support, fall to one study or disappear without the studies rated
    low; empty when no study is rated low."""
    if not result.left_out:
        return ""
    keys = ", ".join(study.key for study in result.left_out)
    parts = [
        md.heading(2, "Sensitivity analysis: studies rated low left out"),
        md.paragraph(
            f"The synthesis again without the {plural(len(result.left_out), 'study', 'studies')} "
            f"rated low in the appraisal ({md.escape(keys)}): the evidence a judgement of "
            "methodological limitations rests on. `metaethno translate --exclude-rating low` "
            "shows the tables without them."
        ),
    ]
    if not result.changes:
        return "".join(parts) + md.paragraph("No concept loses the support of any study.")
    rows = [
        [md.escape(c.concept.label), str(c.before), str(c.after), c.outcome] for c in result.changes
    ]
    headers = ["Concept", "Studies behind it", "Without them", "Outcome"]
    return "".join(parts) + md.table(headers, rows, numeric=[1, 2])
