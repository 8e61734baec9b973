"""Time `metaethno check` and start-up against their floors, so speed claims rest on numbers.

Usage: python bench/run.py [--sizes 29,300,3000] [--repeat 3] [--startup-repeat 10]
                           [--workdir build/bench] [--metaethno PATH] [--seed 1]
                           [--commands-at 300,3000] [--large] [--fail-on-miss]

Every measurement is a whole process, as a user runs it: wall time around the child and the
child's own peak resident memory (from wait4), the median of several runs. Run it with the
project's virtualenv Python: its `metaethno` is the one measured by default, and the floor and
the `import typer` baseline run under the same interpreter.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from floor import review_files
from generate_review import generate_review

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GENERATOR = BENCH / "generate_review.py"
FLOOR = BENCH / "floor.py"

CHECK_OVER_FLOOR = 1.25
LINEARITY = 1.5
VERSION_OVER_TYPER = 1.2
MEMORY_OVER_CHECK = 2.0
LARGE = 10000

# Every command a user runs on a review, its output piped or written to a file, with the
# largest wall time it may take as a multiple of `check` on the same review in the same run.
# {review} is the review folder, {out} a scratch folder.
COMMANDS: tuple[tuple[str, float], ...] = (
    *((f"translate {{review}} --format {f}", 2.0) for f in ("table", "markdown", "csv", "json")),
    ("translate {review} --format csv --layout long", 2.0),
    ("report {review} -o {out}/report.md --force", 2.0),
    *((f"relate {{review}} --format {f}", 2.0) for f in ("table", "markdown", "csv", "json")),
    *(
        (f"graph {{review}} --view {v} --format {f}", 2.0)
        for v in ("argument", "synthesis", "studies")
        for f in ("mermaid", "dot", "graphml", "gexf", "json")
    ),
    ("export csv {review} {out}/csv --force", 2.0),
    ("export qdc {review} -o {out}/review.qdc --force", 2.0),
    ("export xlsx {review} -o {out}/review.xlsx --force", 3.0),
    ("suggest {review}", 3.0),
)

# Start-up: --version, and --help of the root and of every command, each against
# `python -c "import typer"`, the import the command line cannot avoid.
STARTUP: tuple[tuple[str, ...], ...] = (
    ("--version",),
    ("--help",),
    *(
        (*command.split(), "--help")
        for command in (
            "check", "translate", "report", "relate", "graph", "suggest", "compare", "history",
            "rule", "init", "schema", "new", "new study", "import references", "export",
            "export xlsx",
        )
    ),
)  # fmt: skip

ERROR_LINE = re.compile(r"^.+:\d+:\d+: error \S+", re.MULTILINE)
WARNING_LINE = re.compile(r"^.+:\d+:\d+: warning \S+", re.MULTILINE)

# Reads "output-file NUL argv..." lines; for each, forks, execs, waits and answers
# "wall-seconds peak-KiB exit-code".
LAUNCHER = r"""
import os, sys, time
for line in sys.stdin:
    log, *argv = line.rstrip("\n").split("\0")
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(out, 1)
            os.dup2(out, 2)
            os.execvp(argv[0], argv)
        except OSError as error:
            os.write(2, f"cannot run {argv[0]}: {error}\n".encode())
        os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    print(wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status), flush=True)
"""


@dataclass(frozen=True)
class Run:
    """One finished child process."""

    wall: float
    peak_kib: int
    code: int
    output: str


@dataclass(frozen=True)
class Timing:
    """The medians of several runs of one command."""

    wall: float
    peak_mib: float
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Row:
    """The results for one review size."""

    size: int
    files: int
    megabytes: float
    check: Timing
    floor: Timing
    check_problem: str | None

    @property
    def ratio(self) -> float:
        """Check wall time over floor wall time."""
        return self.check.wall / self.floor.wall

    @property
    def us_per_study(self) -> float:
        """Check wall time per study, in microseconds: flat when the check is linear."""
        return self.check.wall / self.size * 1e6


@dataclass(frozen=True)
class CommandRow:
    """One command timed on one review, next to `check` on the same review."""

    size: int
    command: str
    limit: float
    timing: Timing
    check: Timing

    @property
    def ratio(self) -> float:
        """Wall time over check's."""
        return self.timing.wall / self.check.wall

    @property
    def memory_ratio(self) -> float:
        """Peak memory over check's."""
        return self.timing.peak_mib / self.check.peak_mib

    @property
    def failed(self) -> bool:
        """Whether a run exited with an error: its timing is not the command's."""
        return any(run.code != 0 for run in self.timing.runs)


class Launcher:
    """A small helper process that starts, times and waits for every measured command.

    Linux counts a child's peak RSS from the size of the process that spawned it (its pages
    count until exec), so children spawned by this process, with its imports and data, would
    never read below its size. The helper is a bare `python -I -S` of a few MiB: it forks,
    execs the command with its output going to a file, and reports the wall time and the
    ru_maxrss (KiB on Linux) of exactly that child, from os.wait4.
    """

    def __init__(self, scratch: Path) -> None:
        """Start the helper; each command's output goes to a file in scratch."""
        self.log = scratch / "output.txt"
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdin is None or self.process.stdout is None:
            raise RuntimeError("the launcher has no pipes")
        self.requests = self.process.stdin
        self.replies = self.process.stdout

    def __enter__(self) -> Launcher:
        """Use as a context manager so the helper always exits."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Close the helper's input; it exits at end of input."""
        self.requests.close()
        self.process.wait()

    def run(self, command: list[str]) -> Run:
        """Run one command to completion and return what it did."""
        self.requests.write("\0".join([str(self.log), *command]) + "\n")
        self.requests.flush()
        reply = self.replies.readline()
        if not reply:
            raise RuntimeError("the launcher process stopped unexpectedly")
        wall, peak_kib, code = reply.split()
        output = self.log.read_text(encoding="utf-8", errors="replace")
        return Run(float(wall), int(peak_kib), int(code), output)

    def measure(self, command: list[str], repeat: int) -> Timing:
        """Run a command `repeat` times and keep the medians."""
        runs = tuple(self.run(command) for _ in range(repeat))
        return Timing(
            wall=statistics.median(run.wall for run in runs),
            peak_mib=statistics.median(run.peak_kib for run in runs) / 1024,
            runs=runs,
        )


def check_problem(run: Run) -> str | None:
    """Why a check run shows the generated review is invalid, or None when it is fine.

    Exit 1 with only warnings is acceptable; an error line, a traceback or any other exit
    code means the generator (or the check) is broken and the timing means nothing.
    """
    if run.code == 0:
        return None
    if run.code == 1 and not ERROR_LINE.search(run.output) and "Traceback" not in run.output:
        return None
    return f"exit {run.code}"


def cache_key(size: int, seed: int) -> str:
    """Identify a generated review: a changed generator must not reuse old files."""
    digest = hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16]
    return f"studies={size} seed={seed} generator={digest}\n"


def ensure_review(workdir: Path, size: int, seed: int) -> Path:
    """Return workdir/<size>, generating it unless a review with the same key is there."""
    review = workdir / str(size)
    key_file = workdir / f"{size}.key"
    key = cache_key(size, seed)
    if review.is_dir() and key_file.is_file() and key_file.read_text() == key:
        return review
    print(f"generating a review of {size} studies in {review}", file=sys.stderr)
    staging = workdir / f"{size}.tmp"
    for stale in (staging, review):
        if stale.exists():
            shutil.rmtree(stale)
    key_file.unlink(missing_ok=True)
    generate_review(staging, size, seed)
    staging.rename(review)
    key_file.write_text(key)
    return review


def default_metaethno() -> str | None:
    """The venv's metaethno next to this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / "metaethno"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("metaethno")


def metaethno_executable(parser: argparse.ArgumentParser, given: str | None) -> str:
    """The executable `--metaethno` names, or the default one; a usage error when there is none."""
    if given is None:
        found = default_metaethno()
        if found is None:
            parser.error("no metaethno executable found: install the project or pass --metaethno")
        return found
    if shutil.which(given) is None:
        parser.error(f"--metaethno {given}: not an executable")
    return given


def shout(lines: list[str]) -> None:
    """Print a message nobody can miss, on stderr."""
    bar = "!" * 78
    print("\n".join([bar, *lines, bar]), file=sys.stderr)


def bench_size(launcher: Launcher, metaethno: str, review: Path, size: int, repeat: int) -> Row:
    """Time check and floor on one generated review."""
    files = review_files(review)
    megabytes = sum(path.stat().st_size for path in files) / 1e6
    print(f"timing {size} studies ({len(files)} files), {repeat} runs each", file=sys.stderr)
    check = launcher.measure([metaethno, "check", str(review)], repeat)
    floor = launcher.measure([sys.executable, str(FLOOR), str(review)], repeat)
    problem = None
    for run in check.runs:
        problem = check_problem(run)
        if problem:
            title = f"metaethno check FAILED on the generated review of {size} studies ({problem})."
            shout(
                [
                    title,
                    "The generator wrote an invalid review or the check broke: the check timings",
                    f"for this size mean nothing. Review: {review}",
                    "First lines of its output:",
                    *run.output.splitlines()[:20],
                ]
            )
            break
    else:
        warnings = len(WARNING_LINE.findall(check.runs[0].output))
        if warnings:
            print(f"note: check reports {warnings} warning(s) on {size} studies", file=sys.stderr)
    for run in floor.runs:
        if run.code != 0:
            shout([f"floor.py failed on {review} (exit {run.code}):", *run.output.splitlines()])
            break
    return Row(size, len(files), megabytes, check, floor, problem)


def print_table(rows: list[Row]) -> None:
    """One line per size; µs/study stays flat when the check is linear."""
    header = (
        f"{'size':>6} {'files':>6} {'MB':>7} {'check s':>8} {'check MiB':>9} "
        f"{'floor s':>8} {'floor MiB':>9} {'check/floor':>11} {'µs/study':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = "INVALID" if row.check_problem else f"{row.ratio:.2f}x"
        print(
            f"{row.size:>6} {row.files:>6} {row.megabytes:>7.2f} {row.check.wall:>8.3f} "
            f"{row.check.peak_mib:>9.1f} {row.floor.wall:>8.3f} {row.floor.peak_mib:>9.1f} "
            f"{ratio:>11} {row.us_per_study:>9.0f}"
        )


def bench_commands(
    launcher: Launcher, metaethno: str, review: Path, row: Row, scratch: Path, repeat: int
) -> list[CommandRow]:
    """Time every command of COMMANDS on one review; `row` holds check's timing on it."""
    found = []
    for command, limit in COMMANDS:
        print(f"timing {command} on {row.size} studies", file=sys.stderr)
        argv = [
            part.format(review=review, out=scratch) for part in command.split()
        ]  # paths hold no spaces: the workdir's and the temporary folder's
        timing = launcher.measure([metaethno, *argv], repeat)
        label = re.sub(r"\{out\}/(\S+)", lambda m: "DIR" if m[1] == "csv" else "FILE", command)
        result = CommandRow(row.size, label.replace(" {review}", ""), limit, timing, row.check)
        if result.failed:
            failed = next(run for run in timing.runs if run.code != 0)
            shout([f"{command} failed on {row.size} studies:", *failed.output.splitlines()[-10:]])
        found.append(result)
    return found


def print_commands(rows: list[CommandRow]) -> None:
    """One line per command and size: wall time and peak memory, and both over check's."""
    width = max(len(row.command) for row in rows)
    header = (
        f"{'command':<{width}} {'size':>6} {'wall s':>8} {'x check':>8} {'limit':>6} "
        f"{'peak MiB':>9} {'x check':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = "FAILED" if row.failed else f"{row.ratio:.2f}x"
        print(
            f"{row.command:<{width}} {row.size:>6} {row.timing.wall:>8.2f} {ratio:>8} "
            f"{row.limit:>5.0f}x {row.timing.peak_mib:>9.1f} {row.memory_ratio:>7.2f}x"
        )


def command_targets(rows: list[CommandRow]) -> list[tuple[str, bool | None]]:
    """At the largest size timed: each command's time and peak memory against check's."""
    if not rows:
        return []
    largest = max(row.size for row in rows)
    found: list[tuple[str, bool | None]] = []
    for row in (row for row in rows if row.size == largest):
        shown = "failed" if row.failed else f"{row.ratio:.2f}x, memory {row.memory_ratio:.2f}x"
        text = (
            f"{row.command} <= {row.limit:.0f}x check, memory <= {MEMORY_OVER_CHECK:.0f}x, "
            f"at {largest} studies ({shown})"
        )
        met = not row.failed and row.ratio <= row.limit and row.memory_ratio <= MEMORY_OVER_CHECK
        found.append((text, met))
    return found


def print_startup(
    startup: list[tuple[tuple[str, ...], Timing]], typer: Timing | None, repeat: int
) -> None:
    """Start-up of the CLI next to the import it cannot avoid."""
    print(f"start-up (median of {repeat}):")
    if typer is None:
        print("  python -c 'import typer'        (typer is not importable by this Python)")
    else:
        print(
            f"  python -c 'import typer'        {typer.wall * 1000:7.1f} ms {typer.peak_mib:6.1f} MiB"
        )
    for words, timing in startup:
        ratio = f"{timing.wall / typer.wall:6.2f}x" if typer else ""
        line = f"metaethno {' '.join(words)}"
        print(f"  {line:<31} {timing.wall * 1000:7.1f} ms {timing.peak_mib:6.1f} MiB {ratio}")


def targets(
    rows: list[Row], startup: list[tuple[tuple[str, ...], Timing]], typer: Timing | None
) -> list[tuple[str, bool | None]]:
    """Each target with whether it was met (None: could not be measured).

    A size whose check failed counts as missed: its timing is not a check's.
    """
    largest = rows[-1]
    valid = largest.check_problem is None
    shown = f"{largest.ratio:.2f}x" if valid else "check failed"
    text = f"check <= {CHECK_OVER_FLOOR}x floor at {largest.size} studies ({shown})"
    found: list[tuple[str, bool | None]] = [(text, valid and largest.ratio <= CHECK_OVER_FLOOR)]
    if len(rows) >= 2:
        middle = rows[-2]
        growth = largest.us_per_study / middle.us_per_study
        both_valid = valid and middle.check_problem is None
        text = f"linear: µs/study at {largest.size} <= {LINEARITY}x that at {middle.size}"
        text += f" ({growth:.2f}x)" if both_valid else " (check failed)"
        found.append((text, both_valid and growth <= LINEARITY))
    else:
        found.append(("linear: needs at least two sizes", None))
    for words, timing in startup:
        text = f"metaethno {' '.join(words)} <= {VERSION_OVER_TYPER}x python -c 'import typer'"
        if typer is None or timing.runs[0].code != 0:
            found.append((f"{text} (typer not importable, or the command failed)", None))
        else:
            ratio = timing.wall / typer.wall
            found.append((f"{text} ({ratio:.2f}x)", ratio <= VERSION_OVER_TYPER))
    return found


def verdict(met: bool | None) -> str:
    """MET, MISSED, or NOT MEASURED when there was nothing to compare."""
    return "NOT MEASURED" if met is None else "MET" if met else "MISSED"


def parse_sizes(text: str) -> list[int]:
    """'29,300,3000' -> [29, 300, 3000], sorted, each at least 2."""
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of integers: {text!r}") from None
    if not sizes or sizes[0] < 2:
        raise argparse.ArgumentTypeError("sizes must be integers >= 2")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line, checked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=[29, 300, 3000],
        help="review sizes in studies, comma-separated (default 29,300,3000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument(
        "--startup-repeat", type=int, default=10, help="runs per start-up measurement (default 10)"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=ROOT / "build" / "bench",
        help="where generated reviews are cached (default build/bench)",
    )
    parser.add_argument("--metaethno", help="metaethno executable (default: the venv's)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--commands-at",
        type=parse_sizes,
        help="the sizes at which every command is timed against check (default: those of "
        "--sizes from 300 up; each must be among --sizes)",
    )
    parser.add_argument(
        "--large",
        action="store_true",
        help=f"also time check and every command at {LARGE:,} studies (minutes per command)",
    )
    parser.add_argument(
        "--fail-on-miss", action="store_true", help="exit 1 when a target is missed or not measured"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.startup_repeat < 1:
        parser.error("--repeat and --startup-repeat must be at least 1")
    if args.commands_at is None:
        args.commands_at = [size for size in args.sizes if size >= 300]
    if args.large:
        args.sizes = sorted({*args.sizes, LARGE})
        args.commands_at = sorted({*args.commands_at, LARGE})
    if not set(args.commands_at) <= set(args.sizes):
        parser.error("--commands-at: every size must be among --sizes")
    args.metaethno = metaethno_executable(parser, args.metaethno)
    return args


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the table and the targets."""
    args = parse_args(argv)
    metaethno: str = args.metaethno
    reviews = [ensure_review(args.workdir, size, args.seed) for size in args.sizes]
    with tempfile.TemporaryDirectory() as scratch, Launcher(Path(scratch)) as launcher:
        about = launcher.run([metaethno, "--version"])
        print(f"metaethno: {metaethno} ({about.output.strip() or f'exit {about.code}'})")
        print(f"python: {sys.executable} ({platform.python_version()}), {platform.platform()}")
        print()
        rows = [
            bench_size(launcher, metaethno, review, size, args.repeat)
            for size, review in zip(args.sizes, reviews, strict=True)
        ]
        commands = [
            timed
            for row, review in zip(rows, reviews, strict=True)
            if row.size in args.commands_at
            for timed in bench_commands(
                launcher, metaethno, review, row, Path(scratch), args.repeat
            )
        ]
        startup = [
            (words, launcher.measure([metaethno, *words], args.startup_repeat)) for words in STARTUP
        ]
        baseline = launcher.measure([sys.executable, "-c", "import typer"], args.startup_repeat)
    typer = baseline if baseline.runs[0].code == 0 else None

    print_table(rows)
    print()
    if commands:
        print_commands(commands)
        print()
    print_startup(startup, typer, args.startup_repeat)
    print()
    results = targets(rows, startup, typer) + command_targets(commands)
    print("targets:")
    for text, met in results:
        print(f"  {verdict(met):<12} {text}")
    failed = [row.size for row in rows if row.check_problem]
    if failed:
        shout([f"metaethno check failed on the generated review at sizes {failed}: see above."])
    missed = any(met is not True for _, met in results)
    broken = any(row.failed for row in commands)
    return 1 if args.fail_on_miss and (missed or failed or broken) else 0


if __name__ == "__main__":
    sys.exit(main())
