"""The text model of `suggest`: each study concept and each synthesised concept as a document,
TF-IDF vectors of them, and their cosine similarities computed block by block.

scikit-learn (with numpy and scipy) is the optional `suggest` extra and is imported only
inside these functions. Nothing here reads or writes files.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from metaethno.analysis.ordering import study_order
from metaethno.review.loaded import Review, translated_study_concepts
from metaethno.review.models import StudyConcept

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


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


# -- the documents ---------------------------------------------------------------------------


def study_concept_text(study_concept: StudyConcept) -> str:
    """A study concept as one document: its label, interpretation and quotes."""
    parts = [study_concept.label, study_concept.interpretation or ""]
    parts += [quote.text for quote in study_concept.quotes]
    return "\n".join(parts)


@dataclass(frozen=True)
class Corpus:
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
    def of(cls, review: Review) -> Corpus:
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


def vectorise(texts: Sequence[str]) -> tuple[Sparse, tuple[str, ...]] | None:
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


def profiles(matrix: Sparse, corpus: Corpus) -> Sparse:
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


def blocks(
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
