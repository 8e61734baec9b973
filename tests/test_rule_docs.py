"""docs/checks.md is generated from the rules; the committed page must match them."""

from __future__ import annotations

from pathlib import Path

from conftest import assert_golden
from metaethno.checks import CHECKS
from metaethno.checks.docs import render_rule_docs
from metaethno.review.rules import LOADER_RULES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "checks.md"


def test_checks_page_is_current() -> None:
    """Run `make docs` after changing a rule."""
    assert_golden(render_rule_docs(), DOCS)


def test_codes_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in LOADER_RULES] + [check.rule.code for check in CHECKS]
    assert len(codes) == len(set(codes))
    assert all(code.startswith("ME") and len(code) == 5 and code[2:].isdigit() for code in codes)
    names = [rule.name for rule in LOADER_RULES] + [check.rule.name for check in CHECKS]
    assert len(names) == len(set(names))


def test_every_rule_says_what_to_do() -> None:
    rules = [*LOADER_RULES, *(check.rule for check in CHECKS)]
    for rule in rules:
        assert rule.summary.rstrip().endswith("."), rule.code
        assert rule.bad.strip() and rule.good.strip(), rule.code
