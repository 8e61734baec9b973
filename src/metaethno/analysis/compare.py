"""Two versions of a review side by side: what changed, and where two reviewers' translations agree.

A and B are two checked reviews: two reviewers' copies, or a review at two revisions.
Studies, study concepts and synthesised concepts are matched by id and compared field by
field. Translation decisions are compared per study concept that both versions have:
where each version translates it (which synthesised concept, which relation) or "none".

A synthesised concept that only one version has is matched to one that only the other
has when their translations overlap: the Jaccard index of their sets of (study, study
concept), shared over all, is at least RENAME_OVERLAP; the best-overlapping pairs are
matched first. B's concept is then counted under A's id, so a renamed concept is not a
disagreement.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from metaethno.analysis.agreement import Agreement, agreement
from metaethno.review.instruments import tool_name
from metaethno.review.loaded import Review, studies_behind
from metaethno.review.models import Concept, Model

RENAME_OVERLAP = 0.5
NONE = "none"


@dataclass(frozen=True)
class FieldChange:
    """One field of one item that the versions give differently (None: not given)."""

    item: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Changes:
    """Items of one kind (studies, study concepts, synthesised concepts) added, removed, changed."""

    kind: str
    added: list[str]
    removed: list[str]
    changed: list[FieldChange]

    @property
    def differs(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class Rename:
    """A synthesised concept with id `a` in A and `b` in B, matched by its translations."""

    a: str
    b: str
    shared: int
    overlap: float


@dataclass(frozen=True)
class Decision:
    """Where each version translates one study concept, e.g. `trust (reciprocal)` or `none`."""

    study: str
    concept: str
    a: str
    b: str

    @property
    def agreed(self) -> bool:
        return self.a == self.b


@dataclass(frozen=True)
class Update:
    """What the studies new in B changed in the synthesis."""

    new_studies: list[str]
    new_concepts: list[str]
    support: list[tuple[str, int, int]]  # concept, supporting studies in A, in B
    refutations: list[tuple[str, str, str]]  # concept, study, study concept
    revisit: list[str]  # concepts with a CERQual assessment whose evidence changed


@dataclass(frozen=True)
class Comparison:
    """Everything `compare` reports."""

    a: str
    b: str
    a_reviewers: list[str]
    b_reviewers: list[str]
    studies: Changes
    study_concepts: Changes
    concepts: Changes
    renames: list[Rename]
    decisions: list[Decision]
    overall: Agreement
    per_concept: list[tuple[str, Agreement]]
    ratings: Agreement
    answers: Agreement
    update: Update | None

    @property
    def differs(self) -> bool:
        """Whether the versions differ in anything compare reports."""
        return (
            self.studies.differs
            or self.study_concepts.differs
            or self.concepts.differs
            or any(not d.agreed for d in self.decisions)
        )


def compare(a: Review, b: Review, a_label: str, b_label: str) -> Comparison:
    """Compare version `a` with version `b`."""
    renames = match_renames(a.concepts, b.concepts)
    to_a = {r.b: r.a for r in renames}
    decisions = _decisions(a, b, to_a)
    concept_ids = sorted(set(a.concepts) | {to_a.get(c, c) for c in b.concepts})
    to_b = {a_id: b_id for b_id, a_id in to_a.items()}
    decided = {f"{d.study}/{d.concept}" for d in decisions}
    return Comparison(
        a_label,
        b_label,
        reviewers(a),
        reviewers(b),
        _changes("studies", a.studies, b.studies, lambda s: _fields(s, {"concepts"})),
        _changes(
            "study concepts", _study_concepts(a), _study_concepts(b), lambda c: _fields(c, set())
        ),
        _concept_changes(a.concepts, b.concepts, renames),
        renames,
        decisions,
        agreement([(d.a, d.b) for d in decisions]),
        [
            (c, found)
            for c in concept_ids
            if (found := _concept_agreement(c, a, b, to_b, decided)).n
        ],
        *_appraisal_agreement(a, b),
        _update(a, b, to_a),
    )


def reviewers(review: Review) -> list[str]:
    """The names of the team members who extracted or appraised a study, else the whole team."""
    if review.config is None:
        return []
    named = {m for s in review.studies.values() for m in (*s.extracted_by, *s.appraised_by)}
    team = review.config.team
    return [m.name for m in team if m.id in named] or [m.name for m in team]


def match_renames(a: Mapping[str, Concept], b: Mapping[str, Concept]) -> list[Rename]:
    """Pairs of concepts only in A and only in B whose translations overlap (see the module)."""
    only_a = {c: _translated(a[c]) for c in a if c not in b}
    only_b = {c: _translated(b[c]) for c in b if c not in a}
    candidates = sorted(
        (
            (-len(ta & tb) / len(ta | tb), -len(ta & tb), x, y)
            for x, ta in only_a.items()
            for y, tb in only_b.items()
            if ta & tb
        ),
    )
    matched: list[Rename] = []
    used_a: set[str] = set()
    used_b: set[str] = set()
    for overlap, shared, x, y in candidates:
        if -overlap >= RENAME_OVERLAP and x not in used_a and y not in used_b:
            used_a.add(x)
            used_b.add(y)
            matched.append(Rename(x, y, -shared, -overlap))
    return sorted(matched, key=lambda r: r.a)


def _translated(concept: Concept) -> set[tuple[str, str]]:
    return {(t.study, t.concept) for t in concept.translations}


def _decisions(a: Review, b: Review, to_a: Mapping[str, str]) -> list[Decision]:
    where_a = _translations_of(a, {})
    where_b = _translations_of(b, to_a)
    both = sorted(set(_study_concepts(a)) & set(_study_concepts(b)))
    return [
        Decision(study, concept, where_a.get(key, NONE), where_b.get(key, NONE))
        for key in both
        for study, concept in [key.split("/", 1)]
    ]


def _translations_of(review: Review, rename: Mapping[str, str]) -> dict[str, str]:
    """`study/concept` -> where the review translates it, with concepts named as in A."""
    found: dict[str, list[str]] = {}
    for concept in review.concepts.values():
        name = rename.get(concept.id, concept.id)
        for t in concept.translations:
            found.setdefault(f"{t.study}/{t.concept}", []).append(f"{name} ({t.relation})")
    return {key: "; ".join(sorted(places)) for key, places in found.items()}


def _concept_agreement(
    concept: str, a: Review, b: Review, to_b: Mapping[str, str], decided: set[str]
) -> Agreement:
    """Agreement on translating each study concept into `concept`: reciprocal, refutational
    or not at all, over the decided study concepts (`study/concept`) either version
    translates into it; `to_b` gives a concept's id in `b` where `b` renamed it."""
    a_relations = _relations_into(a.concepts.get(concept))
    b_relations = _relations_into(b.concepts.get(to_b.get(concept, concept)))
    pairs = [
        (a_relations.get(k, NONE), b_relations.get(k, NONE))
        for k in sorted(decided.intersection(a_relations.keys() | b_relations.keys()))
    ]
    return agreement(pairs)


def _relations_into(concept: Concept | None) -> dict[str, str]:
    if concept is None:
        return {}
    return {f"{t.study}/{t.concept}": t.relation for t in concept.translations}


def _appraisal_agreement(a: Review, b: Review) -> tuple[Agreement, Agreement]:
    """Agreement on overall ratings, for the studies both appraised, and on the answers of those
    both appraised with the same tool (a JBI answer to question 10 is not CASP's)."""
    ratings: list[tuple[str, str]] = []
    answers: list[tuple[str, str]] = []
    for study_id in sorted(set(a.studies) & set(b.studies)):
        first, second = a.studies[study_id].appraisal, b.studies[study_id].appraisal
        if first is None or second is None:
            continue
        if first.rating is not None and second.rating is not None:
            ratings.append((first.rating, second.rating))
        if tool_name(first.tool) != tool_name(second.tool):
            continue
        for question in sorted(set(first.answers) & set(second.answers)):
            answers.append((first.answers[question], second.answers[question]))
    return agreement(ratings), agreement(answers)


def _update(a: Review, b: Review, to_a: Mapping[str, str]) -> Update | None:
    """What B's new studies changed, or None where B adds no study."""
    new_studies = sorted(set(b.studies) - set(a.studies))
    if not new_studies:
        return None
    b_concepts = {to_a.get(c.id, c.id): c for c in b.concepts.values()}
    support: list[tuple[str, int, int]] = []
    refutations: list[tuple[str, str, str]] = []
    revisit: list[str] = []
    for concept_id, concept in sorted(b_concepts.items()):
        before = a.concepts.get(concept_id)
        old = _evidence(before)
        new = _evidence(concept)
        # the studies the report counts: through included concepts and accounted-for
        # refutations too, so a higher-order concept's evidence is not missed
        old_behind = set(studies_behind(a, concept_id)) if before is not None else set()
        new_behind = set(studies_behind(b, concept.id))
        if before is not None and len(old_behind) != len(new_behind):
            support.append((concept_id, len(old_behind), len(new_behind)))
        refutations.extend(
            (concept_id, s, c) for s, c, r in sorted(new - old) if r == "refutational"
        )
        changed = old != new or old_behind != new_behind
        if concept.confidence is not None and before is not None and changed:
            revisit.append(concept_id)
    new_concepts = sorted(c for c in b_concepts if c not in a.concepts)
    return Update(new_studies, new_concepts, support, refutations, revisit)


def _evidence(concept: Concept | None) -> set[tuple[str, str, str]]:
    if concept is None:
        return set()
    return {(t.study, t.concept, t.relation) for t in concept.translations}


def _study_concepts(review: Review) -> dict[str, Model]:
    return {f"{s.id}/{c.id}": c for s in review.studies.values() for c in s.concepts}


def _concept_changes(
    a: Mapping[str, Concept], b: Mapping[str, Concept], renames: Iterable[Rename]
) -> Changes:
    """Synthesised concepts compared by id, a renamed one with its match (translations are
    compared as decisions)."""
    matched = {r.a: r.b for r in renames}
    changes = _changes(
        "synthesised concepts",
        {c: a[c] for c in a if c not in matched},
        {c: b[c] for c in b if c not in matched.values()},
        lambda c: _fields(c, {"translations"}),
    )
    for old, new in matched.items():
        changes.changed.append(FieldChange(old, "id", old, new))
        changes.changed.extend(
            _field_changes(
                old,
                _fields(a[old], {"translations", "id"}),
                _fields(b[new], {"translations", "id"}),
            )
        )
    changes.changed.sort(key=lambda c: c.item)
    return changes


def _changes(
    kind: str,
    a: Mapping[str, Model],
    b: Mapping[str, Model],
    fields: Callable[[Any], dict[str, str]],
) -> Changes:
    changed: list[FieldChange] = []
    for key in sorted(set(a) & set(b)):
        # fields only: a model's own == also compares where it was read from
        if a[key].__dict__ != b[key].__dict__:
            changed.extend(_field_changes(key, fields(a[key]), fields(b[key])))
    return Changes(kind, sorted(set(b) - set(a)), sorted(set(a) - set(b)), changed)


def _field_changes(item: str, old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    return [
        FieldChange(item, name, old.get(name), new.get(name))
        for name in sorted(set(old) | set(new), key=_natural)
        if old.get(name) != new.get(name)
    ]


def _natural(name: str) -> list[Any]:
    """`quotes[10]` after `quotes[2]`."""
    return [int(p) if p.isdigit() else p for p in name.replace("]", "[").split("[")]


def _fields(model: Model, exclude: set[str]) -> dict[str, str]:
    """Each value given, by its path (`context.country`, `references[0].title`), as text."""
    flat: dict[str, str] = {}
    _flatten(model.model_dump(mode="json", exclude=exclude, exclude_defaults=True), "", flat)
    return flat


def _flatten(value: Any, path: str, flat: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else str(key), flat)
    elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        for index, item in enumerate(value):
            _flatten(item, f"{path}[{index}]", flat)
    elif value is not None:
        flat[path] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
