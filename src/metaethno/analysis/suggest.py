"""Suggest reciprocal translations not yet made, by text similarity: data in, data out.

`suggest(review)` finds the study concepts that no synthesised concept translates (what
`check` reports as ME301) and returns, for each, the synthesised concepts whose text
resembles it most, and the groups of untranslated study concepts from different studies
that resemble each other (candidate new concepts). docs/suggest.md explains the scoring.

The text model is scikit-learn's TF-IDF with cosine similarity computed as sparse matrix
products, so it scales to tens of thousands of study concepts. scikit-learn (with numpy and
scipy) is the optional `suggest` extra and is imported only inside these functions, so the
rest of metaethno neither needs it nor pays for importing it.

Nothing here reads or writes files; the functions assume a review without errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from metaethno.analysis.similarity import (
    Corpus,
    Sparse,
    StudyConceptRef,
    blocks,
    profiles,
    vectorise,
)
from metaethno.review.extras import require
from metaethno.review.loaded import Review

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_TOP = 3
DEFAULT_MIN_SIMILARITY = 0.2
MATCHED_WORDS = 5
GROUP_WORDS = 3
DECIMALS = 3
SCALE = 10**DECIMALS


@dataclass(frozen=True)
class Candidate:
    """A synthesised concept suggested for a study concept.

    `score` is the cosine similarity rounded to DECIMALS; `matched` are the words that
    contribute most to it, the most first.
    """

    concept: str
    label: str
    file: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    """An untranslated study concept and its candidates, the best first (possibly none)."""

    study_concept: StudyConceptRef
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Group:
    """Untranslated study concepts of different studies that resemble one another.

    `words` are the words they share, the weightiest first: a starting point for a label;
    `new_id` is an id made of them that no concept (or other group) has yet, and `new_file`
    the concept file of that id.
    """

    members: tuple[StudyConceptRef, ...]
    words: tuple[str, ...]
    new_id: str
    new_file: str

    @property
    def studies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(member.study for member in self.members))


@dataclass(frozen=True)
class Suggestions:
    """Everything `metaethno suggest` shows."""

    suggestions: tuple[Suggestion, ...]
    groups: tuple[Group, ...]
    top: int
    min_similarity: float
    study_concepts: int


def require_extra() -> None:
    """Raise MissingExtraError, saying how to install it, unless scikit-learn can be imported."""
    for module in ("scipy.sparse", "sklearn.feature_extraction.text"):
        require("suggest", module, "suggest", package="scikit-learn")


def suggest(
    review: Review,
    top: int = DEFAULT_TOP,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> Suggestions:
    """Candidate concepts for each untranslated study concept, and groups of similar ones.

    Untranslated study concepts come in translation order, then in file order, as the
    report's audit appendix lists them. Candidates are ranked by score, then concept id;
    groups by size, then their first member.
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    if not 0 < min_similarity <= 1:
        raise ValueError("min_similarity must be more than 0 and at most 1")
    require_extra()
    corpus = Corpus.of(review)
    vectors = vectorise(corpus.texts) if corpus.untranslated else None
    if vectors is None:  # nothing to suggest for, or no word in the whole review
        empty = tuple(Suggestion(ref, ()) for ref in corpus.untranslated)
        return Suggestions(empty, (), top, min_similarity, len(corpus.study_concepts))
    matrix, words = vectors
    untranslated = matrix[list(corpus.untranslated_rows), :]
    if corpus.profile_rows:
        ranked = _rank(untranslated, profiles(matrix, corpus), top, words)
    else:  # no synthesised concept yet: only the groups can suggest anything
        ranked = [[] for _ in corpus.untranslated]
    suggestions = tuple(
        Suggestion(
            ref,
            tuple(
                Candidate(
                    corpus.concept_ids[column],
                    corpus.concept_labels[column],
                    corpus.concept_files[column],
                    quantised / SCALE,
                    matched,
                )
                for column, quantised, matched in candidates
            ),
        )
        for ref, candidates in zip(corpus.untranslated, ranked, strict=True)
    )
    studies = [ref.study for ref in corpus.untranslated]
    groups = _groups(untranslated, studies, min_similarity, words)
    taken = set(review.concepts) | set(review.broken_concepts)
    found = []
    for rows, shared in groups:
        new_id = _new_id(shared, taken)
        taken.add(new_id)
        members = tuple(corpus.untranslated[row] for row in rows)
        new_file = f"{review.concepts_folder}/{new_id}.yaml"
        found.append(Group(members, shared, new_id, new_file))
    return Suggestions(suggestions, tuple(found), top, min_similarity, len(corpus.study_concepts))


def _new_id(words: Sequence[str], taken: set[str]) -> str:
    """An id for a new concept from a group's shared words, unlike any in `taken`."""
    ascii_words = [w for w in words if w.isascii() and w.isalpha()]
    stem = "-".join(w.lower() for w in ascii_words) or "new-concept"
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


# -- ranking candidates ---------------------------------------------------------------------


def _rank(
    untranslated: Sparse, profiles: Sparse, top: int, words: Sequence[str]
) -> list[list[tuple[int, int, tuple[str, ...]]]]:
    """For each untranslated row, up to `top` (profile column, score * SCALE, matched words).

    Scores are rounded to DECIMALS before ranking, and ties go to the smaller column (the
    smaller concept id): one integer key per cell, score * columns - column, is unique in
    its row, so the top `top` are exact and the same on every run. Only rows' best keys so
    far are kept between blocks; a score that rounds to 0 is no candidate.
    """
    import numpy as np

    rows, columns = untranslated.shape[0], profiles.shape[0]
    ranked: list[list[tuple[int, int, tuple[str, ...]]]] = [[] for _ in range(rows)]
    if rows == 0 or columns == 0:
        return ranked
    keep = min(top, columns)
    best = np.zeros((rows, keep), dtype=np.int64)  # a key <= 0 is no candidate
    for first_row, first_column, block in blocks(untranslated, profiles):
        quantised = np.rint(block * SCALE).astype(np.int64)
        offsets = np.arange(first_column, first_column + block.shape[1], dtype=np.int64)
        keys = quantised * columns - offsets
        if keep < keys.shape[1]:
            chosen = np.argpartition(-keys, keep - 1, axis=1)[:, :keep]
            keys = np.take_along_axis(keys, chosen, axis=1)
        span = slice(first_row, first_row + block.shape[0])
        merged = np.concatenate((best[span], keys), axis=1)
        best[span] = -np.sort(-merged, axis=1)[:, :keep]
    pair_rows, rank = np.nonzero(best > 0)  # row by row, best first
    keys = best[pair_rows, rank]
    scores = -(-keys // columns)  # key = score * columns - column, 0 <= column < columns
    pair_columns = scores * columns - keys
    matched = _shared_words(untranslated, pair_rows, profiles, pair_columns, words, MATCHED_WORDS)
    for row, column, score, shared in zip(
        pair_rows.tolist(), pair_columns.tolist(), scores.tolist(), matched, strict=True
    ):
        ranked[row].append((column, score, shared))
    return ranked


def _shared_words(
    left: Sparse,
    left_rows: npt.NDArray[np.int64],
    right: Sparse,
    right_rows: npt.NDArray[np.int64],
    words: Sequence[str],
    limit: int,
) -> list[tuple[str, ...]]:
    """For each pair (left row, right row), the words contributing most to their cosine:
    the largest products of the two rows' weights, then alphabetical, at most `limit`."""
    import numpy as np

    pairs = len(left_rows)
    if pairs == 0:
        return []
    picked = left[left_rows]
    counts = np.diff(picked.indptr)
    pair = np.repeat(np.arange(pairs), counts)
    terms = picked.indices.astype(np.int64)
    # elementwise look-ups in the right matrix: one value per nonzero of the left rows
    other = np.asarray(right[right_rows[pair], terms]).ravel()
    contribution = picked.data * other
    shared = contribution > 0
    pair, terms, contribution = pair[shared], terms[shared], contribution[shared]
    # By pair, then largest contribution (contributions are in (0, 1], so each pair's keys
    # stay in [pair, pair + 1)). Each row's columns are in alphabetical order, and a stable
    # sort keeps that order among equal contributions.
    order = np.argsort(pair + (1 - contribution) / 2, kind="stable")
    pair, terms = pair[order], terms[order]
    starts = np.searchsorted(pair, np.arange(pairs))
    rank = np.arange(len(pair)) - starts[pair]
    kept = rank < limit
    pair, terms = pair[kept], terms[kept]
    bounds = np.searchsorted(pair, np.arange(pairs + 1))
    return [
        tuple(words[t] for t in terms[bounds[i] : bounds[i + 1]].tolist()) for i in range(pairs)
    ]


# -- groups of similar untranslated study concepts -------------------------------------------


def _groups(
    vectors: Sparse, studies: Sequence[str], threshold: float, words: Sequence[str]
) -> list[tuple[list[int], tuple[str, ...]]]:
    """Connected groups of rows joined by cosine >= threshold between different studies.

    Each group as its rows (in order) and the words at least two of its members share, by
    summed weight. Groups come largest first, then by first row.
    """
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    count = vectors.shape[0]
    if count < 2:  # a group needs two members
        return []
    study_codes = np.unique(np.asarray(studies), return_inverse=True)[1]
    # The group of each row so far. Each block's edges join groups, not rows: edges inside a
    # group are dropped and the groups' own graph is merged, so the edges held never exceed
    # one block's, however many pairs pass the threshold.
    labels = np.arange(count)
    groups = count
    for first, second in _similar_pairs(vectors, threshold):
        different = study_codes[first] != study_codes[second]
        left, right = labels[first[different]], labels[second[different]]
        joins = left != right
        if not joins.any():
            continue
        graph = sp.csr_matrix(
            (np.ones(int(joins.sum()), dtype=np.int8), (left[joins], right[joins])),
            shape=(groups, groups),
        )
        groups, merged = connected_components(graph, directed=False)
        labels = merged[labels]
    sizes = np.bincount(labels)
    members = np.flatnonzero(sizes[labels] > 1)
    if len(members) == 0:
        return []
    # rows of each component, in order; components largest first, then by first row
    order = members[np.lexsort((members, labels[members]))]
    components = np.split(order, np.flatnonzero(np.diff(labels[order])) + 1)
    components.sort(key=lambda rows: (-len(rows), int(rows[0])))
    shared = _group_words(vectors, components, words)
    return [(rows.tolist(), words_) for rows, words_ in zip(components, shared, strict=True)]


def _similar_pairs(
    vectors: Sparse, threshold: float
) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]:
    """Pairs of rows (i < j) whose cosine, rounded to DECIMALS as scores are, is at least
    `threshold`, block by block: no N x N matrix is ever held, dense or sparse."""
    import numpy as np

    floor = (round(threshold * SCALE) - 0.5) / SCALE
    for first_row, first_column, block in blocks(vectors, vectors, upper=True):
        local_rows, local_columns = np.nonzero(block >= floor)
        first = local_rows + first_row
        second = local_columns + first_column
        kept = second > first
        yield first[kept], second[kept]


def _group_words(
    vectors: Sparse, components: Sequence[npt.NDArray[np.int64]], words: Sequence[str]
) -> list[tuple[str, ...]]:
    """The words at least two members of each group hold, by summed weight, then alphabetical."""
    import numpy as np
    import scipy.sparse as sp

    rows = np.concatenate(components)
    group = np.repeat(np.arange(len(components)), [len(c) for c in components])
    membership = sp.csr_matrix(
        (np.ones(len(rows)), (group, rows)), shape=(len(components), vectors.shape[0])
    )
    weight = (membership @ vectors).tocsr()
    holders = (membership @ (vectors > 0).astype(np.float64)).tocsr()
    weight.sort_indices()
    holders.sort_indices()
    found = []
    for index in range(len(components)):
        span = slice(weight.indptr[index], weight.indptr[index + 1])
        terms = weight.indices[span]
        summed = weight.data[span]
        # both have a value for every word some member holds, in the same (sorted) order
        held = holders.data[holders.indptr[index] : holders.indptr[index + 1]]
        shared = held >= 2  # shared: held by two members or more
        terms, summed = terms[shared], summed[shared]
        best = np.lexsort((terms, -summed))[:GROUP_WORDS]
        found.append(tuple(words[t] for t in terms[best].tolist()))
    return found
