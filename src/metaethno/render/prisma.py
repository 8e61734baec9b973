"""The PRISMA 2020 flow diagram (Page et al. 2021) of a review's `methods.flow`: a Mermaid
flowchart, a table of the same numbers for readers that do not draw Mermaid, and the
reports excluded at full text with their reasons (eMERGe criterion 8)."""

from __future__ import annotations

from collections.abc import Sequence

from metaethno.render import markdown as md
from metaethno.render.mermaid import label
from metaethno.review.methods import ExcludedStudy, Flow


def flow_markdown(flow: Flow, excluded: Sequence[ExcludedStudy], level: int) -> str:
    """The flow diagram, its table and the excluded studies, under headings of `level`."""
    parts = [
        md.paragraph("The flow of records and reports through the review (PRISMA 2020):"),
        f"```mermaid\n{flow_chart(flow)}```\n\n",
        md.table(["Stage", "n"], [[md.escape(s), str(n)] for s, n in flow_rows(flow)], numeric=[1]),
    ]
    if excluded:
        parts += [
            md.heading(level, "Studies excluded at full text"),
            md.table(
                ["Report", "Reason for exclusion"],
                [[md.escape(item.reference), md.escape(item.reason)] for item in excluded],
            ),
        ]
    return "".join(parts)


def flow_rows(flow: Flow) -> list[tuple[str, int]]:
    """Each box of the diagram as (stage, n), in the order the diagram reads."""
    identified = sum(source.records for source in flow.identified)
    rows = [("Records identified", identified)]
    rows += [(f"Records identified: {source.name}", source.records) for source in flow.identified]
    rows += [
        ("Duplicate records removed before screening", flow.duplicates_removed),
        ("Records screened", flow.screened),
        ("Records excluded", flow.excluded_at_screening),
        ("Reports sought for retrieval", flow.sought),
        ("Reports not retrieved", flow.not_retrieved),
        ("Reports assessed for eligibility", flow.assessed),
        ("Reports excluded", sum(reason.reports for reason in flow.excluded)),
    ]
    rows += [(f"Reports excluded: {reason.reason}", reason.reports) for reason in flow.excluded]
    rows += [
        ("Studies included in the review", flow.studies_included),
        ("Reports of included studies", flow.reports_included),
    ]
    return rows


def flow_chart(flow: Flow) -> str:
    """The diagram as Mermaid: the main column downwards, each exclusion to its right."""
    identified = sum(source.records for source in flow.identified)
    excluded = sum(reason.reports for reason in flow.excluded)
    boxes = {
        "identified": [
            f"Records identified (n = {identified})",
            *(f"{source.name} (n = {source.records})" for source in flow.identified),
        ],
        "removed": [f"Duplicate records removed before screening (n = {flow.duplicates_removed})"],
        "screened": [f"Records screened (n = {flow.screened})"],
        "screened_out": [f"Records excluded (n = {flow.excluded_at_screening})"],
        "sought": [f"Reports sought for retrieval (n = {flow.sought})"],
        "not_retrieved": [f"Reports not retrieved (n = {flow.not_retrieved})"],
        "assessed": [f"Reports assessed for eligibility (n = {flow.assessed})"],
        "excluded": [
            f"Reports excluded (n = {excluded})",
            *(f"{reason.reason} (n = {reason.reports})" for reason in flow.excluded),
        ],
        "included": [
            f"Studies included in the review (n = {flow.studies_included})",
            f"Reports of included studies (n = {flow.reports_included})",
        ],
    }
    lines = ["flowchart TD"]
    lines += [f"  {name}[{_box(texts)}]" for name, texts in boxes.items()]
    lines += [
        "  identified --> screened --> sought --> assessed --> included",
        "  identified --> removed",
        "  screened --> screened_out",
        "  sought --> not_retrieved",
        "  assessed --> excluded",
    ]
    return "\n".join(lines) + "\n"


def _box(texts: Sequence[str]) -> str:
    """A box's lines, each escaped as a Mermaid label, joined by line breaks in one label."""
    return '"' + "<br>".join(label(text)[1:-1] for text in texts) + '"'
