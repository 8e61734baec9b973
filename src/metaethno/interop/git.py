"""A review's files at a git revision, and the history of its concept files, from git's objects.

Nothing is checked out: files are read with `git ls-tree` and `git cat-file --batch`, the
history with one `git log --raw`, so the work tree and the index are never touched.

Why the `git` command rather than a library: it is faster, and it adds no dependency
(pre-commit needs git too, so every machine that runs metaethno's hook has it). Measured on
the history bench/compare.py makes (the bundled example, then 500 commits each changing one
concept file), reading what `history` reads: the 500 commits with their changed files, and
the 512 blobs of those files (1.2 MB). Best of five, git 2.39, dulwich 1.2.21 with its
compiled extensions, Python 3.11, two cores:

    objects as committed (loose)    after `git gc` (packed)
    0.10 s                          0.02 s     `git log --raw` + `git cat-file --batch`
    0.33 s                          0.22 s     dulwich, `concepts` subtrees compared by id
    0.76 s                          0.40 s     dulwich, its walker filtering by path

The work is reading objects: git's C code does it in two processes, streaming every blob
through one `cat-file --batch`; dulwich parses each tree and commit in Python. The whole
`history` command took 1.0 s and 0.75 s on the same two repositories, mostly in reading the
YAML, so even a faster library would change little.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from metaethno.review.hints import folder_name
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
                f"{folder_name(folder)}: not in a git work tree, so it has no revisions or history to read; "
                "commit the review with git first"
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
            where = f"the folder {self.prefix[:-1]}" if self.prefix else "the repository's top"
            raise GitError(
                f"{revision}: no {CONFIG_FILE} in {where} at this revision, so no review to "
                "compare; --review names the review's folder, read at the same place in every "
                "revision"
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
    try:
        repository = Repository.of(review_dir)
    except GitError:
        if git:
            raise
        raise GitError(
            f"{argument}: no such folder, nor a revision: {folder_name(review_dir)} is not in "
            "a git work tree; give two review folders, or revisions of a review committed "
            "with git"
        ) from None
    return repository.review_at(argument)
