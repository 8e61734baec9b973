"""ME209: an id or a reference appears twice where it must be unique."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from metaethno.diagnostics import Diagnostic, Location, Severity
from metaethno.review import Review
from metaethno.rules import Rule

RULE = Rule(
    "ME209",
    "duplicate-id",
    Severity.ERROR,
    "Study concept ids must be unique within their study, and a concept's translations, "
    "`includes` and the line of argument's `sequence` must not list the same thing twice. "
    "Rename or remove the second.",
    bad="concepts:\n  - id: unheard\n    label: Not being heard\n  - id: unheard\n    label: Dismissed",
    good="concepts:\n  - id: unheard\n    label: Not being heard\n  - id: dismissed\n    label: Dismissed",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for study in review.studies.values():
        yield from _repeats(
            ((c.id, study.where("concepts", i, "id")) for i, c in enumerate(study.concepts)),
            "concept id `{}` is used twice in this study (first at line {}); rename one",
        )
    for concept in review.concepts.values():
        yield from _repeats(
            (
                (f"{t.study}/{t.concept}", concept.where("translations", i))
                for i, t in enumerate(concept.translations)
            ),
            "`{}` is translated into this concept twice (first at line {}); remove one",
        )
        yield from _repeats(
            ((c, concept.where("includes", i)) for i, c in enumerate(concept.includes)),
            "`{}` is included twice (first at line {}); remove one",
        )
    config = review.config
    if config is not None and config.line_of_argument is not None:
        yield from _repeats(
            (
                (c, config.where("line_of_argument", "sequence", i))
                for i, c in enumerate(config.line_of_argument.sequence)
            ),
            "`{}` appears twice in the sequence (first at line {}); remove one",
        )


def _repeats(items: Iterable[tuple[str, Location]], message: str) -> Iterator[Diagnostic]:
    first: dict[str, Location] = {}
    for key, location in items:
        if key in first:
            yield RULE.at(location, message.format(key, first[key].line))
        else:
            first[key] = location
