"""What the root options ask of the whole run, and the progress display on standard error.

Kept apart from `core` so that every command module and the shared helpers can use them
without importing the app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class RunSettings:
    """What the options ask of the whole run: set by `root` before the command runs, and
    `quiet` by a command's own -q too (`RootGroup`)."""

    quiet: bool = False
    progress: Callable[[int, int], None] | None = None


RUN = RunSettings()


@contextmanager
def step(description: str) -> Iterator[None]:
    """Show `description` with a spinner and the time taken, on standard error, while the block
    runs: only where standard error is a terminal, never in a pipe, in CI or with --quiet.
    Work in the block reports its progress, (done, total), through `progress`. The display is
    cleared when the block ends."""
    if RUN.quiet or os.environ.get("CI") or not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    display = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with display:
        task = display.add_task(description, total=None)

        def shown(done: int, total: int) -> None:
            display.update(task, description=f"{description}: {done} of {total}")

        RUN.progress = shown
        try:
            yield
        finally:
            RUN.progress = None


def progress(done: int, total: int) -> None:
    """Tell the running `step`'s display how far its work is, if it has one."""
    if RUN.progress is not None:
        RUN.progress(done, total)
