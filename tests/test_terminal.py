"""Terminal manners: what goes to standard error, `-q`, `-h` and `-o -`."""

from __future__ import annotations

import json
import os
import pty
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from git_reviews import reviewers_repository
from metaethno.cli import COMMAND_MODULES, app

runner = CliRunner()


def test_writing_a_file_says_so_on_stderr(base_review: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.md"
    result = runner.invoke(app, ["report", str(base_review), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote {output}\n"
    assert output.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    "command",
    [
        ["report"],
        ["translate", "--format", "json"],
        ["relate", "--format", "json"],
        ["graph", "--format", "dot"],
    ],
    ids=lambda words: words[0],
)
@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_silences_the_written_file_line(
    base_review: Path, tmp_path: Path, command: list[str], where: str
) -> None:
    """`-q` before the command, or after it as ruff and pre-commit take it."""
    output = tmp_path / "out"
    words = [*command, str(base_review), "-o", str(output)]
    result = runner.invoke(app, ["-q", *words] if where == "before" else [*words, "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert output.stat().st_size > 0


def test_quiet_between_a_group_and_its_command(base_review: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-q", "csv", str(base_review), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert (tmp_path / "out" / "studies.csv").is_file()


@pytest.mark.parametrize("kind", ["study", "concept"])
def test_quiet_after_new_silences_its_line(base_review: Path, kind: str) -> None:
    result = runner.invoke(app, ["new", kind, "ahmed2014", "--review", str(base_review), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "wrote" not in result.stderr  # a note about the review's missing schema stays
    assert list(base_review.glob("*/ahmed2014.yaml"))


def test_every_command_takes_quiet_after_its_name() -> None:
    commands = [
        ["check"], ["translate"], ["report"], ["relate"], ["graph"], ["suggest"], ["compare"],
        ["history"], ["rule"], ["init"], ["schema"], ["new", "study"], ["new", "concept"],
        ["import", "references"], ["export", "qdc"], ["export", "xlsx"], ["export", "csv"],
    ]  # fmt: skip
    assert {words[0] for words in commands} == set(COMMAND_MODULES)
    for words in commands:
        result = runner.invoke(app, [*words, "--help"], terminal_width=200)
        assert result.exit_code == 0, (words, result.output)
        assert re.search(r"-q, --quiet +No progress display", result.stdout), words


def test_quiet_silences_export(base_review: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--quiet", "export", "csv", str(base_review), str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert (tmp_path / "studies.csv").is_file()


def test_dash_output_is_standard_output(base_review: Path) -> None:
    piped = runner.invoke(app, ["relate", str(base_review), "--format", "csv"])
    dashed = runner.invoke(app, ["relate", str(base_review), "--format", "csv", "-o", "-"])
    assert dashed.exit_code == 0, dashed.output
    assert dashed.stdout == piped.stdout
    assert dashed.stdout.startswith("Study ID,Study,Cluster,")
    assert dashed.stderr == ""
    assert not Path("-").exists()


@pytest.mark.parametrize("words", [[], ["report"], ["export"], ["export", "csv"]])
def test_h_is_help(words: list[str]) -> None:
    short = runner.invoke(app, [*words, "-h"], env={"COLUMNS": "100"})
    long = runner.invoke(app, [*words, "--help"], env={"COLUMNS": "100"})
    assert short.exit_code == 0, short.output
    assert short.stdout == long.stdout
    assert "Usage: metaethno" in short.stdout


def _stderr_of(command: list[str], on_terminal: bool, cwd: Path | None = None) -> str:
    """Run metaethno with standard output discarded and standard error on a pseudo-terminal
    or in a pipe; what it wrote on standard error."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    argv = [sys.executable, "-m", "metaethno", *command]
    if not on_terminal:
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=True, cwd=cwd)
        return done.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=follower, env=env, cwd=cwd)
    os.close(follower)
    received = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once the process has exited
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    assert process.wait() == 0
    return received.decode("utf-8", errors="replace")


def test_progress_shows_on_a_terminal(base_review: Path) -> None:
    stderr = _stderr_of(["relate", str(base_review), "--format", "csv"], on_terminal=True)
    assert "Reading and checking" in stderr
    assert "Building the tables" in stderr


def test_progress_names_the_current_folder_by_its_path(base_review: Path) -> None:
    stderr = _stderr_of(["relate", "--format", "csv"], on_terminal=True, cwd=base_review)
    # the full path, which a narrow terminal cuts, rather than `.`
    assert "Reading and checking /" in stderr
    assert "Reading and checking ." not in stderr


def test_no_progress_in_a_pipe_or_with_quiet(base_review: Path) -> None:
    command = ["relate", str(base_review), "--format", "csv"]
    assert _stderr_of(command, on_terminal=False) == ""
    assert _stderr_of(["-q", *command], on_terminal=True) == ""


# pydantic is left out: typer imports it itself (typer._adapters) once a command is registered
HEAVY: tuple[str, ...] = ("yaml", "networkx", "openpyxl", "sklearn", "metaethno.review")
HEAVY += ("metaethno.checks", "metaethno.analysis", "metaethno.render", "metaethno.interop")


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["-h"]]
    + [[*command.split(), "--help"] for command in ("check", "translate", "report", "relate")]
    + [[*command.split(), "-h"] for command in ("graph", "suggest", "init", "schema", "new")]
    + [[*command.split(), "--help"] for command in ("import", "export", "export xlsx")],
    ids=" ".join,
)
def test_version_and_help_import_nothing_heavy(args: list[str]) -> None:
    """They stay as fast as importing typer: none of the libraries or layers a command uses."""
    code = (
        "import sys\nfrom metaethno.cli import main\n"
        f"sys.argv = ['metaethno', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print([m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m.startswith({HEAVY!r})])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


EXAMPLE = Path(__file__).resolve().parents[1]  # the bundled example review: 29 studies
# a screen of 100 columns and 24 lines, whatever the developer's window
SCREEN = {"COLUMNS": "100", "LINES": "24", "FORCE_COLOR": None, "NO_COLOR": None}


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """The bundled example in a folder whose name needs quoting in a shell."""
    review = tmp_path / "my review"
    review.mkdir()
    shutil.copy(EXAMPLE / "metaethno.yaml", review)
    for folder in ("studies", "concepts"):
        shutil.copytree(EXAMPLE / folder, review / folder)
    return review


def _printed(*words: str) -> str:
    result = runner.invoke(app, list(words), env=SCREEN)
    assert result.exit_code == 0, result.output
    return result.stdout


def _commands_for_the_whole(text: str) -> list[str]:
    """The commands a cut table names, each on the line after the one saying what it left out."""
    lines = text.splitlines()
    return [lines[i + 1].strip() for i, line in enumerate(lines) if line.startswith("Not shown:")]


def test_a_grid_too_wide_shows_its_first_blocks_and_the_command_for_the_whole(
    example_copy: Path,
) -> None:
    text = _printed("translate", str(example_copy), "-f", "table")
    titles = [line for line in text.splitlines() if line.startswith("Translation grid")]
    assert titles == [f"Translation grid (studies {n}-{n + 3} of 29)" for n in (1, 5, 9)]
    quoted = shlex.quote(str(example_copy))
    assert (
        "Not shown: 17 studies. To write the whole grid to a file (or add --all to print it "
        f"here):\n  metaethno translate {quoted} --format csv -o translation-grid.csv\n"
    ) in text


def test_the_command_a_cut_table_names_writes_it_whole(
    example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _printed("relate", str(example_copy), "-f", "table")
    grid = f"metaethno relate {shlex.quote(str(example_copy))} --format csv -o relate-grid.csv"
    assert grid in _commands_for_the_whole(text)
    monkeypatch.chdir(example_copy.parent)
    words = shlex.split(grid)
    assert _printed(*words[1:]) == ""
    written = (example_copy.parent / "relate-grid.csv").read_text(encoding="utf-8")
    assert len(written.splitlines()) == 1 + 29  # the header and every study


def test_the_options_that_choose_the_table_are_in_the_command(example_copy: Path) -> None:
    text = _printed(
        "translate", str(example_copy), "-f", "table", "--layout", "long",
        "--exclude-study", "adebayo2003", "--order", "alphabetical",
    )  # fmt: skip
    assert _commands_for_the_whole(text)[0] == (
        f"metaethno translate {shlex.quote(str(example_copy))} --order alphabetical "
        "--layout long --exclude-study adebayo2003 --format csv -o translations.csv"
    )


@pytest.mark.parametrize("command", ["translate", "relate"])
def test_all_prints_every_table_whole(example_copy: Path, command: str) -> None:
    whole = _printed(command, str(example_copy), "-f", "table", "--all")
    assert "Not shown" not in whole
    assert "Not shown" in _printed(command, str(example_copy), "-f", "table")
    studies = json.loads(_printed(command, str(example_copy), "-f", "json"))["studies"]
    assert len(studies) == 29
    lines = whole.splitlines()
    assert all(any(line.strip().startswith(s["key"]) for line in lines) for s in studies)
    last = "Translation grid (studies 29-29 of 29)" if command == "translate" else "Pairs"
    assert any(line.startswith(last) for line in lines)


@pytest.mark.parametrize("command", ["translate", "relate"])
def test_a_small_review_is_not_cut(base_review: Path, command: str) -> None:
    whole = _printed(command, str(base_review), "-f", "table", "--all")
    assert _printed(command, str(base_review), "-f", "table") == whole


def test_all_shows_the_grid_s_progress_on_a_terminal() -> None:
    command = ["translate", str(EXAMPLE), "-f", "table", "--all"]
    assert "Building the tables: 8 of 8" in _stderr_of(command, on_terminal=True)
    assert _stderr_of(command, on_terminal=False) == ""


def _writing_commands(review: Path, tmp_path: Path) -> dict[str, tuple[list[str], Path]]:
    """Each command that writes a file or a folder, not covered above: its words and what it
    writes."""
    other = tmp_path / "other"
    shutil.copytree(review, other)
    repo = reviewers_repository(tmp_path / "git")
    out = tmp_path / "out"
    return {
        "compare": (["compare", str(review), str(other), "-o", f"{out}.md"], Path(f"{out}.md")),
        "history": (["history", str(repo), "-o", f"{out}.csv"], Path(f"{out}.csv")),
        "schema": (["schema", "-o", str(out)], out),
        "export qdc": (["export", "qdc", str(review), "-o", f"{out}.qdc"], Path(f"{out}.qdc")),
        "export xlsx": (["export", "xlsx", str(review), "-o", f"{out}.xlsx"], Path(f"{out}.xlsx")),
        "export csv": (["export", "csv", str(review), str(out)], out),
    }


@pytest.mark.parametrize("quiet", [False, True], ids=["plain", "quiet"])
@pytest.mark.parametrize(
    "command", ["compare", "history", "schema", "export qdc", "export xlsx", "export csv"]
)
def test_every_written_file_is_said_the_same_way_and_quiet_silences_it(
    base_review: Path, tmp_path: Path, command: str, quiet: bool
) -> None:
    words, written = _writing_commands(base_review, tmp_path)[command]
    result = runner.invoke(app, ["-q", *words] if quiet else words)
    assert result.exit_code == 0, result.output
    assert written.exists()
    if quiet:
        assert result.stderr == ""
    else:
        assert result.stderr.startswith(f"wrote {written}")
        assert len(result.stderr.splitlines()) == 1


def test_dash_is_standard_output_for_export_qdc(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "qdc", str(base_review), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert result.stderr == ""
    assert list(tmp_path.iterdir()) == [base_review]


def test_dash_writes_the_workbook_to_standard_output_in_a_pipe(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "xlsx", str(base_review), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"PK\x03\x04")  # a zip file, as .xlsx is
    assert result.stderr == ""
    assert list(tmp_path.iterdir()) == [base_review]


def test_dash_refuses_to_write_the_workbook_to_a_terminal(
    base_review: Path, tmp_path: Path
) -> None:
    leader, follower = pty.openpty()
    argv = [sys.executable, "-m", "metaethno", "export", "xlsx", str(base_review), "-o", "-"]
    done = subprocess.run(
        argv, stdout=follower, capture_output=False, stderr=subprocess.PIPE, cwd=tmp_path
    )
    os.close(follower)
    os.close(leader)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "metaethno: a workbook is binary, not for the terminal; give -o FILE.xlsx, or "
        "redirect standard output to a file\n"
    )
    assert list(tmp_path.iterdir()) == [base_review]


def test_schema_dash_says_to_omit_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["schema", "-o", "-"])
    assert result.exit_code == 2
    assert result.stderr == (
        "metaethno: -o takes a folder for the three schema files; omit -o to print them\n"
    )
    assert list(tmp_path.iterdir()) == []
