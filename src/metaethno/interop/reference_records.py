"""A reference as read from a reference manager's export, whatever the format: the
`Record` and the cleaning of its text, names, years and DOIs that every reader shares."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from metaethno.review.models import bare_doi
from metaethno.review.yaml_writer import yaml_string

ReferenceFormat = Literal["ris", "bibtex", "csljson"]
# How BibTeX's `and others` is written among the authors: the renderers show it as is,
# after the named authors ("Ahmed, S., Clarke, R. J., et al. (2014).").
ET_AL = "et al."


class ImportFileError(Exception):
    """The file cannot be imported at all: unreadable, of an unknown format, or holding no
    references. The message says what to do."""


@dataclass(frozen=True)
class Record:
    """One reference of the file, as the study stub needs it.

    `number` is the record's position among the file's references (1-based) and
    `line` the line it starts on where the format tells; `key` is the reference's own
    key (BibTeX key, RIS `ID`, CSL `id`). `problem` is set when the record could not be
    parsed at all.
    """

    number: int
    line: int | None = None
    key: str | None = None
    authors: tuple[str, ...] = ()
    surname: str | None = None
    year: int | None = None
    title: str | None = None
    journal: str | None = None
    doi: str | None = None
    problem: str | None = None

    def name(self) -> str:
        """How messages name the record: its number, and its title or key."""
        parts = []
        if self.title:
            parts.append(yaml_string(_shorten(self.title)))
        if self.key:
            parts.append(f"key {self.key}")
        return f"record {self.number}" + (f" ({', '.join(parts)})" if parts else "")


@dataclass(frozen=True)
class ParsedFile:
    """A file's references in file order, and the format they were read as."""

    format: ReferenceFormat
    records: tuple[Record, ...]


_NOT_TEXT = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DOI_IN_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(10\.\S+)", re.IGNORECASE)


def clean(text: str) -> str:
    """One line of text: whitespace collapsed, control and invisible characters dropped."""
    kept = "".join(
        " " if ch.isspace() else ch for ch in text if unicodedata.category(ch) not in _NOT_TEXT
    )
    return " ".join(kept.split())


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def text_values(value: Any) -> list[str]:
    """The strings of a field that holds one string or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def first_text(entry: Mapping[str, Any], *keys: str) -> str | None:
    """The first non-empty text among the fields `keys` of `entry`, cleaned."""
    for key in keys:
        for value in text_values(entry.get(key)):
            if clean(value):
                return clean(value)
    return None


def year_of(value: Any) -> int | None:
    """A year given as a number, or the first four digits of a text (`2014///`)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1000 <= value <= 9999 else None
    if not isinstance(value, str):
        return None
    match = _YEAR.search(value)
    return int(match.group(1)) if match else None


def doi_in_urls(urls: Iterable[str]) -> str | None:
    """The DOI of the first `https://doi.org/` link among `urls`."""
    for url in urls:
        match = _DOI_IN_URL.search(url)
        if match:
            return match.group(1)
    return None


def normalise_doi(doi: str | None) -> str | None:
    """A DOI without `https://doi.org/` or `doi:` in front, or None when there is none."""
    if doi is None:
        return None
    return bare_doi(clean(doi)) or None


def format_name(surname: str, given: str, suffix: str = "") -> str:
    """ "Surname, I. J." from a surname and given names; an organisation keeps its name."""
    surname = clean(surname)
    initials = " ".join(_initials(token) for token in re.split(r"[\s.]+", clean(given)) if token)
    name = f"{surname}, {initials}" if initials and surname else surname or initials
    return f"{name}, {clean(suffix)}" if clean(suffix) else name


def _initials(token: str) -> str:
    """ "S." for Sara, "J.-P." for Jean-Paul, "S. J." for PubMed's "SJ"."""
    if "-" in token:
        return "-".join(_initials(part) for part in token.split("-") if part)
    if 1 < len(token) <= 3 and token.isupper():
        return " ".join(f"{letter}." for letter in token)
    return f"{token[0]}."
