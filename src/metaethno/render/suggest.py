"""Render suggest's findings as terminal tables, Markdown or ready-to-paste YAML, by name.

Each renderer takes the `Suggestions` and a `View` and returns a string; nothing here
writes. docs/suggest.md describes every format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from metaethno.analysis.similarity import StudyConceptRef
from metaethno.analysis.suggest import Candidate, Group, Suggestion, Suggestions
from metaethno.render import markdown as md
from metaethno.render import terminal
from metaethno.review.yaml_writer import yaml_plain_or_quoted, yaml_string

if TYPE_CHECKING:
    from rich.table import Table

NO_CANDIDATE = "no synthesised concept shares a word with it"
NOTE_PREFIX = "suggested by metaethno suggest"
MATCHED_COLUMN_WIDTH = 24


@dataclass(frozen=True)
class View:
    """How to show the findings: the review's title, and for the terminal its width and
    whether to use colour."""

    title: str = ""
    width: int = 100
    color: bool = False


# -- shared wording ----------------------------------------------------------------------


def score_text(score: float) -> str:
    """A score as shown everywhere: three decimals."""
    return f"{score:.3f}"


def intro(found: Suggestions) -> str:
    """What was compared, in plain words (not yet escaped)."""
    untranslated = len(found.suggestions)
    if not untranslated:
        return (
            f"Every one of the {found.study_concepts} study concepts is translated into a "
            "synthesised concept: there is nothing to suggest."
        )
    verb = "is" if untranslated == 1 else "are"
    return (
        f"{untranslated} of {found.study_concepts} study concepts {verb} translated into no "
        "synthesised concept. For each, the synthesised concepts whose text is most like its "
        "label, interpretation and quotes (TF-IDF cosine similarity, 0 to 1, against each "
        "concept's own text and the study concepts already translated into it), with the "
        "words that matched most. These are suggestions from word overlap, not findings: "
        "read the study concept before translating it."
    )


def groups_intro(found: Suggestions) -> str:
    """How the candidate new concepts were found (not yet escaped)."""
    return (
        "Untranslated study concepts from different studies whose texts resemble one another "
        f"(cosine similarity of at least {found.min_similarity:g}, directly or through other "
        "members): each group may be a concept the synthesis does not have yet. Its shared "
        "words are a starting point for a label."
    )


def no_groups(found: Suggestions) -> str:
    return (
        "No untranslated study concepts from different studies reach a similarity of "
        f"{found.min_similarity:g}."
    )


def ref_text(ref: StudyConceptRef) -> str:
    """A study concept as plain text: `study/concept` and its label."""
    return f"{ref.key} {ref.label}"


def group_heading(number: int, group: Group) -> str:
    """`Group 1: 3 study concepts from 2 studies; shared words: ...` (not yet escaped)."""
    text = f"Group {number}: {len(group.members)} study concepts from {len(group.studies)} studies"
    return f"{text}; shared words: {', '.join(group.words)}" if group.words else text


def _candidate_rows(
    found: Suggestions,
) -> Iterator[tuple[Suggestion, int, Candidate | None]]:
    """Each study concept's candidates as (suggestion, rank, candidate); one row with no
    candidate where it has none."""
    for suggestion in found.suggestions:
        if not suggestion.candidates:
            yield suggestion, 0, None
        for rank, candidate in enumerate(suggestion.candidates, start=1):
            yield suggestion, rank, candidate


# -- Markdown -----------------------------------------------------------------------------


def render_markdown(found: Suggestions, view: View) -> str:
    """A Markdown document: suggested translations, then candidate new concepts."""
    title = f"{view.title}: suggested translations" if view.title else "Suggested translations"
    parts = [md.heading(1, title), md.paragraph(md.escape(intro(found)))]
    if not found.suggestions:
        return "".join(parts)
    parts.append(md.heading(2, "Suggested translations"))
    rows = []
    previous: Suggestion | None = None
    for suggestion, rank, candidate in _candidate_rows(found):
        ref = suggestion.study_concept
        first = f"{md.code(ref.key)} {md.escape(ref.label)}" if suggestion is not previous else ""
        previous = suggestion
        if candidate is None:
            rows.append([first, "", md.escape(NO_CANDIDATE), "", ""])
            continue
        rows.append(
            [
                first,
                str(rank),
                f"{md.escape(candidate.label)} {md.code(candidate.concept)}",
                score_text(candidate.score),
                md.escape(", ".join(candidate.matched)),
            ]
        )
    headers = ["Study concept", "#", "Suggested concept", "Score", "Matched words"]
    parts.append(md.table(headers, rows, numeric=[1, 3]))
    parts.append(md.heading(2, "Candidate new concepts"))
    parts.append(md.paragraph(md.escape(groups_intro(found))))
    if not found.groups:
        parts.append(md.paragraph(md.escape(no_groups(found))))
    for number, group in enumerate(found.groups, start=1):
        parts.append(md.heading(3, group_heading(number, group)))
        parts.append(md.bullets([f"{md.code(m.key)} {md.escape(m.label)}" for m in group.members]))
    return "".join(parts)


# -- ready-to-paste YAML ------------------------------------------------------------------


def comment(text: str) -> str:
    """Text made safe for a YAML comment: one line, printable characters only."""
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def render_yaml(found: Suggestions, view: View) -> str:
    """Translations entries to paste, one YAML document per concept file, then one per
    candidate new concept as a whole concept file.

    The whole text is a valid YAML stream (documents separated by `---`), and each document
    is what to paste: its `translations:` entries under the concept file's own key.
    """
    lines = [
        "# metaethno suggest"
        + (f": suggested translations for {comment(view.title)}" if view.title else ""),
    ]
    if not found.suggestions:
        lines.append("# Nothing to suggest: every study concept is translated.")
        return "\n".join(lines) + "\n"
    verb = "is" if len(found.suggestions) == 1 else "are"
    lines += [
        f"# {len(found.suggestions)} of {found.study_concepts} study concepts {verb} translated "
        "into no synthesised concept.",
        "# Each document below names the concept file its entries belong in: paste the entries",
        "# you agree with under that file's `translations:` key. A study concept appears once",
        "# for each concept suggested for it: choose. Candidate new concepts follow, each as a",
        "# whole new concept file. Suggestions come from word overlap only: review before pasting.",
    ]
    without = [s for s in found.suggestions if not s.candidates]
    if without:
        lines.append(f"# No synthesised concept shares a word with {len(without)} of them:")
        lines += [f"#   {comment(ref_text(s.study_concept))}" for s in without]
    by_concept: dict[str, list[tuple[Suggestion, int, Candidate]]] = {}
    for suggestion, rank, candidate in _candidate_rows(found):
        if candidate is not None:
            by_concept.setdefault(candidate.concept, []).append((suggestion, rank, candidate))
    for concept_id in sorted(by_concept):
        entries = by_concept[concept_id]
        file = entries[0][2].file
        lines += ["---", f"# suggestions for {comment(file)} (review before pasting)"]
        lines.append("translations:")
        for suggestion, rank, candidate in entries:
            ref = suggestion.study_concept
            lines.append(
                f"  # {comment(ref_text(ref))} (suggestion {rank} of "
                f"{len(suggestion.candidates)} for it)"
            )
            note = f"{NOTE_PREFIX} (score {score_text(candidate.score)}"
            note += f"; matched: {', '.join(candidate.matched)})" if candidate.matched else ")"
            lines += _translation_entry(ref, note)
    for number, group in enumerate(found.groups, start=1):
        lines += _group_document(number, group)
    return "\n".join(lines) + "\n"


def _translation_entry(ref: StudyConceptRef, note: str) -> list[str]:
    return [
        f"  - study: {yaml_plain_or_quoted(ref.study)}",
        f"    concept: {yaml_plain_or_quoted(ref.concept)}",
        "    relation: reciprocal",
        f"    note: {yaml_string(note)}",
    ]


def _group_document(number: int, group: Group) -> list[str]:
    """A candidate new concept as the text of a whole concept file."""
    file = comment(group.new_file)
    words = ", ".join(group.words)
    label = words[:1].upper() + words[1:] if words else f"New concept {number}"
    lines = [
        "---",
        f"# suggested new concept {number}: {file} (review before creating it)",
        f"# {comment(group_heading(number, group))}.",
        "# If they express one idea, save this as a new concept file named after its id,",
        "# give it a label and an interpretation, and drop any study concept that does not fit.",
        f"id: {yaml_plain_or_quoted(group.new_id)}",
        f"label: {yaml_string(label)}",
        "translations:",
    ]
    note = f"{NOTE_PREFIX} (group {number}" + (f"; shared: {words})" if words else ")")
    for member in group.members:
        lines.append(f"  # {comment(ref_text(member))}")
        lines += _translation_entry(member, note)
    return lines


# -- rich tables on the terminal ----------------------------------------------------------


def render_table(found: Suggestions, view: View) -> str:
    """Tables for a terminal of `view.width` columns, in colour or plain."""
    from rich.text import Text

    console = terminal.buffered_console(view.width, view.color)
    if view.title:
        console.print(Text(view.title, style="bold"))
    console.print(Text(intro(found)), style="dim")
    if found.suggestions:
        console.print()
        console.print(_rich_suggestions(found))
        console.print()
        console.print(Text("Candidate new concepts", style="bold"))
        console.print(Text(groups_intro(found)), style="dim")
        console.print()
        if found.groups:
            console.print(_rich_groups(found.groups))
        else:
            console.print(Text(no_groups(found)))
    return terminal.printed_text(console)


def _rich_suggestions(found: Suggestions) -> Table:
    from rich.text import Text

    headers = ["Study concept", "#", "Suggested concept", "Score", "Matched words"]
    table = terminal.table("Suggested translations", headers, numeric=[1, 3])
    table.columns[4].max_width = MATCHED_COLUMN_WIDTH  # the concepts need the room more
    previous: Suggestion | None = None
    for suggestion, rank, candidate in _candidate_rows(found):
        if suggestion is not previous and previous is not None:
            table.add_section()
        first = Text()
        if suggestion is not previous:
            ref = suggestion.study_concept
            first = Text.assemble((ref.label, "bold"), "\n", (ref.key, "dim"))
        previous = suggestion
        if candidate is None:
            table.add_row(first, Text(""), Text(NO_CANDIDATE, style="dim"))
            continue
        table.add_row(
            first,
            Text(str(rank)),
            Text.assemble(candidate.label, "\n", (candidate.concept, "dim")),
            Text(score_text(candidate.score), style="green" if rank == 1 else ""),
            Text(", ".join(candidate.matched)),
        )
    return table


def _rich_groups(groups: Sequence[Group]) -> Table:
    from rich.text import Text

    table = terminal.table("", ["Group", "Shared words", "Study concept"], numeric=[0])
    for number, group in enumerate(groups, start=1):
        if number > 1:
            table.add_section()
        for position, member in enumerate(group.members):
            table.add_row(
                Text(str(number) if position == 0 else ""),
                Text(", ".join(group.words) if position == 0 else ""),
                Text.assemble((member.label, "bold"), "\n", (member.key, "dim")),
            )
    return table


Renderer = Callable[[Suggestions, View], str]

RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "markdown": render_markdown,
    "yaml": render_yaml,
}
