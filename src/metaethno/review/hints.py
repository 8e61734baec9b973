"""Small helpers for the words of messages: suggestions, counts and folders."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`; did you mean `x`?` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def plural(number: int, one: str, many: str | None = None) -> str:
    """`1 study`, `2 studies`: a number with its noun in the right form."""
    return f"{number} {one if number == 1 else many or one + 's'}"


def folder_name(folder: Path) -> str:
    """A folder as the user gave it, or its full path where that says nothing (`.`, `..`)."""
    return str(folder.resolve()) if folder.name in ("", "..") else str(folder)
