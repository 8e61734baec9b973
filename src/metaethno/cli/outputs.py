"""Where a command's output goes: refused early when it cannot be written, its format from
`--format` or the file's suffix, and a line on standard error once it is written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import typer

from metaethno.cli.core import fail
from metaethno.cli.progress import RUN, step


def write_result(
    output: Path | None,
    content: str | bytes,
    force: bool,
    protected: Sequence[Path],
    detail: str = "",
) -> None:
    """`write_output`, then one line on standard error naming the file written and, after a
    colon, `detail` (no line for standard output, or with --quiet)."""
    from metaethno.render.output import write_output

    if output is None:
        write_output(output, content, force, protected)
        return
    with step(f"Writing {output}"):
        write_output(output, content, force, protected)
    say_written(output, detail)


def write_results(
    folder: Path, files: Mapping[str, str | bytes], force: bool, protected: Sequence[Path]
) -> None:
    """`write_result` for several files of one folder (created if missing), checked before with
    `check_outputs`: one line naming the folder and its files."""
    from metaethno.render.output import write_output

    folder.mkdir(parents=True, exist_ok=True)
    with step(f"Writing {folder}"):
        for name, content in files.items():
            write_output(folder / name, content, force, protected)
    say_written(folder, ", ".join(files))


def say_written(path: Path, detail: str = "") -> None:
    """The one line on standard error after a file is written: `wrote PATH: DETAIL`."""
    if not RUN.quiet:
        typer.echo(f"wrote {path}{': ' if detail else ''}{detail}", err=True)


def review_inputs(review_dir: Path) -> tuple[Path, ...]:
    """The review's own files, which no command writes: metaethno.yaml and the studies and
    concepts folders it names (the default names if it cannot be read)."""
    from metaethno.review.loader import CONFIG_FILE, ReviewError, load_config

    try:  # metaethno.yaml alone: this runs before the review is loaded
        return load_config(review_dir).inputs
    except ReviewError:
        return (review_dir / CONFIG_FILE, review_dir / "studies", review_dir / "concepts")


def enclosing_review_inputs(folder: Path) -> tuple[Path, ...]:
    """The own files of the review that `folder` is in, if it is in one: for a command that
    writes into a folder without being given the review."""
    from metaethno.review.loader import CONFIG_FILE

    start = folder.resolve()
    for candidate in (start, *start.parents):
        if (candidate / CONFIG_FILE).is_file():
            return review_inputs(candidate)
    return ()


def prepare_output(
    review_dir: Path, output: Path | None, force: bool, others: Sequence[Path] = ()
) -> tuple[Path, ...]:
    """Refuse an output that cannot be written before the review is loaded (loading and
    rendering a large review takes minutes), and return the review's own files, and those of
    the `others` review folders a command reads, for `write_output` to refuse again at the
    moment of writing."""
    from metaethno.render.output import check_output

    protected = tuple(path for folder in (review_dir, *others) for path in review_inputs(folder))
    if output is not None:
        check_output(output, force, protected)
    return protected


E = TypeVar("E", bound=StrEnum)


def output_format(given: E | None, output: Path | None, suffixes: Mapping[str, E], default: E) -> E:
    """The format a command writes: `--format` if given, else the one of the output file's
    suffix, else `default`; a `--format` that contradicts the suffix is a usage error."""
    known = suffixes.get(output.suffix.lower()) if output is not None else None
    if given is not None and known is not None and given is not known:
        raise fail(
            f"--format {given.value} does not match the output file {output}, which is "
            f"{known.value} by its suffix; drop --format or change the file name"
        )
    return given or known or default
