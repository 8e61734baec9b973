"""Read a reference manager's export (RIS, BibTeX, CSL-JSON) into `Record`s.

`read_records` parses a file into one `Record` per reference, in file order: a record
that cannot be used says why in `problem` instead of stopping the rest. Names become
"Surname, I.", DOIs lose their `https://doi.org/`, years are the first four digits
(`metaethno.interop.reference_records`, shared by the three readers).

RIS is read with rispy and BibTeX with bibtexparser 2 (the `import` extra, imported
only when needed); CSL-JSON needs only the standard library.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from metaethno.interop.reference_records import (
    ET_AL,
    ImportFileError,
    ParsedFile,
    Record,
    ReferenceFormat,
    clean,
    doi_in_urls,
    first_text,
    format_name,
    normalise_doi,
    text_values,
    year_of,
)
from metaethno.review.extras import MissingExtraError, require

FORMAT_OF_SUFFIX: dict[str, ReferenceFormat] = {
    ".ris": "ris",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".json": "csljson",
}
FORMAT_NAMES: dict[ReferenceFormat, str] = {"ris": "RIS", "bibtex": "BibTeX", "csljson": "CSL-JSON"}


# -- reading -------------------------------------------------------------------------------


def detect_format(path: Path, chosen: ReferenceFormat | None) -> ReferenceFormat:
    """The format named by `--format`, or else by the file's extension."""
    if chosen is not None:
        return chosen
    detected = FORMAT_OF_SUFFIX.get(path.suffix.lower())
    if detected is None:
        raise ImportFileError(
            f"{path}: cannot tell the format from the extension `{path.suffix}`; "
            "use .ris, .bib or .json, or pass --format ris, bibtex or csljson"
        )
    return detected


def read_records(path: Path, chosen: ReferenceFormat | None = None) -> ParsedFile:
    """Read every reference of the file at `path`."""
    file_format = detect_format(path, chosen)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFileError(
            f"{path}:{line}: the file is not UTF-8; export it again as UTF-8 (Zotero, Mendeley "
            "and EndNote offer a UTF-8 encoding in their export options)"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parsers = {"ris": parse_ris, "bibtex": parse_bibtex, "csljson": parse_csljson}
    try:
        records = parsers[file_format](text)
    except MissingExtraError as error:
        # the message names no file: the file is fine, the reader is missing
        raise ImportFileError(str(error)) from error
    except ImportFileError as error:
        raise ImportFileError(f"{path}: {error}") from None
    if not records:
        raise ImportFileError(
            f"{path}: no {FORMAT_NAMES[file_format]} references found; is it a "
            f"{FORMAT_NAMES[file_format]} file? (pass --format to read it as another format)"
        )
    return ParsedFile(file_format, tuple(records))


# RIS ---------------------------------------------------------------------------------------

_RIS_TAG = re.compile(r"([A-Z][A-Z0-9])  -( |$)")


def parse_ris(text: str) -> list[Record]:
    """RIS as Zotero, EndNote and Mendeley export it: `TY  -` starts a record, `ER  -` ends it.

    Each record is parsed on its own, so a broken one does not lose the rest; a record
    whose `ER` line is missing ends where the next `TY` starts.
    """
    require("import", "rispy", "reading RIS")
    import rispy  # type: ignore[import-untyped]  # rispy ships no type hints

    records = []
    for number, (line, lines) in enumerate(_ris_chunks(text), start=1):
        try:
            parsed = rispy.loads("\n".join([*lines, "ER  - "]))
        except Exception as error:  # noqa: BLE001 - rispy raises many kinds; name the record
            records.append(Record(number, line, problem=f"cannot be parsed ({error})"))
            continue
        if len(parsed) != 1:
            records.append(Record(number, line, problem="cannot be parsed as one RIS record"))
            continue
        records.append(_ris_record(number, line, parsed[0]))
    return records


def _ris_chunks(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record's first line number and its lines, without the `ER` line."""
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _RIS_TAG.match(line)
        tag = match.group(1) if match else None
        if tag == "TY":
            if start is not None:
                yield start, lines
            start, lines = number, [line]
        elif start is not None and tag == "ER":
            yield start, lines
            start, lines = None, []
        elif start is not None:
            lines.append(line)
    if start is not None:
        yield start, lines


def _ris_record(number: int, line: int, entry: Mapping[str, Any]) -> Record:
    names = text_values(entry.get("authors")) or text_values(entry.get("first_authors"))
    authors = [name for name in map(_ris_name, names) if name[0]]
    year = None
    for tag in ("year", "publication_year", "date"):
        year = year_of(entry.get(tag))
        if year is not None:
            break
    return Record(
        number=number,
        line=line,
        key=first_text(entry, "id"),
        authors=tuple(name for name, _ in authors),
        surname=authors[0][1] if authors else None,
        year=year,
        title=first_text(entry, "title", "primary_title"),
        # the full journal name first (JF, T2, JO), then abbreviations (J2, JA)
        journal=first_text(entry, *_RIS_JOURNAL_TAGS),
        doi=normalise_doi(first_text(entry, "doi") or doi_in_urls(text_values(entry.get("urls")))),
    )


_RIS_JOURNAL_TAGS = (
    "alternate_title3",
    "secondary_title",
    "journal_name",
    "alternate_title1",
    "alternate_title2",
)
_PUBMED_INITIALS = re.compile(r"(.+?)\s+([A-Z]{1,3})")


def _ris_name(name: str) -> tuple[str, str]:
    """("Surname, I.", surname) from RIS's "Surname, Given" (or PubMed's "Surname GH")."""
    name = clean(name)
    if "," in name:
        surname, _, rest = name.partition(",")
        given, _, suffix = rest.partition(",")
        return format_name(surname, given, suffix), surname.strip()
    match = _PUBMED_INITIALS.fullmatch(name)
    if match:
        return format_name(match.group(1), match.group(2)), match.group(1)
    return name, name


# BibTeX ------------------------------------------------------------------------------------

_BIBTEX_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s]+)")


def parse_bibtex(text: str) -> list[Record]:
    """BibTeX or BibLaTeX entries; blocks bibtexparser cannot parse become bad records."""
    require("import", "bibtexparser.entrypoint", "reading BibTeX")  # bibtexparser 2
    from bibtexparser import middlewares
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

    # bibtexparser logs each block it cannot parse; those blocks are reported as records here
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        library = parse_string(
            text,
            append_middleware=[
                # field names ignore case in BibTeX, but the name middlewares read `author`
                _lowercase_field_names(),
                # decode LaTeX first but keep {braced} names whole, so that an organisation
                # written {World Health Organization} is not split into given and family names
                middlewares.LatexDecodingMiddleware(keep_braced_groups=True),
                middlewares.SeparateCoAuthors(),
                middlewares.SplitNameParts(),
            ],
        )
    finally:
        logger.setLevel(level)
    records = []
    blocks = [b for b in library.blocks if isinstance(b, Entry | ParsingFailedBlock)]
    for number, block in enumerate(blocks, start=1):
        # bibtexparser counts lines from 0
        line = block.start_line + 1 if block.start_line is not None else None
        if isinstance(block, Entry):
            records.append(_bibtex_record(number, line, block))
            continue
        key_match = _BIBTEX_KEY.match(block.raw or "")
        key = key_match.group(1) if key_match else None
        if isinstance(block, DuplicateBlockKeyBlock):
            problem = "an earlier entry has the same key; give each entry a key of its own"
        else:
            reason = getattr(block.error, "abort_reason", None) or str(block.error or "")
            problem = "cannot be parsed" + (f": {' '.join(reason.split())}" if reason else "")
        records.append(Record(number, line, key=key, problem=problem))
    return records


def _lowercase_field_names() -> Any:
    """A bibtexparser middleware that writes every field name in lowercase (`Author` ->
    `author`), as `SeparateCoAuthors` and `SplitNameParts` expect."""
    from bibtexparser.library import Library
    from bibtexparser.middlewares.middleware import BlockMiddleware
    from bibtexparser.model import Entry

    class LowercaseFieldNames(BlockMiddleware):
        def transform_entry(self, entry: Entry, library: Library) -> Entry:  # noqa: ARG002 - the middleware's signature
            for field in entry.fields:
                field.key = field.key.lower()
            return entry

    return LowercaseFieldNames()


def _bibtex_record(number: int, line: int | None, entry: Any) -> Record:
    keys = [field.key for field in entry.fields]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        problem = f"gives the field `{twice[0]}` twice (BibTeX field names ignore case); keep one"
        return Record(number, line, key=str(entry.key), problem=problem)
    fields = {key: value.value for key, value in entry.fields_dict.items()}
    people = fields.get("author") or fields.get("editor") or []
    # BibTeX's `and others` stands for authors not listed: kept as "et al." after them
    named = [person for person in people if not _is_others(person)]
    authors = [name for name in map(_bibtex_name, named) if name[0]]
    if authors and len(named) < len(people):
        authors.append((ET_AL, ET_AL))
    return Record(
        number=number,
        line=line,
        key=str(entry.key),
        authors=tuple(name for name, _ in authors),
        surname=authors[0][1] if authors else None,
        year=year_of(fields.get("year")) or year_of(fields.get("date")),
        title=_bibtex_text(fields.get("title")),
        journal=_bibtex_text(
            fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle")
        ),
        doi=normalise_doi(_bibtex_text(fields.get("doi"))),
    )


def _bibtex_name(person: Any) -> tuple[str, str]:
    """("Surname, I.", surname) from bibtexparser's NameParts (or a plain string)."""
    if isinstance(person, str):
        return _ris_name(_unbrace(person))
    surname = clean(_unbrace(" ".join([*person.von, *person.last])))
    given = _unbrace(" ".join(person.first))
    return format_name(surname, given, _unbrace(" ".join(person.jr))), surname


def _is_others(person: Any) -> bool:
    """Whether a name is BibTeX's `others` (in any case), which stands for the authors not
    listed; `{others}` in braces is a name like any other."""
    parts = (
        [person]
        if isinstance(person, str)
        else [*person.first, *person.von, *person.last, *person.jr]
    )
    return len(parts) == 1 and parts[0].strip().casefold() == "others"


def _bibtex_text(value: Any) -> str | None:
    return clean(_unbrace(value)) or None if isinstance(value, str) else None


def _unbrace(text: str) -> str:
    return text.replace("{", "").replace("}", "")


# CSL-JSON ----------------------------------------------------------------------------------


def parse_csljson(text: str) -> list[Record]:
    """CSL-JSON as Zotero and citeproc tools write it: a list of items (or one item)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        ) from None
    if isinstance(data, dict):
        data = data["items"] if isinstance(data.get("items"), list) else [data]
    if not isinstance(data, list):
        raise ImportFileError("CSL-JSON is a list of references, and this is not a list")
    records = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            records.append(Record(number, problem="is not a JSON object"))
            continue
        records.append(_csl_record(number, item))
    return records


def _csl_record(number: int, item: Mapping[str, Any]) -> Record:
    people = item.get("author") or item.get("editor") or []
    authors = (
        [_csl_name(p) for p in people if isinstance(p, dict)] if isinstance(people, list) else []
    )
    authors = [name for name in authors if name[0]]
    container = item.get("container-title")
    if isinstance(container, list):
        container = next((c for c in container if isinstance(c, str)), None)
    key = item.get("id")
    return Record(
        number=number,
        key=str(key) if isinstance(key, str | int) else None,
        authors=tuple(name for name, _ in authors),
        surname=authors[0][1] if authors else None,
        year=_csl_year(item.get("issued")),
        title=clean(item["title"]) or None if isinstance(item.get("title"), str) else None,
        journal=clean(container) or None if isinstance(container, str) else None,
        doi=normalise_doi(item.get("DOI") if isinstance(item.get("DOI"), str) else None),
    )


def _csl_name(person: Mapping[str, Any]) -> tuple[str, str]:
    """("Surname, I.", surname) from a CSL name: family, given and particles, or literal."""
    if isinstance(person.get("literal"), str):
        literal = clean(person["literal"])
        return literal, literal
    parts = [person.get("non-dropping-particle"), person.get("family")]
    surname = " ".join(clean(p) for p in parts if isinstance(p, str) and p.strip())
    given = person.get("given")
    suffix = person.get("suffix")
    return format_name(
        surname,
        given if isinstance(given, str) else "",
        suffix if isinstance(suffix, str) else "",
    ), surname


def _csl_year(issued: Any) -> int | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = year_of(str(parts[0][0]))
            if year is not None:
                return year
        for key in ("raw", "literal"):
            year = year_of(issued.get(key))
            if year is not None:
                return year
        return None
    return year_of(issued)
