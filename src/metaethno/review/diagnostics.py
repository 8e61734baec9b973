"""Diagnostics: a finding is a plain value, produced by the loader and the checks alike."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is; errors make `check` fail, warnings only with `--strict`."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a review: a file (relative to the review folder) and a 1-based line and column."""

    path: str
    line: int
    col: int


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in a review, pointing at a file, line and column.

    `path` is relative to the review folder, with forward slashes, so output is
    the same on every machine. Ordering sorts by file, then position, then code.
    """

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str

    @classmethod
    def at(cls, location: Location, code: str, severity: Severity, message: str) -> Diagnostic:
        return cls(location.path, location.line, location.col, code, severity, message)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
