"""A review's audit trail from its git history: `analysis.history` fed with git's objects."""

from __future__ import annotations

from pathlib import Path

from metaethno.analysis.history import Event, Revision, events
from metaethno.interop.git import Repository
from metaethno.review.loader import load_config, read_file
from metaethno.review.models import Concept


def review_history(review_dir: Path) -> list[Event]:
    """Every change to the synthesised concepts and their translations in the commits that
    touched the concepts folder (as metaethno.yaml names it now), oldest first."""
    repository = Repository.of(review_dir)
    folder = load_config(review_dir).concepts_folder
    commits = list(repository.commits(folder))
    shas = sorted({sha for c in commits for ch in c.changes for sha in (ch.old, ch.new) if sha})
    contents = dict(zip(shas, repository.blobs(shas), strict=True))
    parsed = {sha: read_file(data, sha, Concept) for sha, data in contents.items()}
    return events(
        Revision(
            commit.sha[:7],
            commit.author,
            commit.date,
            commit.subject,
            [
                (
                    change.path,
                    parsed[change.old] if change.old else None,
                    parsed[change.new] if change.new else None,
                )
                for change in changes
                if not change.new or parsed[change.new] is not None
            ],
            [change.path for change in changes if change.new and parsed[change.new] is None],
        )
        for commit in commits
        for changes in [[c for c in commit.changes if c.path.endswith((".yaml", ".yml"))]]
    )
