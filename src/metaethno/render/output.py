"""The one place rendered output reaches the disk or the terminal.

Files are written atomically (a temporary file in the same folder, then
`os.replace`), so a reader never sees half a report, and never over an existing
file without `--force`: without it, the finished file is linked into place,
which fails if the name was taken meanwhile, so creating a file is exclusive. Problems are raised as `OSError`s with the path and a
message saying what to do, which the CLI prints and exits 2 on.
"""

from __future__ import annotations

import difflib
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO


class OutputExistsError(FileExistsError):
    """The output file exists and `--force` was not given."""


class ProtectedInputError(PermissionError):
    """The output would replace one of the review's own files, which not even `--force` allows."""


def check_output(path: Path, force: bool = False, protected: Sequence[Path] = ()) -> None:
    """Raise what `write_output(path, ...)` would raise before writing, so a command can
    refuse before the work: a folder, one of `protected` (files, or folders with
    everything in them), an existing file without `force`, a missing folder."""
    if is_protected(path, protected):
        raise ProtectedInputError(
            errno.EPERM,
            "is one of the review's own files (metaethno.yaml, a file its `methods` name, or in "
            "its studies or concepts folder), which metaethno never writes, even with --force; "
            "give an output file outside them",
            str(path),
        )
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", str(path))
    if path.exists() and not path.is_file():
        return  # /dev/null, /dev/stdout, a named pipe: written through
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not force:
        raise _exists(target)
    if not target.parent.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, f"the folder {target.parent} does not exist; create it first", str(path)
        )


def check_outputs(
    folder: Path, names: Iterable[str], force: bool = False, protected: Sequence[Path] = ()
) -> None:
    """`check_output` for each file `names` of `folder`, which a command writes together (and
    creates `folder` for), so that it writes all of them or none. Files refused for the same
    reason are named in one error; the review's own files are named first, since `--force`
    does not help there."""
    refused: dict[type[OSError], list[OSError]] = {}
    for name in names:
        try:
            check_output(folder / name, force, protected)
        except FileNotFoundError:
            if folder.is_dir():
                raise
        except OSError as error:
            refused.setdefault(type(error), []).append(error)
    if not refused:
        return
    errors = refused.get(ProtectedInputError) or next(iter(refused.values()))
    if len(errors) == 1:
        raise errors[0]
    first = errors[0]
    files = ", ".join(Path(error.filename).name for error in errors)
    raise type(first)(first.errno, f"each {first.strerror}", f"{files} in {folder}")


def is_protected(path: Path, protected: Sequence[Path]) -> bool:
    """Whether `path` is one of `protected` or inside one of them, through `..` and links.

    Besides comparing the resolved paths, what exists is compared by device and inode, so
    another name for the same file or folder (other letter case on macOS, a hard link to
    metaethno.yaml or to any file in the folders) is caught too.
    """
    target = path.resolve()
    resolved = [p.resolve() for p in protected]
    if any(target == p or p in target.parents for p in resolved):
        return True
    identities = {_identity(p) for p in resolved} - {None}
    if any(_identity(candidate) in identities for candidate in (target, *target.parents)):
        return True
    return _hard_link_into(target, resolved)


def _hard_link_into(target: Path, folders: Sequence[Path]) -> bool:
    """Whether `target` is a file that also has a name inside one of `folders`. Only a file
    with more than one name is looked for, so the folders are rarely walked."""
    try:
        status = target.stat()
    except OSError:
        return False
    if status.st_nlink < 2 or not stat.S_ISREG(status.st_mode):
        return False
    identity = (status.st_dev, status.st_ino)
    return any(
        _identity(Path(base, name)) == identity
        for folder in folders
        for base, _, names in os.walk(folder)
        for name in names
    )


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def write_output(
    path: Path | None,
    content: str | bytes,
    force: bool = False,
    protected: Sequence[Path] = (),
) -> None:
    """Write `content` (text as UTF-8) to `path` atomically, or to standard output if `path`
    is None; never to a file of `protected` (see `check_output`)."""
    if path is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
        return
    check_output(path, force, protected)
    if path.exists() and not path.is_file():
        with path.open("wb") as stream:
            _write_encoded(stream, content)
        return
    path = path.resolve() if path.is_symlink() else path  # replace the file, keep the link
    folder = path.parent
    mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
    try:
        descriptor, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:  # name the file the user asked for, not the temporary one
        raise OSError(
            error.errno, f"cannot write in the folder {folder} ({error.strerror})", str(path)
        ) from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            _write_encoded(file, content)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(mode)
        if force:
            temporary.replace(path)  # os.replace: atomic within one file system
        else:
            _link_exclusively(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


# Text is encoded a slice at a time: a whole report encoded at once is another copy of it.
_SLICE = 1 << 20


def _write_encoded(stream: BinaryIO, content: str | bytes) -> None:
    """Write `content` to `stream`, text as UTF-8."""
    if isinstance(content, bytes):
        stream.write(content)
        return
    for start in range(0, len(content), _SLICE):
        stream.write(content[start : start + _SLICE].encode("utf-8"))


def _link_exclusively(temporary: Path, path: Path) -> None:
    """Give the finished temporary file the name `path`, only if nothing has that name yet.

    The test for an existing file and the write are one step (a hard link fails if
    the name is taken), so two runs at once can never overwrite each other's file.
    On a file system without hard links, the file is created with O_EXCL instead.
    """
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        try:
            with path.open("xb") as file, temporary.open("rb") as finished:
                shutil.copyfileobj(finished, file)
        except FileExistsError:
            raise _exists(path) from None


def _exists(path: Path) -> OutputExistsError:
    return OutputExistsError(
        errno.EEXIST, "already exists; pass --force to overwrite it", str(path)
    )


def _default_mode() -> int:
    """The permissions a plain `open(path, "w")` would give: 0o666 less the umask.

    mkstemp makes files only their owner can read, which would surprise anyone
    sharing a report.
    """
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def read_existing(path: Path) -> str | None:
    """The text of a previously written output, or None if there is no such file.

    Bytes that are not UTF-8 read as U+FFFD, so such a file shows as stale, with a diff.
    """
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None


def unified_diff(expected: str, actual: str, path: Path) -> str:
    """What would change in `path` if it were rewritten, as a unified diff."""
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=str(path),
            tofile=f"{path} (rendered now)",
        )
    )
