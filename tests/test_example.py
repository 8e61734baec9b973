"""The bundled example review checks clean but for the one warning it means to show."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from metaethno.cli import app

REPO = Path(__file__).resolve().parents[1]


def test_example_review_has_only_the_intended_warning() -> None:
    result = CliRunner().invoke(app, ["check", str(REPO)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "studies/lau2009.yaml:71:9: warning ME301 `lau2009/food-from-home` is not translated "
        "into any synthesised concept; add a translation or leave it out on purpose\n"
    )
    assert result.stderr == "29 studies, 13 concepts: 0 errors, 1 warning\n"
