"""Load a review folder: read every file, validate it, and collect what is wrong.

This is the only module that reads the review from disk. It never stops at the
first bad file: each file is read and validated on its own, and every problem
becomes a diagnostic.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import ValidationError

from metaethno import ids, rules
from metaethno.diagnostics import Diagnostic, Location
from metaethno.models import Concept, ReviewConfig, SourceModel, Study
from metaethno.review import Review
from metaethno.schema_errors import schema_diagnostics
from metaethno.yaml_reader import YamlDocument, read_yaml

CONFIG_FILE = "metaethno.yaml"
YAML_SUFFIXES = (".yaml", ".yml")

M = TypeVar("M", bound=SourceModel)
FileModel = TypeVar("FileModel", Study, Concept)


class ReviewError(Exception):
    """The review cannot be loaded at all (no folder, no metaethno.yaml, an unreadable file)."""


@dataclass(frozen=True)
class LoadedReview:
    """A review and every problem found while loading it."""

    review: Review
    diagnostics: list[Diagnostic]


def load_review(root: Path) -> LoadedReview:
    """Read and validate every file of the review in `root`."""
    if not root.is_dir():
        raise ReviewError(f"{root}: no such folder; give the folder that holds {CONFIG_FILE}")
    config_path = root / CONFIG_FILE
    if not config_path.is_file():
        raise ReviewError(
            f"{root}: no {CONFIG_FILE} here, so this is not a review folder; "
            "give the review's folder"
        )
    diagnostics: list[Diagnostic] = []
    with _garbage_collection_paused():
        config_doc = read_yaml(_read_bytes(config_path), CONFIG_FILE)
        config = _validate(config_doc, ReviewConfig, diagnostics)
        studies_dir = _folder_name(config, config_doc, "studies")
        concepts_dir = _folder_name(config, config_doc, "concepts")
        studies = _load_folder(root, studies_dir, Study, config_doc, diagnostics)
        concepts = _load_folder(root, concepts_dir, Concept, config_doc, diagnostics)
    review = Review(
        root=root,
        config=config,
        studies=studies.valid,
        concepts=concepts.valid,
        broken_studies=frozenset(studies.broken),
        broken_concepts=frozenset(concepts.broken),
        studies_folder=studies_dir,
        concepts_folder=concepts_dir,
        missing_folders=frozenset(folder.name for folder in (studies, concepts) if folder.missing),
    )
    return LoadedReview(review, diagnostics)


@contextmanager
def _garbage_collection_paused() -> Iterator[None]:
    """Loading builds many small objects and frees none; collecting meanwhile only costs time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_bytes(path: Path) -> bytes:
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
    root: Path,
    folder: str,
    model: type[FileModel],
    config_doc: YamlDocument,
    diagnostics: list[Diagnostic],
) -> _Folder[FileModel]:
    """Load every file of one folder."""
    directory = root / folder
    kind = "studies" if model is Study else "concepts"
    if not directory.is_dir():
        location = (
            config_doc.location((kind,))
            if (kind,) in config_doc.spans
            else Location(CONFIG_FILE, 1, 1)
        )
        diagnostics.append(
            rules.MISSING_FOLDER.at(
                location,
                f"the {kind} folder `{folder}` does not exist; create it or correct the name",
            )
        )
        return _Folder(folder, missing=True)
    result: _Folder[FileModel] = _Folder(folder)
    loaded = result.valid
    broken = result.broken
    seen: dict[str, str] = {}
    for path in sorted(directory.iterdir()):
        # as metaethno.yaml names the folder, which may lie outside the review
        relative = (Path(folder) / path.name).as_posix()
        if path.name.startswith("."):
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
        doc = read_yaml(_read_bytes(path), relative)
        item = _validate(doc, model, diagnostics)
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
