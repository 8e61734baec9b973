"""ME206: concepts include one another in a circle."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME206",
    "includes-cycle",
    Severity.ERROR,
    "`includes` builds a hierarchy: a higher-order concept synthesises lower ones, so no concept "
    "can include itself, directly or through others. Remove one `includes` entry of the cycle.",
    bad="# concepts/relational-safety.yaml\nincludes: [warmth]\n# concepts/warmth.yaml\nincludes: [relational-safety]",
    good="# concepts/relational-safety.yaml\nincludes: [warmth]\n# concepts/warmth.yaml: no includes",
)


def check(review: Review) -> Iterator[Diagnostic]:
    """Depth-first search; each edge that closes a cycle is reported once, where it is written."""
    done: set[str] = set()
    for start in sorted(review.concepts):
        if start in done:
            continue
        path: list[str] = [start]
        on_path = {start}
        pending = [iter(enumerate(review.concepts[start].includes))]
        while pending:
            step = next(pending[-1], None)
            if step is None:
                pending.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
                continue
            index, target = step
            if target in on_path:
                cycle = [*path[path.index(target) :], target]
                yield RULE.at(
                    review.concepts[path[-1]].where("includes", index),
                    "includes form a cycle: "
                    + " -> ".join(cycle)
                    + "; remove one of these includes",
                )
            elif target not in done and target in review.concepts:
                path.append(target)
                on_path.add(target)
                pending.append(iter(enumerate(review.concepts[target].includes)))
