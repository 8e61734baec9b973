"""Small helpers for the words of messages: suggestions and counts."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`; did you mean `x`?` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def plural(number: int, one: str, many: str | None = None) -> str:
    """`1 study`, `2 studies`: a number with its noun in the right form."""
    return f"{number} {one if number == 1 else many or one + 's'}"
