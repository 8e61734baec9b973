"""A review's files at a git revision, and the history of its concept files, from git's objects.

Nothing is checked out: files are read with `git ls-tree` and `git cat-file --batch`, the
history with one `git log --raw`, so the work tree and the index are never touched.

Why the `git` command rather than a library: pre-commit does the same, so every machine
that runs metaethno's hook has it, and it adds no dependency. A library (dulwich in pure
Python, pygit2 with libgit2) was not added, so it was not measured: the cost is in the
objects read, and `git cat-file --batch` streams them all in one process, whether for a
revision or for a whole history (three `git` processes in all). bench/compare.py measures
`history` over 500 commits of the bundled example: 0.34 s, far under the 10 s allowed,
which leaves a library nothing to win.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from metaethno.review.loader import CONFIG_FILE, ReviewError
from metaethno.review.paths import MemoryPath, ReviewPath


class GitError(ReviewError):
    """Git cannot give what was asked: no repository, an unknown revision, no git at all."""


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError(
            "git is not installed or not on PATH; install git to read revisions"
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


@dataclass(frozen=True)
class Repository:
    """The git work tree a review folder is in, and the folder's place in it."""

    top: Path
    prefix: str  # the review folder relative to `top`, "" at the top, else ending in "/"

    @classmethod
    def of(cls, folder: Path) -> Repository:
        """The work tree holding `folder`; GitError with a clear message outside one."""
        if not folder.is_dir():
            raise GitError(f"{folder}: no such folder; give the review folder")
        try:
            top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
        except GitError:
            raise GitError(
                f"{folder}: not in a git work tree, so it has no revisions or history to read; "
                "commit the review with git first, or compare two folders"
            ) from None
        relative = folder.resolve().relative_to(Path(top).resolve()).as_posix()
        return cls(Path(top), "" if relative == "." else relative + "/")

    def has_revision(self, revision: str) -> bool:
        """Whether `revision` names a commit (a branch, tag, `HEAD~3`, a hash)."""
        try:
            _git(self.top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        except GitError:
            return False
        return True

    def review_at(self, revision: str) -> MemoryPath:
        """The review folder's files at `revision`, as the loader reads them."""
        if not self.has_revision(revision):
            raise GitError(
                f"{revision}: neither a folder nor a git revision of {self.top}; "
                "give a folder, a branch, a tag or a commit such as HEAD~1"
            )
        listing = _git(
            self.top, "ls-tree", "-r", "-z", "--full-tree", revision, "--", self.prefix or "."
        )
        names: list[str] = []
        objects: list[str] = []
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            info, name = entry.split(b"\t", 1)
            _mode, kind, sha = info.split()
            if kind == b"blob":
                names.append(name.decode("utf-8", "surrogateescape")[len(self.prefix) :])
                objects.append(sha.decode())
        files = dict(zip(names, self.blobs(objects), strict=True))
        label = f"{revision}:{self.prefix}"
        if CONFIG_FILE not in files:
            raise GitError(
                f"{label}: no {CONFIG_FILE} at this revision, so the review did not exist yet"
            )
        return MemoryPath(files, label)

    def blobs(self, shas: Iterable[str]) -> list[bytes]:
        """The contents of the blobs `shas`, in order, from one `git cat-file --batch`."""
        wanted = list(shas)
        if not wanted:
            return []
        out = _git(
            self.top, "cat-file", "--batch", stdin="".join(s + "\n" for s in wanted).encode()
        )
        found: list[bytes] = []
        at = 0
        for _ in wanted:
            end = out.index(b"\n", at)
            size = int(out[at:end].split()[2])
            found.append(out[end + 1 : end + 1 + size])
            at = end + 1 + size + 1  # the contents are followed by a newline
        return found

    def commits(self, folder: str) -> Iterator[Commit]:
        """The commits that changed files in `folder` (relative to the review), oldest first,
        each with the files it changed (renames as a removal and an addition)."""
        path = PurePosixPath(self.prefix + folder).as_posix()
        log = _git(
            self.top,
            "log",
            "--reverse",
            "--no-renames",
            "--raw",
            "-z",
            "--no-abbrev",
            "--format=%x01%H%x00%an%x00%aI%x00%s%x00",
            "--",
            path,
        )
        for record in log.split(b"\x01")[1:]:
            fields = record.split(b"\0")
            sha, author, date, subject = (f.decode("utf-8", "replace") for f in fields[:4])
            changes: list[Change] = []
            rest = [f for f in fields[4:] if f]
            for info, name in zip(rest[::2], rest[1::2], strict=False):
                _old_mode, _new_mode, old, new, _status = info.decode().lstrip(":\n").split()
                relative = name.decode("utf-8", "surrogateescape")[len(self.prefix) :]
                changes.append(Change(relative, _blob(old), _blob(new)))
            yield Commit(sha, author, date, subject, tuple(changes))


def _blob(sha: str) -> str | None:
    """None for git's all-zero id, which stands for "no file"."""
    return None if set(sha) == {"0"} else sha


@dataclass(frozen=True)
class Change:
    """One file a commit changed: its blob before and after (None where it did not exist)."""

    path: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Commit:
    """A commit of the history: who made it, when and why, and what it changed."""

    sha: str
    author: str
    date: str
    subject: str
    changes: tuple[Change, ...]


def version(argument: str, review_dir: Path, *, git: bool) -> ReviewPath:
    """What `compare` reads for one of its arguments: the folder it names, unless `git` is
    asked for or no such folder exists; then the review folder at the revision it names."""
    folder = Path(argument)
    if not git and folder.is_dir():
        return folder
    return Repository.of(review_dir).review_at(argument)
