"""The command line as a whole: every command is listed, and a run loads only what it needs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from metaethno.cli import COMMAND_MODULES, app
from metaethno.cli.help import PAGES
from metaethno.cli.help_source import current_pages


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `metaethno ARGS` in a fresh interpreter and list the command modules it loaded."""
    code = (
        "import sys\nfrom metaethno.cli import COMMAND_MODULES, main\n"
        f"sys.argv = ['metaethno', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "commands = {f'metaethno.cli.{m}' for m in COMMAND_MODULES.values()}\n"
        "print(sorted(m for m in sys.modules if m in commands))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def loaded(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout.splitlines()[-1]


def test_version_loads_no_command() -> None:
    result = run_main("--version")
    assert result.stdout.startswith("metaethno ")
    assert loaded(result) == "[]"


def test_a_command_loads_only_its_module() -> None:
    result = run_main("--debug", "report", ".", "--help")  # help after an argument: typer's way
    assert "Render the whole synthesis" in result.stdout
    assert loaded(result) == "['metaethno.cli.report']"


def test_a_commands_help_is_printed_without_typer() -> None:
    code = (
        "import sys\nfrom metaethno.cli import main\n"
        "sys.argv = ['metaethno', '-q', 'export', 'xlsx', '-h']\nmain()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: metaethno export xlsx [OPTIONS] [REVIEW_DIR]\n")
    assert result.stdout.splitlines()[-1] == "[]"


def test_the_stored_help_pages_are_the_commands_own() -> None:
    """help_pages.json, which `main` prints from, is what the commands make now."""
    stored = json.loads(PAGES.read_text(encoding="utf-8"))
    assert stored == current_pages(app), "the help pages are stale: run make docs"


@pytest.mark.parametrize("columns", ["80", "120", "52"])
def test_stored_help_and_typers_help_are_the_same_page(columns: str) -> None:
    """Asked for as `metaethno WORDS --help` (the stored page) or in any other way (typer,
    then the same renderer), every command's help is the same text, wrapped to the screen."""
    env = {**os.environ, "COLUMNS": columns}
    for words in command_paths():
        stored = subprocess.run(
            [sys.executable, "-m", "metaethno", *words, "--help"],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        live = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": columns})
        assert live.exit_code == 0, live.output
        assert stored.stdout == live.stdout, words
        width = min(int(columns), 80)
        assert all(len(line) <= width for line in stored.stdout.splitlines()), words


@pytest.mark.parametrize("words", [[], ["new"], ["import"], ["export"]], ids=" ".join)
def test_a_group_without_a_command_prints_its_page(words: list[str]) -> None:
    result = CliRunner().invoke(app, words, env={"COLUMNS": "80"})
    assert result.exit_code == 2
    assert result.stdout.startswith(f"Usage: {' '.join(['metaethno', *words])} [OPTIONS] COMMAND")
    assert "\nCommands:\n" in result.stdout


def test_help_before_version_is_the_help() -> None:
    """Typer takes the first of the two: `-h --version` is the help (it was a traceback)."""
    result = subprocess.run(
        [sys.executable, "-m", "metaethno", "-h", "--version"], capture_output=True, text=True
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Usage: metaethno [OPTIONS] COMMAND [ARGS]...\n")
    assert "  report  " in result.stdout


def test_help_names_the_bounds_of_a_number() -> None:
    result = CliRunner().invoke(app, ["suggest", "--help"], env={"COLUMNS": "80"})
    assert re.search(
        r"--top N +Suggest up to N concepts[^[]*\[default: 3\] \[x>=1\]", result.stdout
    )


def commands_panel(help_text: str) -> list[str]:
    """The rows of the Commands section of a --help, each as `name summary`."""
    section = help_text.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0]
    rows: list[str] = []
    for line in section.splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            rows.append(" ".join(line.split()))
        else:  # a summary wrapped onto the next line
            rows[-1] += " " + " ".join(line.split())
    return rows


def test_help_lists_every_command_in_order() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "metaethno", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        check=True,
    )
    assert commands_panel(result.stdout) == [
        "check Check every file of the review and report every problem.",
        "translate Translate the studies into one another, as tables.",
        "report Render the whole synthesis as one Markdown document, web page or Word file.",
        "relate Show how the studies are related (Noblit & Hare's phase 4).",
        "graph Write the review as a graph, for Gephi, Cytoscape, yEd, Graphviz or Mermaid.",
        "suggest Suggest translations not yet made, by text similarity; never edits a file.",
        "compare Compare two versions of a review: two reviewers' folders, or two git revisions.",
        "history List when each synthesised concept and translation was added, changed or removed.",
        "rule Explain a code of check's output, with an example that has it and one that does not.",
        "init Start a new review that passes `check`, with CI and editor support.",
        "schema Write the JSON Schema of the review files, for editors.",
        "new Add a study or concept file to a review, from a template with every field.",
        "import Bring outside data into a review: references from a reference manager.",
        "export Export the synthesis for other tools: a REFI-QDA codebook, a workbook, CSV files.",
    ]
    assert [row.split()[0] for row in commands_panel(result.stdout)] == list(COMMAND_MODULES)


@pytest.mark.parametrize(
    ("group", "commands"),
    [("new", ["study", "concept"]), ("import", ["references"]), ("export", ["qdc", "xlsx", "csv"])],
)
def test_help_of_a_group_lists_its_commands_in_order(group: str, commands: list[str]) -> None:
    result = CliRunner().invoke(app, [group, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert [row.split()[0] for row in commands_panel(result.stdout)] == commands


def test_an_unknown_command_is_a_usage_error() -> None:
    code = "import sys\nfrom metaethno.cli import main\nsys.argv = ['metaethno', 'nope']\nmain()\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert "No such command 'nope'" in result.stderr


def command_paths() -> list[list[str]]:
    """Every command and group of subcommands, as the words that name it."""
    paths: list[list[str]] = []
    pending: list[tuple[list[str], Any]] = [([], typer.main.get_command(app))]
    while pending:
        words, command = pending.pop()
        paths.append(words)
        pending.extend(
            ([*words, name], sub) for name, sub in getattr(command, "commands", {}).items()
        )
    return sorted(paths)


@pytest.mark.parametrize("words", command_paths(), ids=" ".join)
def test_help_shows_on_off_options_as_plain_flags(words: list[str]) -> None:
    """`--force <bool>` reads as if it took a value, and `--force true` then takes `true`
    for the review folder."""
    result = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.stdout
    assert "BOOLEAN" not in result.stdout
    assert re.search(r"^  -h, --help +Show this message and exit\.$", result.stdout, re.M)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["report", "--help"]])
def test_help_and_version_into_a_full_disk_say_so_in_one_line(args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "metaethno", *args], stdout=full, stderr=subprocess.PIPE
        )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "metaethno: cannot write the output (No space left on device)\n"
    )


def test_command_help_points_at_the_source_for_the_documentation_it_names() -> None:
    """A pip install has no docs folder: `--help` names a page as part of the source."""
    pending: list[tuple[str, Any]] = [("metaethno", typer.main.get_command(app))]
    unshipped: list[str] = []
    while pending:
        name, command = pending.pop()
        pending.extend((f"{name} {n}", sub) for n, sub in getattr(command, "commands", {}).items())
        text = " ".join((command.help or "").split())
        unshipped += [
            f"{name}: {found}"
            for found in re.findall(r"\S*docs/[\w.-]+\.md\S*(?: in the source\))?", text)
            if not found.endswith(" in the source)")
        ]
    assert unshipped == []


def test_the_unknown_key_rule_points_at_an_installed_command() -> None:
    result = CliRunner().invoke(app, ["rule", "ME101"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "docs/" not in result.stdout
    assert "metaethno schema" in result.stdout
