"""Load a review folder: read every file, validate it, and collect what is wrong.

This is the only module that reads the review, from disk or through any other
`ReviewPath` (e.g. a git commit's files in memory). It never stops at the first bad
file: each file is read and validated on its own, and every problem becomes a
diagnostic.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar, cast

from pydantic import ValidationError

from metaethno.review import ids, rules
from metaethno.review.diagnostics import Diagnostic, Location
from metaethno.review.loaded import Review
from metaethno.review.method_files import read_method_files
from metaethno.review.methods import named_files
from metaethno.review.models import Concept, ReviewConfig, SourceModel, Study
from metaethno.review.paths import ReviewPath, resolved
from metaethno.review.schema import SCHEMA_FOLDER
from metaethno.review.schema_errors import schema_diagnostics
from metaethno.review.yaml_reader import YamlDocument, read_yaml

CONFIG_FILE = "metaethno.yaml"
YAML_SUFFIXES = (".yaml", ".yml")

M = TypeVar("M", bound=SourceModel)
FileModel = TypeVar("FileModel", Study, Concept)
P = TypeVar("P", bound=ReviewPath)


class ReviewError(Exception):
    """The review cannot be loaded at all (no folder, no metaethno.yaml, an unreadable file)."""


@dataclass(frozen=True)
class LoadedReview:
    """A review and every problem found while loading it."""

    review: Review
    diagnostics: list[Diagnostic]


@dataclass(frozen=True)
class LoadedConfig(Generic[P]):
    """metaethno.yaml read on its own: enough to know the review's folders before reading them."""

    root: P
    config: ReviewConfig | None
    document: YamlDocument
    studies_folder: str
    concepts_folder: str
    refused: frozenset[str]  # the kinds whose folder is outside or overlapping, not to be read
    diagnostics: list[Diagnostic]

    @property
    def inputs(self) -> tuple[P, ...]:
        """The review's own files, which no command may write: metaethno.yaml, the folders, and
        the Markdown files its `methods` name."""
        root = self.root
        methods = self.config.methods if self.config is not None else None
        return (
            root / CONFIG_FILE,
            root / self.studies_folder,
            root / self.concepts_folder,
            *(root / file for file in named_files(methods).values()),
        )


def load_config(root: P) -> LoadedConfig[P]:
    """Read and validate metaethno.yaml in `root`, and decide which folders may be read."""
    if not root.is_dir():
        what = "this is a file, not a review folder" if root.exists() else "no such folder"
        raise ReviewError(f"{root}: {what}; give the folder that holds {CONFIG_FILE}")
    config_path = root / CONFIG_FILE
    if not config_path.is_file():
        raise ReviewError(
            f"{root}: no {CONFIG_FILE} here, so this is not a review folder; "
            "give the review's folder"
        )
    diagnostics: list[Diagnostic] = []
    document = read_yaml(_read_bytes(config_path), CONFIG_FILE)
    config = _validate(document, ReviewConfig, diagnostics)
    folders = {kind: _folder_name(config, document, kind) for kind in ("studies", "concepts")}
    refused = _refused_folders(root, folders, document, diagnostics)
    return LoadedConfig(
        root,
        config,
        document,
        folders["studies"],
        folders["concepts"],
        frozenset(refused),
        diagnostics,
    )


ParsedFiles = dict[
    tuple[str, str, bytes], tuple[YamlDocument, SourceModel | None, list[Diagnostic]]
]
"""Files already read and validated, by their kind, their path in the review and their bytes:
two versions of one review (as `compare` reads them) share the files they have in common."""


def load_review(root: ReviewPath, parsed: ParsedFiles | None = None) -> LoadedReview:
    """Read and validate every file of the review in `root`; a file whose path and bytes are in
    `parsed` is taken from there, and every file read is added to it."""
    with _garbage_collection_paused():
        loaded = load_config(root)
        diagnostics = loaded.diagnostics
        studies_dir, concepts_dir = loaded.studies_folder, loaded.concepts_folder
        texts = read_method_files(root, loaded.config, diagnostics)
        config_doc = loaded.document
        studies = _load_folder(
            root, studies_dir, Study, config_doc, diagnostics, parsed, "studies" in loaded.refused
        )
        concepts = _load_folder(
            root,
            concepts_dir,
            Concept,
            config_doc,
            diagnostics,
            parsed,
            "concepts" in loaded.refused,
        )
    review = Review(
        root=root,
        config=loaded.config,
        studies=studies.valid,
        concepts=concepts.valid,
        broken_studies=frozenset(studies.broken),
        broken_concepts=frozenset(concepts.broken),
        studies_folder=studies_dir,
        concepts_folder=concepts_dir,
        missing_folders=frozenset(folder.name for folder in (studies, concepts) if folder.missing),
        method_texts=texts,
    )
    return LoadedReview(review, diagnostics)


def review_folder(path: Path) -> Path:
    """`path`, or the folder of the metaethno.yaml that `path` is: `check` takes the file a
    user has open in the editor as well as its folder."""
    return path.parent if path.name == CONFIG_FILE and path.is_file() else path


@contextmanager
def _garbage_collection_paused() -> Iterator[None]:
    """Loading builds many small objects and frees none; collecting meanwhile only costs time.

    Afterwards the loaded objects are frozen out of the collector's sight: they live as long
    as the review, and without this the next few thousand allocations (the checks' first set
    of pairs) trigger full collections that walk every one of them again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _read_bytes(path: ReviewPath) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ReviewError(
            f"{path}: cannot read the file ({error.strerror}); check its permissions"
        ) from error


def _folder_name(config: ReviewConfig | None, doc: YamlDocument, key: str) -> str:
    if config is not None:
        return str(getattr(config, key))
    raw = doc.data.get(key) if isinstance(doc.data, dict) else None
    return raw if isinstance(raw, str) and raw else key


def _folder_location(config_doc: YamlDocument, kind: str) -> Location:
    """Where metaethno.yaml names the folder of `kind`, or its start where the default is used."""
    if (kind,) in config_doc.spans:
        return config_doc.location((kind,))
    return Location(CONFIG_FILE, 1, 1)


def _refused_folders(
    root: P, folders: dict[str, str], config_doc: YamlDocument, diagnostics: list[Diagnostic]
) -> set[str]:
    """The kinds ("studies", "concepts") whose folder is not to be read, each reported once.

    A folder outside the review would read another review's or the system's files as this
    one's; the review folder itself, `.metaethno` or the other kind's folder would read
    metaethno.yaml, metaethno's own files or every file twice, flooding the output with
    problems that are not there. One error at the folder's name says what to change instead.
    """
    base = resolved(root)
    if base is None:
        return set()
    tooling = base / Path(SCHEMA_FOLDER).parts[0]
    inside: dict[str, P] = {}
    refused: set[str] = set()
    for kind, folder in folders.items():
        where = resolved(root / folder)
        if where is None:  # no folder can have this name: reported as missing
            continue
        location = _folder_location(config_doc, kind)
        instead = f"give {kind} a folder of their own inside the review, e.g. `{kind}: {kind}`"
        if not where.is_relative_to(base):
            diagnostics.append(
                rules.OUTSIDE_REVIEW.at(
                    location,
                    f"the {kind} folder `{folder}` is outside the review folder, so it is not "
                    f"read; {instead}",
                )
            )
        elif where == base or where.is_relative_to(tooling):
            what = "the review folder itself" if where == base else f"inside `{tooling.name}`"
            diagnostics.append(
                rules.OVERLAPPING_FOLDERS.at(
                    location,
                    f"the {kind} folder `{folder}` is {what}, so it is not read; {instead}",
                )
            )
        else:
            inside[kind] = where
            continue
        refused.add(kind)
    if len(inside) == 2 and (
        inside["studies"].is_relative_to(inside["concepts"])
        or inside["concepts"].is_relative_to(inside["studies"])
    ):
        # at the name the user changed: concepts, unless only studies is written
        kind, other = (
            ("concepts", "studies")
            if ("concepts",) in config_doc.spans
            else ("studies", "concepts")
        )
        if inside[kind] == inside[other]:
            relation = f"is the {other} folder too"
        elif inside[kind].is_relative_to(inside[other]):
            relation = f"is inside the {other} folder `{folders[other]}`"
        else:
            relation = f"holds the {other} folder `{folders[other]}`"
        diagnostics.append(
            rules.OVERLAPPING_FOLDERS.at(
                _folder_location(config_doc, kind),
                f"the {kind} folder `{folders[kind]}` {relation}, so neither is read; give each a "
                "folder of its own, side by side, e.g. `studies: studies` and `concepts: concepts`",
            )
        )
        refused |= set(folders)
    return refused


def read_file(data: bytes, relative: str, model: type[M]) -> M | None:
    """One file's bytes as `model`, or None where they are not valid (as `check` would say);
    for a file read on its own, such as a concept file in an old commit."""
    return _validate(read_yaml(data, relative), model, [])


def _validate(doc: YamlDocument, model: type[M], diagnostics: list[Diagnostic]) -> M | None:
    diagnostics.extend(doc.diagnostics)
    if doc.data is None:
        return None
    try:
        result = model.model_validate(doc.data)
    except ValidationError as error:
        diagnostics.extend(schema_diagnostics(error, doc, model))
        return None
    result.attach(doc)
    return result


@dataclass
class _Folder(Generic[FileModel]):
    """What one folder held: valid models by id, ids of files that did not load."""

    name: str
    valid: dict[str, FileModel] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    missing: bool = False


def _load_folder(
    root: P,
    folder: str,
    model: type[FileModel],
    config_doc: YamlDocument,
    diagnostics: list[Diagnostic],
    parsed: ParsedFiles | None,
    refused: bool,
) -> _Folder[FileModel]:
    """Load every file of one folder (none of a refused one, like a missing one)."""
    directory = root / folder
    kind = "studies" if model is Study else "concepts"
    if refused:
        return _Folder(folder, missing=True)
    if not directory.is_dir():
        diagnostics.append(
            rules.MISSING_FOLDER.at(
                _folder_location(config_doc, kind),
                f"the {kind} folder `{folder}` does not exist; create it or correct the name",
            )
        )
        return _Folder(folder, missing=True)
    result: _Folder[FileModel] = _Folder(folder)
    loaded = result.valid
    broken = result.broken
    seen: dict[str, str] = {}
    base = resolved(root)
    for path in _entries(directory):
        # as metaethno.yaml names the folder, which may lie outside the review
        relative = (Path(folder) / path.name).as_posix()
        if path.name.startswith("."):
            continue
        target = resolved(path) if path.is_symlink() else None
        if base is not None and target is not None and not target.is_relative_to(base):
            diagnostics.append(
                rules.OUTSIDE_REVIEW.at(
                    Location(relative, 1, 1),
                    "not read: this is a link to a file outside the review folder; "
                    f"put the file itself in `{folder}`",
                )
            )
            if path.suffix in YAML_SUFFIXES:
                broken.add(path.stem)
            continue
        if not path.is_file():
            what = "a folder" if path.is_dir() else "not a readable file (a broken link?)"
            diagnostics.append(
                rules.STRAY_FILE.at(
                    Location(relative, 1, 1),
                    f"not read: this is {what}; {kind} are .yaml files in `{folder}`",
                )
            )
            continue
        if path.suffix not in YAML_SUFFIXES:
            diagnostics.append(
                rules.STRAY_FILE.at(
                    Location(relative, 1, 1),
                    f"not read: only .yaml and .yml files in `{folder}` are {kind}; rename or move it",
                )
            )
            continue
        file_id = path.stem
        if file_id in seen:
            diagnostics.append(
                rules.DUPLICATE_FILE.at(
                    Location(relative, 1, 1),
                    f"`{seen[file_id]}` already gives the id `{file_id}`; this file is not read: "
                    "merge the two or rename one",
                )
            )
            continue
        seen[file_id] = relative
        data = _read_bytes(path)
        key = (kind, relative, data)
        known = parsed.get(key) if parsed is not None else None
        if known is None:
            doc = read_yaml(data, relative)
            found: list[Diagnostic] = []
            known = (doc, _validate(doc, model, found), found)
            if parsed is not None:
                parsed[key] = known
        doc, validated, found = known
        diagnostics.extend(found)
        item = cast(FileModel | None, validated)
        if item is None:
            broken.add(file_id)
            continue
        item_id = item.id
        if item_id != file_id:
            diagnostics.append(
                rules.ID_MISMATCH.at(
                    doc.location(("id",)),
                    f"id `{item_id}` does not match the file name `{path.name}`; "
                    + ids.id_mismatch_advice(item_id, path.name),
                )
            )
            broken.add(file_id)
            continue
        loaded[file_id] = item
    return result


def _entries(directory: P) -> list[P]:
    """The folder's entries in name order; a folder that cannot be listed stops the load."""
    try:
        return sorted(directory.iterdir())
    except OSError as error:
        raise ReviewError(
            f"{directory}: cannot read the folder ({error.strerror}); check its permissions"
        ) from error
