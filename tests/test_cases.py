"""The catalogue of bad inputs: each folder under tests/cases is one problem.

A case folder holds files laid over the small valid review in `cases/_base`
(a `_delete` file lists base files to remove, a `_links` file symbolic links to make)
and `expected.txt`, the exact output of `metaethno check` on the result. Adding a case
is adding a folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CASES, assert_golden, build_case
from metaethno.checks import CHECKS
from metaethno.cli import app
from metaethno.review.rules import LOADER_RULES

CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))


def test_base_review_is_clean() -> None:
    result = CliRunner().invoke(app, ["check", str(CASES / "_base")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case(case: Path, tmp_path: Path) -> None:
    review = build_case(case, tmp_path)
    result = CliRunner().invoke(app, ["check", str(review)])
    assert_golden(result.stdout, case / "expected.txt")
    has_errors = " error ME" in result.stdout
    assert result.exit_code == (1 if has_errors else 0), result.output


def test_every_code_has_a_case() -> None:
    """Each documented code is shown by at least one case, so each is known to be reachable."""
    codes = {rule.code for rule in LOADER_RULES} | {check.rule.code for check in CHECKS}
    shown = {
        code
        for case in CASE_DIRS
        for code in re.findall(
            r" (?:error|warning) (ME\d{3}) ", (case / "expected.txt").read_text()
        )
    }
    assert sorted(codes - shown) == []
