"""ME209: an id or a reference appears twice where it must be unique."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence

from metaethno.review.diagnostics import Diagnostic, Location, Severity
from metaethno.review.loaded import Review
from metaethno.review.models import SourceModel
from metaethno.review.rules import Rule

RULE = Rule(
    "ME209",
    "duplicate-id",
    Severity.ERROR,
    "Study concept ids must be unique within their study, team member ids within the team, "
    "and a concept's translations, `includes`, the line of argument's `sequence` and a "
    "study's `extracted_by` and `appraised_by` must not list the same thing twice. "
    "Rename or remove the second.",
    bad="concepts:\n  - id: unheard\n    label: Not being heard\n  - id: unheard\n    label: Dismissed",
    good="concepts:\n  - id: unheard\n    label: Not being heard\n  - id: dismissed\n    label: Dismissed",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for study in review.studies.values():
        yield from repeats(
            study,
            ("concepts",),
            "id",
            [c.id for c in study.concepts],
            "concept id `{}` is used twice in this study (first at line {}); rename one",
        )
        for field in ("extracted_by", "appraised_by"):
            yield from repeats(
                study,
                (field,),
                None,
                getattr(study, field),
                "`{}` is named twice (first at line {}); remove one",
            )
    for concept in review.concepts.values():
        yield from repeats(
            concept,
            ("translations",),
            None,
            [f"{t.study}/{t.concept}" for t in concept.translations],
            "`{}` is translated into this concept twice (first at line {}); remove one",
        )
        yield from repeats(
            concept,
            ("includes",),
            None,
            concept.includes,
            "`{}` is included twice (first at line {}); remove one",
        )
    config = review.config
    if config is not None:
        yield from repeats(
            config,
            ("team",),
            "id",
            [member.id for member in config.team],
            "team member id `{}` is used twice (first at line {}); give each reviewer their own",
        )
    if config is not None and config.line_of_argument is not None:
        yield from repeats(
            config,
            ("line_of_argument", "sequence"),
            None,
            config.line_of_argument.sequence,
            "`{}` appears twice in the sequence (first at line {}); remove one",
        )


def repeats(
    owner: SourceModel,
    list_path: tuple[str, ...],
    field: str | None,
    keys: Sequence[Hashable],
    message: str,
    rule: Rule = RULE,
    shown: Sequence[str] | None = None,
) -> Iterator[Diagnostic]:
    """Report each repeated key at its item of the list at `list_path` (at the item's `field`).

    `message` is formatted with the item as `shown` (the key itself by default) and the line
    of its first appearance; other checks of repeated items report through `rule`.
    """
    first: dict[Hashable, int] = {}
    for index, key in enumerate(keys):
        if key not in first:
            first[key] = index
            continue
        earlier = _item(owner, list_path, first[key], field)
        what = key if shown is None else shown[index]
        yield rule.at(_item(owner, list_path, index, field), message.format(what, earlier.line))


def _item(
    owner: SourceModel, list_path: tuple[str, ...], index: int, field: str | None
) -> Location:
    keypath: tuple[str | int, ...] = (
        (*list_path, index) if field is None else (*list_path, index, field)
    )
    return owner.where(*keypath)
