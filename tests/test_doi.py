"""A DOI pasted with its link in front is read as the bare DOI, which every output links once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from metaethno.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "written",
    [
        "https://doi.org/10.5555/alpha",
        "http://dx.doi.org/10.5555/alpha",
        "HTTPS://DOI.ORG/10.5555/alpha",
        '"doi: 10.5555/alpha"',
        "doi:10.5555/alpha",
        "10.5555/alpha",
    ],
)
def test_the_report_links_a_pasted_doi_once(base_review: Path, written: str) -> None:
    study = base_review / "studies" / "alpha2010.yaml"
    study.write_text(study.read_text().replace("doi: 10.5555/alpha", f"doi: {written}"))
    checked = runner.invoke(app, ["check", str(base_review)])
    assert (checked.exit_code, checked.stdout) == (0, "")
    result = runner.invoke(app, ["report", str(base_review)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("<https://doi.org/10.5555/alpha>\n") == 1
    assert "doi.org/https://" not in result.stdout.lower()
    assert "doi.org/http://" not in result.stdout.lower()
    assert "doi.org/doi:" not in result.stdout.lower()
