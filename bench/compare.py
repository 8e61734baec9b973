"""Time `compare` on two 3,000-study versions against `check` of one, and `history` over 500
commits of the bundled example. Prints seconds; not a test, since times depend on the machine.

    python bench/compare.py [--studies N] [--commits N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_review import generate_review

EXAMPLE = Path(__file__).resolve().parent.parent
METAETHNO = [sys.executable, "-m", "metaethno"]
GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


def example_history(repo: Path, commits: int) -> None:
    """The bundled example, then `commits` commits, each changing one concept file's note."""
    shutil.copytree(EXAMPLE / "studies", repo / "studies")
    shutil.copytree(EXAMPLE / "concepts", repo / "concepts")
    shutil.copy(EXAMPLE / "metaethno.yaml", repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Example")
    files = sorted((repo / "concepts").glob("*.yaml"))
    for number in range(1, commits):
        path = files[number % len(files)]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("interpretation: ", f"interpretation: ({number}) ", 1))
        git(repo, "commit", "-q", "-am", f"Revise {path.stem} ({number})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=3000)
    parser.add_argument("--commits", type=int, default=500)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        a, b = root / "a", root / "b"
        generate_review(a, options.studies, seed=1)
        shutil.copytree(a, b)
        check = timed([*METAETHNO, "check", str(a)], root)
        compare = timed([*METAETHNO, "compare", str(a), str(b), "-f", "json"], root)
        print(f"check of {options.studies} studies: {check:.2f} s")
        print(f"compare of two: {compare:.2f} s ({compare / check:.2f} x check)")
        repo = root / "history"
        repo.mkdir()
        example_history(repo, options.commits)
        history = timed([*METAETHNO, "history", str(repo), "-f", "csv"], root)
        print(f"history over {options.commits} commits of the example: {history:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
