"""`compare`'s output: Markdown, terminal tables, JSON and CSV of one Comparison.

Markdown and the terminal print the same blocks (headings, sentences, tables) built once by
`_blocks`; JSON is the Comparison as an object; CSV has one row per difference and per
translation decision, for a spreadsheet to sort and filter.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from metaethno.analysis.agreement import Agreement
from metaethno.analysis.compare import RENAME_OVERLAP, Changes, Comparison
from metaethno.render import markdown as md
from metaethno.render import terminal
from metaethno.render.tables import Table, Value
from metaethno.render.tables import render_csv as table_csv
from metaethno.review.hints import plural


@dataclass(frozen=True)
class _Block:
    """A heading (level > 0), a sentence (no headers) or a table, of plain text."""

    level: int = 0
    text: str = ""
    headers: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = ()
    numeric: Sequence[int] = ()


def render_markdown(comparison: Comparison) -> str:
    parts = []
    for block in _blocks(comparison):
        if block.level:
            parts.append(md.heading(block.level, block.text))
        elif block.headers:
            # numeric columns hold figures this module wrote, which escaping would mangle
            cells = [
                [cell if i in block.numeric else md.escape(cell) for i, cell in enumerate(row)]
                for row in block.rows
            ]
            parts.append(md.table(block.headers, cells, block.numeric))
        else:
            parts.append(md.paragraph(md.escape(block.text)))
    return md.document(parts)


def render_terminal(comparison: Comparison, width: int, color: bool) -> str:
    console = terminal.buffered_console(width, color)
    for block in _blocks(comparison):
        if block.level:
            console.print(block.text.upper() if block.level <= 2 else block.text, style="bold")
        elif block.headers:
            table = terminal.table("", block.headers, block.numeric)
            for row in block.rows:
                table.add_row(*row)
            console.print(table)
        else:
            console.print(block.text)
    return terminal.printed_text(console)


def render_json(comparison: Comparison) -> str:
    data = asdict(comparison)
    for key in ("overall", "ratings", "answers"):
        data[key]["percent"] = getattr(comparison, key).percent
    data["per_concept"] = [
        {"concept": concept, **asdict(found), "percent": found.percent}
        for concept, found in comparison.per_concept
    ]
    for entry, decision in zip(data["decisions"], comparison.decisions, strict=True):
        entry["agreed"] = decision.agreed
    data["differs"] = comparison.differs
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


CSV_HEADERS = ("section", "change", "item", "field", "a", "b")


def render_csv(comparison: Comparison) -> str:
    rows: list[tuple[Value, ...]] = []
    for changes in (comparison.studies, comparison.study_concepts, comparison.concepts):
        rows += [(changes.kind, "added", item, "", "", "") for item in changes.added]
        rows += [(changes.kind, "removed", item, "", "", "") for item in changes.removed]
        rows += [(changes.kind, "changed", c.item, c.field, c.old, c.new) for c in changes.changed]
    for d in comparison.decisions:
        change = "agreed" if d.agreed else "disagreed"
        rows.append(("translations", change, f"{d.study}/{d.concept}", "", d.a, d.b))
    return table_csv(Table("Comparison", "comparison.csv", CSV_HEADERS, tuple(rows)))


def _blocks(c: Comparison) -> Iterator[_Block]:
    yield _Block(1, f"Comparison of {c.a} and {c.b}")
    for name, label, names in (("A", c.a, c.a_reviewers), ("B", c.b, c.b_reviewers)):
        by = f" (reviewers: {'; '.join(names)})" if names else ""
        yield _Block(text=f"{name}: {label}{by}.")
    for changes in (c.studies, c.study_concepts, c.concepts):
        yield from _changes(changes)
        if changes is c.concepts and c.renames:
            yield _Block(
                text="Renamed, matched by their translations (at least "
                f"{RENAME_OVERLAP:.0%} of the study concepts either translates are shared):"
            )
            yield _Block(
                headers=["A", "B", "Shared translations", "Overlap"],
                rows=[[r.a, r.b, str(r.shared), f"{r.overlap:.0%}"] for r in c.renames],
                numeric=[2, 3],
            )
    yield from _translations(c)
    yield _Block(2, "Appraisal")
    yield _agreement_table(
        [("Overall rating", c.ratings), ("Appraisal answers", c.answers)], "What"
    )
    if c.update is not None:
        yield from _update(c)


def _changes(changes: Changes) -> Iterator[_Block]:
    yield _Block(2, changes.kind.capitalize())
    if not changes.differs:
        yield _Block(text="No differences.")
        return
    for what, items in (("Added in B", changes.added), ("Removed in B", changes.removed)):
        if items:
            yield _Block(text=f"{what}: {', '.join(items)}.")
    if changes.changed:
        yield _Block(
            headers=["Item", "Field", "A", "B"],
            rows=[[f.item, f.field, f.old or "", f.new or ""] for f in changes.changed],
        )


def _translations(c: Comparison) -> Iterator[_Block]:
    yield _Block(2, "Translations")
    if not c.decisions:
        yield _Block(text="No study concept is in both versions.")
        return
    disagreements = [d for d in c.decisions if not d.agreed]
    yield _Block(
        text=f"Of {plural(len(c.decisions), 'study concept')} in both versions, "
        f"{len(c.decisions) - len(disagreements)} are translated the same way "
        f"and {len(disagreements)} differently."
    )
    yield _agreement_table([("All translation decisions", c.overall)], "What")
    if disagreements:
        yield _Block(3, "Disagreements, for discussion")
        yield _Block(
            headers=["Study", "Study concept", "A", "B"],
            rows=[[d.study, d.concept, d.a, d.b] for d in disagreements],
        )
    if c.per_concept:
        yield _Block(3, "Agreement per synthesised concept")
        yield _agreement_table(c.per_concept, "Concept")


def _agreement_table(rows: Sequence[tuple[str, Agreement]], first: str) -> _Block:
    return _Block(
        headers=[first, "Decisions", "Agreement", "Kappa", "95% CI"],
        rows=[[name, str(a.n), *_figures(a)] for name, a in rows],
        numeric=[1, 2, 3, 4],
    )


def _figures(a: Agreement) -> list[str]:
    percent = f"{a.percent:.0f}%" if a.percent is not None else "n/a"
    if a.kappa is None or a.low is None or a.high is None:
        return [percent, "n/a", ""]
    return [percent, f"{a.kappa:.2f}", f"{a.low:.2f} to {a.high:.2f}"]


def _update(c: Comparison) -> Iterator[_Block]:
    update = c.update
    if update is None:
        return
    yield _Block(2, "Update: what the new studies changed")
    yield _Block(text=f"New studies: {', '.join(update.new_studies)}.")
    if update.new_concepts:
        yield _Block(text=f"New synthesised concepts: {', '.join(update.new_concepts)}.")
    if update.support:
        yield _Block(text="Supporting studies changed:")
        yield _Block(
            headers=["Concept", "Supporting studies in A", "In B"],
            rows=[[concept, str(old), str(new)] for concept, old, new in update.support],
            numeric=[1, 2],
        )
    if update.refutations:
        yield _Block(text="Refutations added:")
        yield _Block(
            headers=["Concept", "Refuted by study", "Study concept"],
            rows=[list(row) for row in update.refutations],
        )
    if update.revisit:
        yield _Block(
            text="CERQual assessments to revisit, since their evidence changed: "
            f"{', '.join(update.revisit)}."
        )
