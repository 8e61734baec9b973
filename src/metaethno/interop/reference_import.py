"""Turn references into study stubs: ids, duplicates, and the stub's text.

`plan_import` decides, without writing, what becomes of each `Record` that
`metaethno.interop.reference_formats.read_records` read: a new study file, a duplicate of a
study already in the review, or a record too incomplete to import.
`write_import` writes the stubs, each exclusively. docs/import-export.md describes the
rules.
"""

from __future__ import annotations

import itertools
import posixpath
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from metaethno.interop.authoring import (
    NewFile,
    fill,
    read_template,
    schema_reference,
    write_new,
)
from metaethno.interop.reference_records import (
    ParsedFile,
    Record,
    ReferenceFormat,
    clean,
    normalise_doi,
)
from metaethno.render.output import OutputExistsError
from metaethno.review.citations import suffixes
from metaethno.review.hints import plural
from metaethno.review.ids import id_letters, make_id
from metaethno.review.loader import YAML_SUFFIXES
from metaethno.review.schema import STUDY_SCHEMA
from metaethno.review.yaml_reader import read_yaml
from metaethno.review.yaml_writer import yaml_plain_or_quoted


def unique_id(surname: str | None, year: int, taken: set[str]) -> str:
    """The first free id of the first surname's letters and the year, then a suffix of a, b,
    ..., z, aa, ab, ...: `make_id`'s rule ("Ahmed" 2014 -> "ahmed2014", "ahmed2014a"), cut
    to `metaethno.review.ids.MAX_ID_LENGTH` characters; "study" when the surname has no Latin letter."""
    name = id_letters(surname or "") or "study"
    for suffix in itertools.chain([""], suffixes()):
        candidate = make_id(name, f"{year}{suffix}")
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover - the suffixes never end


def normalise_title(title: str) -> str:
    """A title for comparison: case folded, punctuation and whitespace collapsed to one space."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


@dataclass(frozen=True)
class KnownReference:
    """A reference already in the review (or planned in this import), for duplicate checks."""

    where: str
    doi: str | None
    title: str | None
    year: int | None
    earlier: bool = False
    """Whether the reference is an earlier record of the same file."""

    def described(self) -> str:
        return f"the same as {self.where}" if self.earlier else f"already in {self.where}"


@dataclass
class ExistingReview:
    """What the studies folder already holds: taken ids and references."""

    studies_folder: str
    ids: set[str] = field(default_factory=set)
    references: list[KnownReference] = field(default_factory=list)


def read_existing(root: Path, studies_folder: str) -> ExistingReview:
    """The ids and references of every study file, valid or not, so none is imported twice.

    A file too broken to read still takes its id; its references are read where the
    YAML can be.
    """
    folder = studies_folder.strip("/")
    existing = ExistingReview(folder)
    directory = root / folder
    if not directory.is_dir():
        return existing
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        existing.ids.add(path.stem)
        if path.suffix not in YAML_SUFFIXES:
            continue
        where = f"{folder}/{path.name}"
        data = read_yaml(path.read_bytes(), where).data
        references = data.get("references") if isinstance(data, dict) else None
        for reference in references if isinstance(references, list) else []:
            if isinstance(reference, dict):
                existing.references.append(_known(where, reference))
    return existing


def _known(where: str, reference: Mapping[str, Any]) -> KnownReference:
    doi, title, year = reference.get("doi"), reference.get("title"), reference.get("year")
    return KnownReference(
        where,
        normalise_doi(doi) if isinstance(doi, str) else None,
        title if isinstance(title, str) else None,
        year if isinstance(year, int) and not isinstance(year, bool) else None,
    )


@dataclass(frozen=True)
class Stub:
    """A record that becomes a new study file."""

    record: Record
    study_id: str
    file: NewFile


@dataclass(frozen=True)
class Skipped:
    """A record left out: a duplicate (`bad` False) or unusable (`bad` True), and why."""

    record: Record
    reason: str
    bad: bool


@dataclass(frozen=True)
class ImportPlan:
    """What becomes of each record, in file order: a new study, or skipped and why.

    `taken` holds every id of the studies folder and of the plan's stubs, `source` the
    file's name that each stub's first comment gives: `write_import` needs both to choose
    another id when a file is taken by the time it is written.
    """

    outcomes: tuple[Stub | Skipped, ...]
    taken: frozenset[str]
    source: str

    @property
    def stubs(self) -> tuple[Stub, ...]:
        return tuple(o for o in self.outcomes if isinstance(o, Stub))

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        return tuple(o for o in self.outcomes if isinstance(o, Skipped))

    @property
    def bad(self) -> tuple[Skipped, ...]:
        return tuple(s for s in self.skipped if s.bad)

    @property
    def duplicates(self) -> tuple[Skipped, ...]:
        return tuple(s for s in self.skipped if not s.bad)

    def summary(self, dry_run: bool) -> str:
        """One closing line: "5 references: 3 studies written, 1 already in the review, ..."."""
        studies = plural(len(self.stubs), "study", "studies")
        written = "would be written" if dry_run else "written"
        return (
            f"{plural(len(self.outcomes), 'reference')}: {studies} {written}, "
            f"{plural(len(self.duplicates), 'duplicate')} skipped, "
            f"{len(self.bad)} skipped as incomplete or unreadable"
            + ("; dry run, nothing written" if dry_run else "")
        )


_REQUIRED_HINTS: dict[ReferenceFormat, dict[str, str]] = {
    "ris": {"authors": "AU", "year": "PY", "title": "TI"},
    "bibtex": {"authors": "author", "year": "year", "title": "title"},
    "csljson": {"authors": "author", "year": "issued", "title": "title"},
}


def plan_import(parsed: ParsedFile, existing: ExistingReview, source: str) -> ImportPlan:
    """Decide each record's fate: a new study, a duplicate of one, or a bad record.

    Ids are made unique against the folder's files and each other; a record whose DOI,
    or whose title and year, match a study's reference (or an earlier record's) is a
    duplicate. `source` names the file in each stub's first comment.
    """
    taken = set(existing.ids)
    known = list(existing.references)
    outcomes: list[Stub | Skipped] = []
    for record in parsed.records:
        problem = record.problem or _missing(record, _REQUIRED_HINTS[parsed.format])
        if problem is not None:
            outcomes.append(Skipped(record, problem, bad=True))
            continue
        assert record.year is not None and record.title is not None  # checked by _missing
        duplicate = _duplicate_of(record, known)
        if duplicate is not None:
            outcomes.append(Skipped(record, duplicate, bad=False))
            continue
        study_id = unique_id(record.surname, record.year, taken)
        taken.add(study_id)
        stub = make_stub(record, study_id, existing.studies_folder, source)
        where = f"record {record.number}, imported as {stub.file.path}"
        known.append(KnownReference(where, record.doi, record.title, record.year, earlier=True))
        outcomes.append(stub)
    return ImportPlan(tuple(outcomes), frozenset(taken), source)


def make_stub(record: Record, study_id: str, studies_folder: str, source: str) -> Stub:
    """The study file of `record` under the id `study_id`."""
    path = f"{studies_folder}/{study_id}.yaml"
    return Stub(record, study_id, NewFile(path, stub_text(record, study_id, path, source)))


def write_import(root: Path, plan: ImportPlan) -> Iterator[Stub | Skipped]:
    """Write the plan's studies under `root` in file order, yielding what became of each
    record as it is known, so that every record is reported even if a later one fails.

    Each file is created exclusively: if another run took a stub's file name since the
    plan was made, the stub takes the next free id and the yielded stub names the file
    actually written. A file that cannot be written becomes a record not imported, with
    the reason, and the records after it are still written.
    """
    taken = set(plan.taken)
    for outcome in plan.outcomes:
        yield (
            _write_stub(root, outcome, taken, plan.source) if isinstance(outcome, Stub) else outcome
        )


def _write_stub(root: Path, stub: Stub, taken: set[str], source: str) -> Stub | Skipped:
    folder = posixpath.dirname(stub.file.path)
    while True:
        try:
            write_new(root, stub.file)
        except OutputExistsError:
            record = stub.record
            assert record.year is not None  # a stub's record has a year
            taken.add(stub.study_id)
            stub = make_stub(record, unique_id(record.surname, record.year, taken), folder, source)
            taken.add(stub.study_id)
            continue
        except OSError as error:
            reason = f"cannot write {stub.file.path} ({error.strerror or error})"
            return Skipped(stub.record, reason, bad=True)
        return stub


def _missing(record: Record, hints: Mapping[str, str]) -> str | None:
    absent = [
        f"no {name} (`{hints[name]}`)"
        for name, value in (
            ("authors", record.authors),
            ("year", record.year),
            ("title", record.title),
        )
        if not value
    ]
    if not absent:
        return None
    return " and ".join([", ".join(absent[:-1]), absent[-1]] if len(absent) > 1 else absent)


def _duplicate_of(record: Record, known: Sequence[KnownReference]) -> str | None:
    doi = record.doi.casefold() if record.doi else None
    title = normalise_title(record.title) if record.title else None
    for reference in known:
        if doi and reference.doi and reference.doi.casefold() == doi:
            return f"{reference.described()} (same DOI {record.doi})"
    for reference in known:
        if (
            title
            and reference.title
            and reference.year == record.year
            and normalise_title(reference.title) == title
        ):
            return f"{reference.described()} (same title and year)"
    return None


# -- the stub ------------------------------------------------------------------------------

_TEMPLATE_REFERENCES = re.compile(r"^references:\n(?:[ \t].*\n)+", re.MULTILINE)


def stub_text(record: Record, study_id: str, path: str, source: str) -> str:
    """The study file for `record`: `metaethno new study`'s template with the reference filled
    in. Its placeholder concept (`id: ""`, `label: ""`) is what `metaethno check` reports
    until a reviewer extracts the study's concepts."""
    template = fill(
        read_template("study.yaml"), id=study_id, schema=schema_reference(path, STUDY_SCHEMA)
    )
    origin = f"# Imported by `metaethno import references` from {clean(source)}, record {record.number}.\n"
    lines = template.splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith("# yaml-language-server:") else 0
    lines.insert(at, origin)
    text, count = _TEMPLATE_REFERENCES.subn(_references_block(record), "".join(lines), count=1)
    if count != 1:  # pragma: no cover - guards against a change of the template
        raise AssertionError("the study template has no `references:` block to fill in")
    return text


def _references_block(record: Record) -> str:
    lines = ["references:\n", "  - authors:\n"]
    lines += [f"      - {yaml_plain_or_quoted(author)}\n" for author in record.authors]
    lines.append(f"    year: {record.year}\n")
    lines.append(f"    title: {yaml_plain_or_quoted(record.title or '')}\n")
    if record.journal:
        lines.append(f"    journal: {yaml_plain_or_quoted(record.journal)}\n")
    if record.doi:
        lines.append(f"    doi: {yaml_plain_or_quoted(record.doi)}\n")
    lines.append("    role: main\n")
    return "".join(lines)
