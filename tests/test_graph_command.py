"""`metaethno graph`: every format of every view, and the command's options, refusals and exit
codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TESTS, assert_golden
from metaethno.cli import app

GOLDEN = TESTS / "golden"
REVIEW = GOLDEN / "review"
EXTENSIONS = {"mermaid": "mmd", "dot": "dot", "graphml": "graphml", "gexf": "gexf", "json": "json"}

runner = CliRunner()


def graph(*args: str) -> str:
    result = runner.invoke(app, ["graph", str(REVIEW), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("view", ["argument", "synthesis", "studies"])
@pytest.mark.parametrize("output_format", list(EXTENSIONS))
def test_golden(output_format: str, view: str) -> None:
    golden = GOLDEN / "graph" / f"{view}.{EXTENSIONS[output_format]}"
    assert_golden(graph("--format", output_format, "--view", view), golden)


def test_the_defaults_are_mermaid_and_the_argument() -> None:
    assert graph() == graph("--format", "mermaid", "--view", "argument")


@pytest.mark.parametrize(("suffix", "output_format"), [(s, f) for f, s in EXTENSIONS.items()])
def test_the_format_follows_the_output_suffix(
    tmp_path: Path, suffix: str, output_format: str
) -> None:
    target = tmp_path / f"synthesis.{suffix}"
    result = runner.invoke(app, ["graph", str(REVIEW), "--view", "synthesis", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text() == graph("--view", "synthesis", "--format", output_format)


def test_format_wins_over_an_unknown_suffix_which_otherwise_means_mermaid(
    tmp_path: Path,
) -> None:
    json_target = tmp_path / "graph.data"
    result = runner.invoke(app, ["graph", str(REVIEW), "-f", "json", "-o", str(json_target)])
    assert result.exit_code == 0, result.output
    assert json.loads(json_target.read_text())["version"] == 1
    text_target = tmp_path / "graph.txt"
    result = runner.invoke(app, ["graph", str(REVIEW), "-o", str(text_target)])
    assert result.exit_code == 0, result.output
    assert text_target.read_text() == graph("-f", "mermaid")


def test_a_format_that_contradicts_the_suffix_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "graph.graphml"
    result = runner.invoke(app, ["graph", str(REVIEW), "-f", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: --format json does not match the output file {target}, which is graphml "
        "by its suffix; drop --format or change the file name\n"
    )
    assert not target.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--view", "everything"], "Invalid value for '--view'"),
        (["--format", "svg"], "Invalid value for '--format'"),
    ],
)
def test_bad_options_are_usage_errors(options: list[str], message: str) -> None:
    result = runner.invoke(app, ["graph", str(REVIEW), *options])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == ""


def test_refuses_a_review_with_errors(base_review: Path) -> None:
    concept = base_review / "concepts" / "trust.yaml"
    concept.write_text(concept.read_text() + "links:\n  - to: nowhere\n    relation: feeds\n")
    result = runner.invoke(app, ["graph", str(base_review)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "error ME204" in result.stderr
    assert result.stderr.endswith(
        "metaethno: not running graph: the review has errors; fix them and run again\n"
    )


def test_output_writes_a_file_and_refuses_to_overwrite_it(tmp_path: Path) -> None:
    target = tmp_path / "argument.gexf"
    first = runner.invoke(app, ["graph", str(REVIEW), "-o", str(target)])
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert target.read_text() == graph("-f", "gexf")

    again = runner.invoke(app, ["graph", str(REVIEW), "--view", "studies", "-o", str(target)])
    assert again.exit_code == 2
    assert again.stderr == f"metaethno: {target}: already exists; pass --force to overwrite it\n"
    assert target.read_text() == graph("-f", "gexf")

    forced = runner.invoke(
        app, ["graph", str(REVIEW), "--view", "studies", "-o", str(target), "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert target.read_text() == graph("-f", "gexf", "--view", "studies")
    assert [p.name for p in tmp_path.iterdir()] == ["argument.gexf"]


def test_the_same_review_gives_the_same_bytes() -> None:
    for output_format in EXTENSIONS:
        assert graph("-f", output_format, "--view", "studies") == graph(
            "-f", output_format, "--view", "studies"
        )


def test_importing_the_cli_loads_no_heavy_library() -> None:
    """`--help` and `--version` stay fast: graphs, networkx and the rest load in the commands."""
    code = (
        "import sys\nimport metaethno.cli\n"
        "heavy = ('networkx', 'rich', 'pydantic', 'yaml', 'metaethno.analysis.graphs')\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
