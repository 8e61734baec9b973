"""translate's sentences, shared by every format and the report: how the studies were ordered,
which are left out, and whether the count of concepts levels off. Plain text, not yet
escaped."""

from __future__ import annotations

from collections.abc import Sequence

from metaethno.analysis.ordering import StudyOrder
from metaethno.analysis.saturation import MIN_STUDIES_TO_LEVEL_OFF, plateau, quiet_tail
from metaethno.analysis.translation import CumulativeRow, StudyColumn


def order_sentence(order: StudyOrder, studies: Sequence[StudyColumn]) -> str:
    """How the studies were ordered, in plain words (not yet escaped)."""
    if order.method == "index":
        key = next((s.key for s in studies if s.id == order.index_study), order.index_study)
        text = (
            f"Studies are translated into one another in index order: {key} is the index "
            "study, and the others follow by the year of their first paper."
        )
    elif order.method == "alphabetical":
        text = "Studies are translated into one another in alphabetical order of their ids."
    else:
        text = (
            "Studies are translated into one another in chronological order, by the year "
            "of their first paper, then id."
        )
        if order.index_left_out:
            text += (
                f" The index study, {order.index_left_out}, is left out, so chronological "
                "order is used instead."
            )
    return f"{text} {order.rationale}" if order.rationale else text


def left_out_sentence(left_out: Sequence[StudyColumn]) -> str:
    """Which studies the tables leave out, for a sensitivity analysis (not yet escaped)."""
    keys = ", ".join(study.key for study in left_out)
    return f"Sensitivity analysis: these tables leave out {keys}."


def cumulative_legend(rows: Sequence[CumulativeRow]) -> str:
    """What the cumulative translation is, and whether its count levels off, in words true of
    the rows: the real number of last studies adding nothing."""
    legend = (
        "A reconstruction: the final concepts replayed study by study in the translation "
        "order, not a record of the order the reviewers worked in. Introduced: concepts the "
        "study is the first to support. Matched: concepts an earlier study introduced that it "
        "supports too."
    )
    if len(rows) < MIN_STUDIES_TO_LEVEL_OFF or not any(row.introduced for row in rows):
        return legend
    tail = plateau(rows)
    if tail is not None:
        return legend + f" Concepts so far levels off: {_last_add(tail)} no new concept."
    if not any(row.introduced for row in rows[1:]):
        return legend + (
            " Concepts so far does not level off: it never rises, as the first study "
            "introduces every concept."
        )
    run = quiet_tail(rows)
    if run == 0:
        return legend + " Concepts so far does not level off: the last study adds a new concept."
    return legend + (
        f" Concepts so far does not level off: only {_last_add(run)} no new concept, fewer "
        f"than the last third of the studies ({len(rows) // 3})."
    )


def _last_add(count: int) -> str:
    """`the last study adds` or `the last n studies add`."""
    return "the last study adds" if count == 1 else f"the last {count} studies add"
