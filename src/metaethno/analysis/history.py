"""The audit trail of translation decisions: what each commit did to the synthesised concepts.

Pure: it takes, per commit, each changed concept file before and after (None where it did
not exist or could not be read) and says what changed: concepts added, removed, renamed in
label; translations added, removed, or changed in relation or note; a concept moved from
one higher-order group (`includes`) to another.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from metaethno.review.models import Concept, Translation


@dataclass(frozen=True)
class Revision:
    """One commit as history needs it: who, when, why, and the concept files it changed."""

    sha: str
    author: str
    date: str
    subject: str
    concepts: Sequence[tuple[str, Concept | None, Concept | None]]  # path, before, after
    unreadable: Sequence[str] = ()  # paths of concept files the commit left invalid


@dataclass(frozen=True)
class Event:
    """One change to a synthesised concept or to one of its translations."""

    sha: str
    date: str
    author: str
    subject: str
    concept: str
    translation: str  # `study/concept`, or "" for a change to the concept itself
    change: str
    detail: str


def events(revisions: Iterable[Revision]) -> list[Event]:
    """Every change, oldest commit first, in each commit by concept and translation."""
    found: list[Event] = []
    for revision in revisions:
        changes = sorted(_changes(revision), key=lambda c: (c[0], c[1]))
        found.extend(
            Event(revision.sha, revision.date, revision.author, revision.subject, *c)
            for c in changes
        )
    return found


Change = tuple[str, str, str, str]  # concept, translation, change, detail


def _changes(revision: Revision) -> Iterator[Change]:
    was_in: dict[str, set[str]] = {}
    now_in: dict[str, set[str]] = {}
    for path in revision.unreadable:
        yield (path, "", "not readable", "the file is not a valid concept at this commit")
    for _path, before, after in revision.concepts:
        if before is None and after is None:
            continue
        for concept, groups in ((before, was_in), (after, now_in)):
            for child in concept.includes if concept else ():
                groups.setdefault(child, set()).add(concept.id if concept else "")
        yield from _concept_changes(before, after)
    for child in sorted(set(was_in) | set(now_in)):
        old, new = was_in.get(child, set()), now_in.get(child, set())
        left, joined = sorted(old - new), sorted(new - old)
        if left and joined:
            yield (child, "", "moved", f"from {', '.join(left)} to {', '.join(joined)}")
        elif joined:
            yield (child, "", "grouped", f"into {', '.join(joined)}")
        elif left:
            yield (child, "", "ungrouped", f"out of {', '.join(left)}")


def _concept_changes(before: Concept | None, after: Concept | None) -> Iterator[Change]:
    concept = after or before
    assert concept is not None  # one of them is given: see _changes
    old = _by_key(before.translations if before else ())
    new = _by_key(after.translations if after else ())
    if before is None:
        yield (concept.id, "", "added", concept.label)
    elif after is None:
        yield (concept.id, "", "removed", concept.label)
    elif before.label != after.label:
        yield (concept.id, "", "label changed", f"{before.label} -> {after.label}")
    for key in sorted(set(old) | set(new)):
        was, now = old.get(key), new.get(key)
        if was is None and now is not None:
            yield (concept.id, key, "added", now.relation)
        elif now is None and was is not None:
            yield (concept.id, key, "removed", was.relation)
        elif was is not None and now is not None:
            if was.relation != now.relation:
                yield (concept.id, key, "relation changed", f"{was.relation} -> {now.relation}")
            if was.note != now.note:
                yield (concept.id, key, "note changed", now.note or "(removed)")


def _by_key(translations: Iterable[Translation]) -> dict[str, Translation]:
    return {f"{t.study}/{t.concept}": t for t in translations}
