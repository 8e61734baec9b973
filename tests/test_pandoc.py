"""docs/import-export.md says pandoc turns the report into Word; check it does, tables included."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from metaethno.render import markdown as md

EXAMPLE_REPORT = Path(__file__).resolve().parents[1] / "docs" / "example-report.md"


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_turns_the_report_into_a_word_document_with_tables(tmp_path: Path) -> None:
    document = tmp_path / "report.docx"
    subprocess.run(["pandoc", str(EXAMPLE_REPORT), "-o", str(document)], check=True)
    with zipfile.ZipFile(document) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    separators = re.compile(r"\|\s*:?-{3,}")  # the line under a table's header
    markdown_tables = sum(
        1 for line in EXAMPLE_REPORT.read_text().splitlines() if separators.match(line)
    )
    assert body.count("<w:tbl>") == markdown_tables > 0
    assert "Mistrust" in body


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandocs_own_markdown_reader_shows_reviewers_text_as_written() -> None:
    """pandoc's default reader gives `^`, `~`, `@`, `--` and `a.` meanings GitHub does not."""
    written = "a. x^2^ and H~2~O, as @smith2020 said -- in 1990--2000"
    markdown = md.paragraph(md.escape(written) + " <https://doi.org/10.1/x_y>")
    plain = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert plain == f"{written} https://doi.org/10.1/x_y\n"
