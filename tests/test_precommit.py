"""The pre-commit hooks in .pre-commit-hooks.yaml, run by pre-commit itself on a new review."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pre_commit.clientlib import load_config, load_manifest  # type: ignore[import-untyped]
from typer.testing import CliRunner

from metaethno import __version__
from metaethno.cli import app

runner = CliRunner()
ROOT = Path(__file__).parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
# What pip needs to build and install metaethno from a clone.
INSTALLABLE = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src"]


def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in load_manifest(str(MANIFEST))}


def run(*command: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run a command with git and pre-commit isolated from the user's configuration and cache,
    and no GitHub variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env |= {
        "PRE_COMMIT_HOME": str(cwd.parent / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def pre_commit(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    result = run(
        sys.executable, "-m", "pre_commit", *args, "--color", "never", cwd=cwd, timeout=timeout
    )
    print(result.stdout, result.stderr)
    return result


@pytest.fixture
def review_repo(tmp_path: Path) -> Iterator[Path]:
    """A git repository holding a review made by `metaethno init`."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    review = tmp_path / "review"
    assert runner.invoke(app, ["init", str(review)]).exit_code == 0
    assert run("git", "init", "-q", cwd=review).returncode == 0
    yield review


def test_manifest_has_the_two_hooks_on_the_whole_review() -> None:
    found = hooks()
    assert list(found) == ["metaethno-check", "metaethno-report"]
    check, report = found["metaethno-check"], found["metaethno-report"]
    assert (check["entry"], check["args"]) == ("metaethno check", [])
    assert (report["entry"], report["args"]) == ("metaethno report", ["--check", "report.md"])
    for hook in (check, report):
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
    review_files = ["metaethno.yaml", "studies/ahmed2014.yaml", "concepts/trust.yml"]
    for path in review_files:
        assert re.search(check["files"], path), path
        assert re.search(report["files"], path), path
    assert re.search(report["files"], "report.md")
    assert not re.search(check["files"], "README.md")


@pytest.mark.parametrize("hook_id", ["metaethno-check", "metaethno-report"])
def test_each_hook_command_passes_on_a_new_review(
    hook_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What pre-commit runs (entry, then args) is a command line that metaethno accepts."""
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    monkeypatch.chdir(tmp_path)
    hook = hooks()[hook_id]
    program, *arguments = hook["entry"].split()
    assert program == "metaethno"
    result = runner.invoke(app, [*arguments, *hook["args"]])
    assert result.exit_code == 0, result.output


def test_init_config_uses_these_hooks_at_this_version(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    config = load_config(str(tmp_path / ".pre-commit-config.yaml"))
    (repo,) = config["repos"]
    assert repo["repo"] == "https://github.com/metaethno/metaethno"
    assert repo["rev"] == f"v{__version__}"
    assert [hook["id"] for hook in repo["hooks"]] == list(hooks())


def local_config(review: Path) -> None:
    """A `repo: local` config that mirrors the manifest's hooks with the installed metaethno."""
    lines = ["repos:", "  - repo: local", "    hooks:"]
    for hook in hooks().values():
        lines += [
            f"      - id: {hook['id']}",
            f"        name: {hook['name']}",
            f"        entry: {hook['entry']}",
            f"        args: {hook['args']}",
            "        language: system",
            "        pass_filenames: false",
            f"        files: '{hook['files']}'",
        ]
    (review / ".pre-commit-config.yaml").write_text("\n".join(lines) + "\n")


def test_hooks_pass_then_catch_a_problem_and_a_stale_report(review_repo: Path) -> None:
    local_config(review_repo)
    run("git", "add", "-A", cwd=review_repo)
    passed = pre_commit("run", "--all-files", cwd=review_repo)
    assert passed.returncode == 0
    assert re.search(r"^metaethno check\.+Passed$", passed.stdout, re.MULTILINE)

    study = review_repo / "studies" / "example2019.yaml"
    study.write_text(study.read_text() + "colour: blue\n")
    run("git", "add", "-A", cwd=review_repo)
    broken = pre_commit("run", "metaethno-check", "--all-files", cwd=review_repo)
    assert broken.returncode == 1
    assert "studies/example2019.yaml:" in broken.stdout
    assert "error ME101 unknown key `colour`" in broken.stdout

    study.write_text(study.read_text().replace("colour: blue\n", "").replace("Talking to", "Talk"))
    run("git", "add", "-A", cwd=review_repo)
    stale = pre_commit("run", "--all-files", cwd=review_repo)
    assert stale.returncode == 1
    assert re.search(r"^metaethno check\.+Passed$", stale.stdout, re.MULTILINE)
    assert "report.md is out of date" in stale.stdout


def package_index_reachable(tmp_path: Path) -> bool:
    """Whether pip can fetch metaethno's build backend and a dependency, as pre-commit will."""
    probe = run(
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest",
        str(tmp_path / "probe"), "hatchling", "typer",
        cwd=tmp_path,
        timeout=120,
    )  # fmt: skip
    return probe.returncode == 0


@pytest.mark.slow
def test_try_repo_installs_the_hooks_and_runs_them(review_repo: Path, tmp_path: Path) -> None:
    """`pre-commit try-repo` on a clone of this repository: the hooks as users get them.

    pre-commit clones the repository and pip-installs metaethno into a virtualenv of its own
    (about 15 seconds), so the hooks run exactly as they will from GitHub.
    """
    if not package_index_reachable(tmp_path):
        pytest.skip("no package index reachable: pre-commit cannot install metaethno's hooks")
    clone = tmp_path / "metaethno"
    clone.mkdir()
    for name in INSTALLABLE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, clone / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, clone / name)
    for command in (("git", "init", "-q"), ("git", "add", "-A"), ("git", "commit", "-qm", "x")):
        assert run(*command, cwd=clone).returncode == 0
    run("git", "add", "-A", cwd=review_repo)

    result = pre_commit("try-repo", str(clone), "--all-files", cwd=review_repo, timeout=600)
    assert result.returncode == 0
    assert re.search(r"^metaethno check\.+Passed$", result.stdout, re.MULTILINE)
    assert re.search(r"^metaethno report is up to date\.+Passed$", result.stdout, re.MULTILINE)
