"""What the loader reads a review through: a folder on disk, or files held in memory.

The loader asks a path only what `pathlib.Path` answers (`ReviewPath`), so the same code
reads a review folder and a review taken from elsewhere, e.g. the files of a git commit
(`MemoryPath` over a mapping of relative path to bytes), with the same diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol, Self, TypeVar


class ReviewPath(Protocol):
    """The part of `pathlib.Path` that the loader uses."""

    @property
    def name(self) -> str: ...
    @property
    def stem(self) -> str: ...
    @property
    def suffix(self) -> str: ...
    def __truediv__(self, key: str) -> Self: ...
    def __lt__(self, other: Self) -> bool: ...
    def exists(self) -> bool: ...
    def is_dir(self) -> bool: ...
    def is_file(self) -> bool: ...
    def is_symlink(self) -> bool: ...
    def is_relative_to(self, other: Self) -> bool: ...
    def resolve(self) -> Self: ...
    def iterdir(self) -> Iterator[Self]: ...
    def read_bytes(self) -> bytes: ...


@dataclass(frozen=True, order=True)
class MemoryPath:
    """A path into `files`, a mapping of `/`-separated paths relative to the review to their
    bytes; folders are the paths' prefixes. `label` names the whole (e.g. `HEAD~3:`) in
    messages, as `label` then the path."""

    files: Mapping[str, bytes] = field(compare=False, repr=False)
    label: str = field(compare=False)
    parts: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.label + "/".join(self.parts)

    @property
    def name(self) -> str:
        return self.parts[-1] if self.parts else ""

    @property
    def stem(self) -> str:
        name = self.name
        dot = name.rfind(".")
        return name[:dot] if dot > 0 else name

    @property
    def suffix(self) -> str:
        return self.name[len(self.stem) :]

    def __truediv__(self, key: str) -> MemoryPath:
        parts = self.parts if not key.startswith("/") else ("/",)
        return MemoryPath(self.files, self.label, parts + tuple(p for p in key.split("/") if p))

    @property
    def _key(self) -> str:
        return "/".join(self.parts)

    def exists(self) -> bool:
        return self.is_file() or self.is_dir()

    def is_file(self) -> bool:
        return self._key in self.files

    def is_dir(self) -> bool:
        if not self.parts:
            return True
        prefix = self._key + "/"
        return any(path.startswith(prefix) for path in self.files)

    def is_symlink(self) -> bool:
        return False

    def is_relative_to(self, other: MemoryPath) -> bool:
        return self.parts[: len(other.parts)] == other.parts

    def resolve(self) -> MemoryPath:
        """`.` and `..` taken out, under an anchor that says where the path leads: `.` inside
        the review, `..` above it, `/` to an absolute path; only `.` paths are relative to
        the review's resolved root. Resolved paths are compared, not read."""
        anchor, resolved = ".", list[str]()
        for part in self.parts:
            if part == "/":
                anchor, resolved = "/", []
            elif part == ".." and resolved:
                resolved.pop()
            elif part == "..":
                anchor = ".." if anchor == "." else anchor
            elif part != ".":
                resolved.append(part)
        return MemoryPath(self.files, self.label, (anchor, *resolved))

    def iterdir(self) -> Iterator[MemoryPath]:
        prefix = self._key + "/" if self.parts else ""
        names = {p[len(prefix) :].split("/", 1)[0] for p in self.files if p.startswith(prefix)}
        return (self / name for name in sorted(names))

    def read_bytes(self) -> bytes:
        try:
            return self.files[self._key]
        except KeyError:
            raise FileNotFoundError(2, "No such file", str(self)) from None


P = TypeVar("P", bound=ReviewPath)


def resolved(path: P) -> P | None:
    """Where `path` leads, links followed; None for a name no file can have or a loop of links."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None
