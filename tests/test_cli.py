"""The command line as a whole: every command is listed, and a run loads only what it needs."""

from __future__ import annotations

import subprocess
import sys

from metaethno.cli import COMMAND_MODULES


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `metaethno ARGS` in a fresh interpreter and list the command modules it loaded."""
    code = (
        "import sys\nfrom metaethno.cli import main\n"
        f"sys.argv = ['metaethno', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('metaethno.cli.')))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def loaded(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout.splitlines()[-1]


def test_version_loads_no_command() -> None:
    result = run_main("--version")
    assert result.stdout.startswith("metaethno ")
    assert loaded(result) == "['metaethno.cli.core']"


def test_a_command_loads_only_its_module() -> None:
    result = run_main("--debug", "report", "--help")
    assert "Render the whole synthesis" in result.stdout
    assert loaded(result) == "['metaethno.cli.core', 'metaethno.cli.translate']"


def test_help_lists_every_command_in_order() -> None:
    result = run_main("--help")
    listed = [
        line.split()[1]
        for line in result.stdout.splitlines()
        if line.startswith("│ ") and len(line.split()) > 2 and line.split()[1] in COMMAND_MODULES
    ]
    assert listed == list(COMMAND_MODULES)


def test_an_unknown_command_is_a_usage_error() -> None:
    code = "import sys\nfrom metaethno.cli import main\nsys.argv = ['metaethno', 'nope']\nmain()\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert "No such command 'nope'" in result.stderr
