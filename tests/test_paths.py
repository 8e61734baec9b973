"""A review read from files in memory gives what the same files give on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, build_case
from metaethno.checks.run import check_review
from metaethno.review.loader import ReviewError, load_review
from metaethno.review.paths import MemoryPath

EXAMPLE = Path(__file__).parent.parent


def in_memory(root: Path, label: str = "rev") -> MemoryPath:
    """Every file under `root`, as a MemoryPath at the review's root."""
    files = {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and ".git" not in path.parts and ".venv" not in path.parts
    }
    return MemoryPath(files, label)


def test_the_example_reads_the_same_from_memory() -> None:
    on_disk = check_review(EXAMPLE)
    from_memory = check_review(in_memory(EXAMPLE))
    assert from_memory.diagnostics == on_disk.diagnostics
    assert from_memory.review.studies == on_disk.review.studies
    assert from_memory.review.concepts == on_disk.review.concepts


@pytest.mark.parametrize(
    "case",
    [
        "stray-file",
        "folder-outside-review",
        "folder-nested",
        "folder-is-review",
        "folder-in-tooling",
        "folders-overlap",
        "folder-parent",
        "unknown-team-member",
        "yaml-syntax",
    ],
)
def test_a_case_gives_the_same_diagnostics_from_memory(case: str, tmp_path: Path) -> None:
    review = build_case(CASES / case, tmp_path)
    assert check_review(in_memory(review)).diagnostics == check_review(review).diagnostics


def test_a_commit_without_the_configuration_cannot_be_read() -> None:
    with pytest.raises(ReviewError, match=r"^HEAD~1:: no metaethno.yaml here"):
        load_review(MemoryPath({"studies/a.yaml": b"id: a\n"}, "HEAD~1:"))
