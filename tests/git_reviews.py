"""Small reviews in git repositories built in tmp_path: two reviewers' branches and an update.

`main` holds the base review (two studies, two concepts, a team of two); branch `ann`
renames `being-heard` to `feeling-heard` and rates alpha2010 high; branch `bob` makes
beta2012's `guarded` refute `trust`; `main`'s second commit adds the study gamma2015.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import BASE_REVIEW

TEAM = 'team:\n  - {id: ann, name: "Ann Archer"}\n  - {id: bob, name: "Bob Baker", role: second reviewer}\n'

GAMMA = """\
id: gamma2015
references:
  - authors: [Gamma, G.]
    year: 2015
    title: Guarded lives
extracted_by: [ann]
concepts:
  - id: doubt
    label: Doubt
  - id: listened
    label: Listened to
"""


def git(repo: Path, *args: str, author: str = "Ann Archer") -> str:
    """Run git in `repo` as `author`, with no user or system configuration."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "reviewer@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "reviewer@example.org",
        "GIT_AUTHOR_DATE": "2024-01-01T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2024-01-01T10:00:00+00:00",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def reviewers_repository(tmp_path: Path) -> Path:
    """The repository of the module's docstring, on `main`."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE_REVIEW, repo)
    config = repo / "metaethno.yaml"
    config.write_text(config.read_text() + TEAM)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Base review")
    git(repo, "checkout", "-q", "-b", "ann")
    git(repo, "mv", "concepts/being-heard.yaml", "concepts/feeling-heard.yaml")
    edit(repo / "concepts/feeling-heard.yaml", "id: being-heard", "id: feeling-heard")
    edit(repo / "concepts/trust.yaml", "being-heard", "feeling-heard")
    # the line of argument's sequence, where the base review gives one
    config.write_text(config.read_text().replace("being-heard", "feeling-heard"))
    edit(repo / "studies/alpha2010.yaml", "rating: moderate", "rating: high")
    edit(repo / "studies/alpha2010.yaml", "concepts:\n", "extracted_by: [ann]\nconcepts:\n")
    git(repo, "commit", "-q", "-am", "Name the concept after the participants' words")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "bob", author="Bob Baker")
    edit(
        repo / "concepts/trust.yaml",
        "concept: guarded\n    relation: reciprocal",
        "concept: guarded\n    relation: refutational\n    note: Guardedness is not trust.",
    )
    edit(repo / "studies/alpha2010.yaml", "concepts:\n", "extracted_by: [bob]\nconcepts:\n")
    git(repo, "commit", "-q", "-am", "Guarded refutes trust", author="Bob Baker")
    git(repo, "checkout", "-q", "main")
    (repo / "studies/gamma2015.yaml").write_text(GAMMA)
    edit(
        repo / "concepts/trust.yaml",
        "includes:",
        "confidence:\n  overall: moderate\nincludes:",
    )
    with (repo / "concepts/trust.yaml").open("a") as file:
        file.write(
            "  - study: gamma2015\n    concept: doubt\n    relation: refutational\n"
            "    note: Doubt stays.\n"
        )
    edit(
        repo / "concepts/being-heard.yaml",
        "links:",
        "  - study: gamma2015\n    concept: listened\n    relation: reciprocal\nlinks:",
    )
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Add Gamma 2015")
    return repo
