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
from typing import TYPE_CHECKING, Any

from metaethno.analysis.ordering import study_order
from metaethno.review.extras import require
from metaethno.review.loaded import Review, translated_study_concepts
from metaethno.review.models import StudyConcept

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_TOP = 3
DEFAULT_MIN_SIMILARITY = 0.2
MATCHED_WORDS = 5
GROUP_WORDS = 3
DECIMALS = 3
SCALE = 10**DECIMALS

# Words of letters (any script), two or more, with an apostrophe inside kept ("don't", which
# means something "do" does not) but a possessive "'s" dropped ("people's" is "people"):
# numbers such as page numbers and ages say nothing about what a concept means, and `_` would
# glue words together. Text is lowercased, accents are stripped ("naïve" is "naive") and a
# typographic apostrophe becomes a plain one first.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}(?:'(?!s\b)[^\W\d_]+)?\b"
# Contractions of English stop words ("they'll", "we've"), which scikit-learn's list leaves out:
# as empty of meaning as the words they shorten. Negations ("don't") are kept. "ll" and "ve"
# are what the pattern leaves of "i'll" and "i've".
CONTRACTIONS = [
    "ll",
    "ve",
    *(
        f"{word}'{ending}"
        for word in ("you", "he", "she", "it", "we", "they", "that", "there", "what", "who")
        for ending in ("d", "ll", "re", "ve")
    ),
]

# How many cells of a dense similarity block are held at once: bounds memory (about 8 bytes a
# cell, a few arrays deep) whatever the size of the review.
BLOCK_CELLS = 2_000_000
# Profiles (or study concepts) holding at least this fraction of the vocabulary are multiplied
# as dense blocks, which is faster than sparse products at that density; SPARSE_WIDTH columns
# at a time otherwise.
DENSE_FROM = 0.25
SPARSE_WIDTH = 4096

# A scipy.sparse matrix; scipy has no type hints.
Sparse = Any


@dataclass(frozen=True)
class StudyConceptRef:
    """A study concept by study id, concept id and the authors' label."""

    study: str
    concept: str
    label: str

    @property
    def key(self) -> str:
        """`study/concept`, as check's messages name it."""
        return f"{self.study}/{self.concept}"


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
    corpus = _Corpus.of(review)
    vectors = _vectorise(corpus.texts) if corpus.untranslated else None
    if vectors is None:  # nothing to suggest for, or no word in the whole review
        empty = tuple(Suggestion(ref, ()) for ref in corpus.untranslated)
        return Suggestions(empty, (), top, min_similarity, len(corpus.study_concepts))
    matrix, words = vectors
    untranslated = matrix[list(corpus.untranslated_rows), :]
    if corpus.profile_rows:
        ranked = _rank(untranslated, _profiles(matrix, corpus), top, words)
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


# -- the documents ---------------------------------------------------------------------------


def study_concept_text(study_concept: StudyConcept) -> str:
    """A study concept as one document: its label, interpretation and quotes."""
    parts = [study_concept.label, study_concept.interpretation or ""]
    parts += [quote.text for quote in study_concept.quotes]
    return "\n".join(parts)


@dataclass(frozen=True)
class _Corpus:
    """The documents to vectorise, in one list: every study concept, then every synthesised
    concept's own label and interpretation (concepts sorted by id, so ties break by id)."""

    texts: tuple[str, ...]
    study_concepts: tuple[StudyConceptRef, ...]
    untranslated: tuple[StudyConceptRef, ...]
    untranslated_rows: tuple[int, ...]
    concept_ids: tuple[str, ...]
    concept_labels: tuple[str, ...]
    concept_files: tuple[str, ...]
    # for each synthesised concept, the rows of the documents its profile is made of
    profile_rows: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, review: Review) -> _Corpus:
        texts: list[str] = []
        refs: list[StudyConceptRef] = []
        row_of: dict[tuple[str, str], int] = {}
        for study_id in study_order(review).study_ids:
            for study_concept in review.studies[study_id].concepts:
                row_of[(study_id, study_concept.id)] = len(texts)
                refs.append(StudyConceptRef(study_id, study_concept.id, study_concept.label))
                texts.append(study_concept_text(study_concept))
        translated = translated_study_concepts(review)
        untranslated = [ref for ref in refs if (ref.study, ref.concept) not in translated]
        concepts = [review.concepts[concept_id] for concept_id in sorted(review.concepts)]
        folder = review.concepts_folder
        profile_rows = []
        for concept in concepts:
            own = len(texts)
            texts.append(f"{concept.label}\n{concept.interpretation or ''}")
            members = (
                row_of.get((t.study, t.concept))
                for t in concept.translations
                if t.relation == "reciprocal"
            )
            profile_rows.append((own, *sorted({row for row in members if row is not None})))
        return cls(
            texts=tuple(texts),
            study_concepts=tuple(refs),
            untranslated=tuple(untranslated),
            untranslated_rows=tuple(row_of[(ref.study, ref.concept)] for ref in untranslated),
            concept_ids=tuple(concept.id for concept in concepts),
            concept_labels=tuple(concept.label for concept in concepts),
            concept_files=tuple(
                concept.path if concept.path != "<memory>" else f"{folder}/{concept.id}.yaml"
                for concept in concepts
            ),
            profile_rows=tuple(profile_rows),
        )


def _vectorise(texts: Sequence[str]) -> tuple[Sparse, tuple[str, ...]] | None:
    """TF-IDF vectors of `texts` (rows of unit length) and the words of the columns, in
    alphabetical order; None when no text holds a single word."""
    import numpy as np
    from sklearn.feature_extraction.text import (
        ENGLISH_STOP_WORDS,
        TfidfVectorizer,
        strip_accents_unicode,
    )

    def normalise(text: str) -> str:
        return str(strip_accents_unicode(text.lower().replace("\u2019", "'")))

    vectoriser = TfidfVectorizer(
        preprocessor=normalise,
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(ENGLISH_STOP_WORDS.union(CONTRACTIONS)),
        sublinear_tf=True,
        dtype=np.float64,
    )
    if not any(texts):
        return None
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError as error:  # only stop words, or no words at all
        if "empty vocabulary" in str(error):
            return None
        raise
    matrix = matrix.tocsr()
    matrix.sort_indices()  # columns in alphabetical order in every row: ties break by word
    return matrix, tuple(vectoriser.get_feature_names_out())


def _profiles(matrix: Sparse, corpus: _Corpus) -> Sparse:
    """Each synthesised concept's profile: the normalised sum of its own text's vector and the
    vectors of the study concepts translated into it reciprocally (the direction of their
    mean), so each translation weighs the same however long its text."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    rows = corpus.profile_rows
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(lengths.sum()))
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    membership = sp.csr_matrix(
        (np.ones(len(indices)), indices, indptr), shape=(len(rows), matrix.shape[0])
    )
    return normalize(membership @ matrix).tocsr()


# -- similarity in blocks -------------------------------------------------------------------


def _blocks(
    left: Sparse, right: Sparse, upper: bool = False
) -> Iterator[tuple[int, int, npt.NDArray[np.float64]]]:
    """The cosines `left @ right.T` (rows of unit length), as dense blocks of at most
    BLOCK_CELLS cells: (first row, first column, block), blocks of columns in the outer loop.

    Each block is a sparse product. Where `right` is dense enough that sparse bookkeeping
    costs more than it saves (a small vocabulary), its columns are made dense a block at a
    time and multiplied by the sparse rows instead; the cosines are the same. With `upper`
    (`left` is `right`), only blocks holding cells above the diagonal are computed.
    """
    import numpy as np

    rows, columns, vocabulary = left.shape[0], right.shape[0], left.shape[1]
    if rows == 0 or columns == 0:
        return
    dense = right.nnz >= DENSE_FROM * columns * vocabulary
    width = max(1, min(columns, BLOCK_CELLS // vocabulary if dense else SPARSE_WIDTH))
    for first_column in range(0, columns, width):
        part = right[first_column : first_column + width]
        other = part.T.toarray() if dense else part.T.tocsr()
        height = max(1, BLOCK_CELLS // part.shape[0])
        last_row = min(rows, first_column + part.shape[0]) if upper else rows
        for first_row in range(0, last_row, height):
            rows_here = left[first_row : first_row + height]
            if dense:
                # above the diagonal only: columns from this block's first row on
                skip = max(0, first_row - first_column) if upper else 0
                block = rows_here @ other[:, skip:]
                yield first_row, first_column + skip, np.asarray(block, dtype=np.float64)
            else:
                block = (rows_here @ other).toarray()
                yield first_row, first_column, np.asarray(block, dtype=np.float64)


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
    for first_row, first_column, block in _blocks(untranslated, profiles):
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
    for first_row, first_column, block in _blocks(vectors, vectors, upper=True):
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
