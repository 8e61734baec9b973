"""How studies are named in tables: short keys ("Ahmed 2014") and full references."""

from __future__ import annotations

import itertools
import string
from collections import defaultdict
from collections.abc import Iterator, Mapping

from metaethno.review.models import Reference, Study


def surname(author: str) -> str:
    """The family name of an author written "Ahmed, S."; a name without a comma is kept whole,
    since "World Health Organization" has no surname to pick out."""
    return author.split(",", 1)[0].strip() or author.strip()


def base_key(study: Study) -> str:
    """The study's `name`, or its first author's surname and the year of its first paper, e.g.
    "Ahmed 2014". A group author has no surname: without a name, such a study is keyed by its
    id, not by the group's name and a year ("Usual care study investigators 2005")."""
    if study.name:
        return " ".join(study.name.split())
    authors = study.references[0].authors
    if not authors:
        return f"{study.id} {study.year}"
    if is_group_author(authors[0]):
        return study.id
    return f"{surname(authors[0])} {study.year}"


def is_group_author(author: str) -> bool:
    """Whether `author` names a group, not a person: three words or more and no comma, as in
    "Usual care study investigators" or "World Health Organization" (a person is written
    "Ahmed, S.")."""
    return "," not in author and len(author.split()) >= 3


def study_keys(studies: Mapping[str, Study]) -> dict[str, str]:
    """A short, unique key for every study, used as its column heading.

    Studies sharing a base key get the suffixes a, b, c... in the order of their ids,
    so the same review always gives the same keys whatever order the tables use.
    """
    by_key: defaultdict[str, list[str]] = defaultdict(list)
    for study_id in sorted(studies):
        by_key[base_key(studies[study_id])].append(study_id)
    keys: dict[str, str] = {}
    for key, ids in by_key.items():
        if len(ids) == 1:
            keys[ids[0]] = key
            continue
        for study_id, suffix in zip(ids, suffixes(), strict=False):
            keys[study_id] = key + suffix
    return keys


def suffixes() -> Iterator[str]:
    """a, b, ..., z, aa, ab, ..., zz, aaa, ...: endless, the shorter first, each length in
    alphabetical order. Keys of colliding studies and ids of imported ones take them in turn."""
    for width in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=width):
            yield "".join(letters)


def reference(paper: Reference) -> str:
    """A paper as one line of plain text: authors (year). Title. Journal. doi."""
    parts = [f"{', '.join(paper.authors)} ({paper.year})." if paper.authors else f"({paper.year})."]
    parts.append(_sentence(paper.title))
    if paper.journal:
        parts.append(_sentence(paper.journal))
    if paper.doi:
        parts.append(f"https://doi.org/{paper.doi}")
    return " ".join(parts)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."
