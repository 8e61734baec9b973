"""Shared helpers: build reviews in temporary folders and compare with golden files."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
BASE_REVIEW = CASES / "_base"
UPDATE_GOLDEN = os.environ.get("METAETHNO_UPDATE_GOLDEN") == "1"


def build_case(case: Path, destination: Path) -> Path:
    """The base review with the case's files laid over it, the links of `_links` made and the
    files in `_delete` removed."""
    review = destination / case.name
    shutil.copytree(BASE_REVIEW, review)
    for source in case.rglob("*"):
        relative = source.relative_to(case)
        if source.is_dir() or relative.name in ("expected.txt", "_delete", "_links", "README"):
            continue
        target = review / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    links = case / "_links"
    if links.exists():  # `LINK -> TARGET` lines, the target as the link holds it
        for line in links.read_text().splitlines():
            if line.strip():
                link, points_to = (part.strip() for part in line.split("->"))
                (review / link).symlink_to(points_to)
    deletions = case / "_delete"
    if deletions.exists():
        for line in deletions.read_text().splitlines():
            if line.strip():
                target = review / line.strip()
                if target.is_dir():
                    shutil.rmtree(target)
                else:
                    target.unlink()
    return review


def assert_golden(actual: str, golden: Path) -> None:
    """Compare exactly with a golden file, showing a unified diff; rewrite it under `make golden`."""
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8") if golden.exists() else ""
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=str(golden),
                tofile="actual",
            )
        )
        pytest.fail(f"output differs from {golden} (run `make golden` if intended):\n{diff}")


@pytest.fixture
def base_review(tmp_path: Path) -> Path:
    """A copy of the small valid review that the cases build on."""
    review = tmp_path / "review"
    shutil.copytree(BASE_REVIEW, review)
    return review
