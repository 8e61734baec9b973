"""Start a review and add files to it from the templates in `metaethno/interop/templates/`.

Functions here decide what to write and return it as `NewFile`s (a path relative to the
review folder and its text); `write_new` hands them to `metaethno.render.output`, which writes
each atomically and never over an existing file.

Templates fill required fields with `""` (or leave `year:` empty), so until a reviewer fills
them `metaethno check` reports each with its line (ME103, ME104), and the editor's schema
marks them too. Optional fields are left empty (null), which the format accepts.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from metaethno import __version__
from metaethno.render.output import OutputExistsError, write_output
from metaethno.review.ids import is_valid_id, make_id
from metaethno.review.loader import CONFIG_FILE, YAML_SUFFIXES
from metaethno.review.rules import OUTSIDE_REVIEW, OVERLAPPING_FOLDERS
from metaethno.review.schema import (
    CONCEPT_SCHEMA,
    REVIEW_SCHEMA,
    SCHEMA_FOLDER,
    STUDY_SCHEMA,
    json_schemas,
    schema_text,
)
from metaethno.review.yaml_writer import yaml_string

REPORT_FILE = "report.md"
# What `init` may find in a folder and still call it empty: a fresh `git init` leaves `.git`.
IGNORED_WHEN_EMPTY = frozenset({".git"})
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# The keys of metaethno.yaml that name where new files go.
FOLDER_KEYS = ("studies", "concepts")


class AuthoringError(Exception):
    """What was asked cannot be done (a bad id, an existing file); the message says what to do."""


@dataclass(frozen=True)
class NewFile:
    """A file to create: its path relative to the review folder (with `/`) and its text."""

    path: str
    text: str


@dataclass(frozen=True)
class InitPlan:
    """What `init` writes, and the files it keeps because they exist already.

    `existing_review` is set when the folder has a metaethno.yaml: then only the tooling
    is planned, never the example studies, concept or README of a new review.
    """

    files: tuple[NewFile, ...]
    kept: tuple[str, ...]
    existing_review: bool = False


def read_template(name: str) -> str:
    """The text of a template bundled with the package, e.g. `study.yaml`."""
    return (
        files("metaethno.interop")
        .joinpath("templates", *name.split("/"))
        .read_text(encoding="utf-8")
    )


def fill(template: str, **values: str) -> str:
    """Replace each `{{name}}` in `template`; every placeholder must be given a value."""

    def value(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return _PLACEHOLDER.sub(value, template)


def schema_reference(file_path: str, schema_name: str) -> str:
    """The path from the file at `file_path` to a schema in `.metaethno/schema/`, both relative
    to the review folder, as the `$schema=` of a `yaml-language-server` comment wants it:
    relative to the file, so the review can be moved or cloned anywhere."""
    folder = posixpath.dirname(file_path) or "."
    return posixpath.relpath(posixpath.join(SCHEMA_FOLDER, schema_name), folder)


def check_id(kind: str, value: str) -> None:
    """Refuse an id that the format would reject, suggesting the one `import` would make."""
    if is_valid_id(value):
        return
    suggestion = make_id(value)
    hint = f", e.g. `{suggestion}`" if suggestion else ""
    raise AuthoringError(
        f"`{value}` is not a valid {kind} id: use only lowercase letters, digits, `-` and `_`{hint}"
    )


# -- metaethno init ----------------------------------------------------------------------

# Template name -> path in the new review.
_REVIEW_TEMPLATES = {
    "review/metaethno.yaml": CONFIG_FILE,
    "review/example2019.yaml": "studies/example2019.yaml",
    "review/example2021.yaml": "studies/example2021.yaml",
    "review/being-heard.yaml": "concepts/being-heard.yaml",
    "review/README.md": "README.md",
    "review/pre-commit-config.yaml": ".pre-commit-config.yaml",
    "review/github-workflow.yml": ".github/workflows/metaethno.yml",
}
# What `init --force` adds to a folder that is a review already, besides the editor schema.
_TOOLING = frozenset({".pre-commit-config.yaml", ".github/workflows/metaethno.yml"})
_SCHEMA_OF = {
    CONFIG_FILE: REVIEW_SCHEMA,
    "studies/example2019.yaml": STUDY_SCHEMA,
    "studies/example2021.yaml": STUDY_SCHEMA,
    "concepts/being-heard.yaml": CONCEPT_SCHEMA,
}


def review_files(title: str) -> list[NewFile]:
    """Every file of a new review: configuration, examples, editor schema, README, CI."""
    from metaethno.render.markdown import escape

    if not title.strip():
        raise AuthoringError("the title is empty; give one with --title, e.g. --title 'Trust'")
    new = []
    for template, path in _REVIEW_TEMPLATES.items():
        schema = _SCHEMA_OF.get(path)
        text = fill(
            read_template(template),
            schema=schema_reference(path, schema) if schema else "",
            title=yaml_string(title),
            title_markdown=escape(title),
            version=__version__,
        )
        new.append(NewFile(path, text))
    new.extend(
        NewFile(f"{SCHEMA_FOLDER}/{name}", schema_text(schema))
        for name, schema in json_schemas().items()
    )
    return new


def plan_init(root: Path, title: str, force: bool) -> InitPlan:
    """The files `init` writes into `root`; refuses a folder with content unless `force`.

    Even with `force`, an existing file is never replaced: it is kept and listed, so that
    `init` can add what is missing to a folder without losing anyone's work. In a folder
    that is a review already (it has metaethno.yaml), only the tooling is planned: editor
    schema, pre-commit and CI files, and (by `write_init`) report.md; never examples.
    """
    if root.exists() and not root.is_dir():
        raise AuthoringError(f"{root} is a file, not a folder; give a folder for the new review")
    if root.is_dir() and not force:
        present = sorted(p.name for p in root.iterdir() if p.name not in IGNORED_WHEN_EMPTY)
        if present:
            shown = ", ".join(present[:5]) + (", ..." if len(present) > 5 else "")
            raise AuthoringError(
                f"{root} is not empty ({shown}); give a new or empty folder, or pass --force "
                "to add the review's files to it (existing files are kept, never overwritten)"
            )
    existing_review = (root / CONFIG_FILE).is_file()
    planned = [
        f
        for f in review_files(title)
        if not existing_review or f.path in _TOOLING or f.path.startswith(f"{SCHEMA_FOLDER}/")
    ]
    kept = tuple(f.path for f in planned if (root / f.path).exists())
    return InitPlan(tuple(f for f in planned if f.path not in kept), kept, existing_review)


def write_init(root: Path, plan: InitPlan) -> list[str]:
    """Write the plan's files, then report.md if the review passes `check` (see
    `report_file`), and return the paths written.

    All or nothing: when a file cannot be written, every file and folder this call made
    is removed again (nothing that was there before is touched), and the error says so.
    """
    made: list[Path] = []
    written = []
    try:
        for new in plan.files:
            write_new(root, new, made)
            written.append(new.path)
        report = report_file(root)
        if report is not None:
            write_new(root, report, made)
            written.append(report.path)
    except OSError as error:
        left = _remove(made)
        outcome = (
            "nothing was written"
            if not left
            else "these could not be removed again: " + ", ".join(map(str, left))
        )
        raise OSError(
            error.errno, f"{error.strerror or error}; {outcome}", error.filename
        ) from None
    except BaseException:
        _remove(made)
        raise
    return written


def write_new(root: Path, new: NewFile, made: list[Path] | None = None) -> None:
    """Write `new` under `root`, creating its folders; an existing file is never replaced.
    Each folder and the file it creates is added to `made`, for undoing them."""
    made = [] if made is None else made
    path = root / new.path
    for folder in reversed([path.parent, *path.parent.parents]):
        if not folder.exists():
            try:
                folder.mkdir()
            except FileExistsError:  # made meanwhile by another run, which may use it
                continue
            made.append(folder)
    write_output(path, new.text, force=False)
    made.append(path)


def _remove(made: list[Path]) -> list[Path]:
    """Remove the files and folders in `made`, the last made first; return what remains."""
    left = []
    for path in reversed(made):
        try:
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        except OSError:
            left.append(path)
    return left


# -- metaethno new -----------------------------------------------------------------------


def review_folders(root: Path) -> tuple[str, str]:
    """The studies and concepts folders that metaethno.yaml in `root` names (or the defaults).

    metaethno.yaml is refused, with its first such error, when it cannot be read or when
    `studies` or `concepts` is wrong (not text, outside the review, overlapping): a folder
    name that cannot be trusted must not send new files anywhere else. Other errors (an
    unknown key, a control character in the question) are for `check` to report. A folder
    that does not exist yet is no error here, since writing a file creates it.
    """
    from metaethno.review.loader import load_config

    if not (root / CONFIG_FILE).is_file():
        raise AuthoringError(
            f"no {CONFIG_FILE} in {root}: give the review's folder with --review, "
            "or start a review with `metaethno init`"
        )
    loaded = load_config(root)
    errors = sorted(d for d in loaded.diagnostics if d.is_error)
    document = loaded.document
    if isinstance(document.data, dict):
        spans = [document.spans[(kind,)] for kind in FOLDER_KEYS if (kind,) in document.spans]
        at_folders = {(s[0], s[1]) for s in spans} | {(s[2], s[3]) for s in spans}
        errors = [
            d
            for d in errors
            if (d.line, d.col) in at_folders
            or d.code in (OUTSIDE_REVIEW.code, OVERLAPPING_FOLDERS.code)
        ]
    if errors:
        first = errors[0]
        raise AuthoringError(
            f"{root / CONFIG_FILE}:{first.line}:{first.col}: {first.severity.value} "
            f"{first.code} {first.message}; correct {CONFIG_FILE} first, since it names the "
            "folders that new files go in"
        )
    return loaded.studies_folder, loaded.concepts_folder


def new_file(root: Path, kind: str, item_id: str) -> NewFile:
    """The template for a new study or concept (`kind`) with id `item_id`, in its folder.

    Refuses an invalid id, and an id that a file in the folder already has (as `.yaml` or
    `.yml`), since two files of one id cannot both be read.
    """
    check_id(kind, item_id)
    studies, concepts = review_folders(root)
    folder = posixpath.normpath(studies if kind == "study" else concepts)
    for suffix in YAML_SUFFIXES:
        existing = f"{folder}/{item_id}{suffix}"
        if (root / existing).exists():
            raise _already_exists(root / existing)
    path = f"{folder}/{item_id}.yaml"
    schema = STUDY_SCHEMA if kind == "study" else CONCEPT_SCHEMA
    text = fill(read_template(f"{kind}.yaml"), id=item_id, schema=schema_reference(path, schema))
    return NewFile(path, text)


def write_new_file(root: Path, new: NewFile) -> None:
    """Write the file of `new_file`, refusing it if the name was taken since it was planned
    (another run at the same moment): the other run's file is kept."""
    try:
        write_new(root, new)
    except OutputExistsError:
        raise _already_exists(root / new.path) from None


def _already_exists(path: Path) -> AuthoringError:
    return AuthoringError(
        f"{path} already exists; edit it, or choose another id "
        "(metaethno new never overwrites a file)"
    )


def missing_schema(root: Path, new: NewFile) -> str | None:
    """The schema file that `new`'s first line names (relative to `root`, with `/`), if the
    review does not have it."""
    match = re.match(r"# yaml-language-server: \$schema=(\S+)", new.text)
    if match is None:
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(new.path), match.group(1)))
    return None if (root / target).is_file() else target


def report_file(root: Path) -> NewFile | None:
    """report.md as `metaethno report` renders the review in `root` now, so that a new review's
    report hook and CI pass; None if the review has errors (e.g. files kept by `--force`)."""
    from metaethno.analysis.synthesis import analyse
    from metaethno.checks.run import check_review
    from metaethno.render.report import render_report

    if (root / REPORT_FILE).exists():
        return None
    checked = check_review(root)
    if checked.has_errors:
        return None
    return NewFile(REPORT_FILE, render_report(analyse(checked.review)))
