"""Whether the cumulative translation levels off: the count of concepts study by study, and
the run of last studies that add none.

The cumulative translation is a reconstruction from the final concepts, so a count that
levels off says the last studies add no concept to this synthesis, not that the reviewers
reached saturation as they worked.
"""

from __future__ import annotations

from collections.abc import Sequence

from metaethno.analysis.translation import CumulativeRow

MIN_STUDIES_TO_LEVEL_OFF = 6
"""Fewer studies than this are too few for a last third to say anything about saturation."""


def quiet_tail(rows: Sequence[CumulativeRow]) -> int:
    """How many of the last studies, one after another, introduce no new concept."""
    run = 0
    for row in reversed(rows):
        if row.introduced:
            break
        run += 1
    return run


def plateau(rows: Sequence[CumulativeRow]) -> int | None:
    """How many of the last studies introduce no new concept, when the count of concepts levels
    off: at least the last third of the studies add none, after some concept came later than
    the first study. None when it does not, or when there are too few studies to tell."""
    count = len(rows)
    if count < MIN_STUDIES_TO_LEVEL_OFF:
        return None
    run = quiet_tail(rows)
    if run < count // 3 or not any(row.introduced for row in rows[1 : count - run]):
        return None
    return run
