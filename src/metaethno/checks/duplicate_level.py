"""ME216: the framework lists a level twice."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.checks.duplicate_id import repeats
from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.models import text_key
from metaethno.review.rules import Rule

RULE = Rule(
    "ME216",
    "duplicate-level",
    Severity.ERROR,
    "A framework's levels are an ordered list of different levels; a level given twice (ignoring "
    "case and spaces) leaves its place in the order unclear and shows twice in tables by level. "
    "Remove one.",
    bad="framework:\n  name: SEM\n  levels: [individual, community, Individual]",
    good="framework:\n  name: SEM\n  levels: [individual, community]",
)


def check(review: Review) -> Iterator[Diagnostic]:
    config = review.config
    if config is None or config.framework is None:
        return
    levels = config.framework.levels
    yield from repeats(
        config,
        ("framework", "levels"),
        None,
        [text_key(level) for level in levels],
        "level `{}` is listed twice (first at line {}); remove one",
        rule=RULE,
        shown=levels,
    )
