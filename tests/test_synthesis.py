"""One analysis pass: a command computes the argument graph, the study order and the concept
order at most once, however many of its tables use them."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import metaethno.analysis.graphs
import metaethno.analysis.ordering
import metaethno.analysis.synthesis
from metaethno.cli import app

EXAMPLE = Path(__file__).parent.parent
COUNTED: dict[str, Callable[..., Any]] = {
    "build_argument_graph": metaethno.analysis.graphs.build_argument_graph,
    "study_order": metaethno.analysis.ordering.study_order,
    "concept_order": metaethno.analysis.ordering.concept_order,
}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each counted function runs: every module that holds one by name gets a
    counting stand-in, so a call from anywhere is seen."""
    counts: Counter[str] = Counter()

    def counting(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counts[name] += 1
            return function(*args, **kwargs)

        return wrapper

    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("metaethno"):
            continue
        for name, function in COUNTED.items():
            if getattr(module, name, None) is function:
                monkeypatch.setattr(module, name, counting(name, function))
    return counts


COMMANDS = [
    ["report"],
    ["translate", "--format", "markdown"],
    ["translate", "--format", "json"],
    ["relate", "--format", "json"],
    ["graph", "--view", "argument", "--format", "json"],
    ["graph", "--view", "studies", "--format", "json"],
    ["graph", "--view", "synthesis", "--format", "json"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_each_part_is_computed_at_most_once(command: list[str], calls: Counter[str]) -> None:
    result = CliRunner().invoke(app, [*command, str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert all(count <= 1 for count in calls.values()), calls


def test_the_report_computes_each_part_once(calls: Counter[str]) -> None:
    result = CliRunner().invoke(app, ["report", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert calls == {"build_argument_graph": 1, "study_order": 1, "concept_order": 1}


@pytest.mark.parametrize("export", ["xlsx", "qdc"])
def test_exports_compute_each_part_at_most_once(
    export: str, calls: Counter[str], tmp_path: Path
) -> None:
    pytest.importorskip("openpyxl")
    output = tmp_path / f"review.{export}"
    result = CliRunner().invoke(app, ["export", export, str(EXAMPLE), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert calls == {"build_argument_graph": 1, "study_order": 1, "concept_order": 1}
