"""Time `metaethno suggest` on a synthetic review of 50,000 study concepts, against its target.

Usage: python bench/suggest.py [--studies 6250] [--untranslated-fraction 0.25] [--repeat 1]
                               [--workdir build/bench] [--metaethno PATH] [--seed 1]
                               [--fail-on-miss]

The review is bench/generate_review.py's, 8 concepts a study, with a fraction of each study's
concepts left untranslated so there is something to suggest. Like run.py, every measurement is
a whole process as a user runs it: `metaethno suggest DIR --format yaml -o FILE`, which loads
and checks the review, suggests, and writes the YAML; `metaethno check DIR` is timed beside it
to show how much of that is loading the review. Wall time and the child's peak resident
memory, the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from floor import review_files
from generate_review import STUDY_CONCEPTS, generate_review
from run import GENERATOR, ROOT, Launcher, Timing, check_problem, metaethno_executable, shout

TARGET_SECONDS = 60.0
TARGET_CONCEPTS = 50_000


def cache_key(studies: int, fraction: float, seed: int) -> str:
    """Identify a generated review: a changed generator must not reuse old files."""
    digest = hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16]
    return f"studies={studies} untranslated={fraction} seed={seed} generator={digest}\n"


def ensure_review(workdir: Path, studies: int, fraction: float, seed: int) -> Path:
    """Return workdir/suggest-<studies>, generating it unless the same review is there."""
    name = f"suggest-{studies}"
    review = workdir / name
    key_file = workdir / f"{name}.key"
    key = cache_key(studies, fraction, seed)
    if review.is_dir() and key_file.is_file() and key_file.read_text() == key:
        return review
    print(f"generating a review of {studies} studies in {review}", file=sys.stderr)
    staging = workdir / f"{name}.tmp"
    for stale in (staging, review):
        if stale.exists():
            shutil.rmtree(stale)
    key_file.unlink(missing_ok=True)
    workdir.mkdir(parents=True, exist_ok=True)
    generate_review(staging, studies, seed, untranslated_fraction=fraction)
    staging.rename(review)
    key_file.write_text(key)
    return review


def untranslated_per_study(fraction: float) -> int:
    """How many of a study's concepts generate_review leaves untranslated."""
    return min(STUDY_CONCEPTS - 1, round(fraction * STUDY_CONCEPTS))


def suggest_problem(timing: Timing, output: Path) -> str | None:
    """Why a suggest run does not count, or None when it wrote suggestions."""
    for run in timing.runs:
        if run.code != 0:
            return f"exit {run.code}"
    if not output.is_file() or "translations:" not in output.read_text(encoding="utf-8"):
        return "no suggestions were written"
    return None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line, checked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--studies",
        type=int,
        default=TARGET_CONCEPTS // STUDY_CONCEPTS,
        help=f"studies of {STUDY_CONCEPTS} concepts (default {TARGET_CONCEPTS // STUDY_CONCEPTS})",
    )
    parser.add_argument(
        "--untranslated-fraction",
        type=float,
        default=0.25,
        metavar="F",
        help="fraction of each study's concepts left untranslated (default 0.25)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (default 1)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=ROOT / "build" / "bench",
        help="where the generated review is cached (default build/bench)",
    )
    parser.add_argument("--metaethno", help="metaethno executable (default: the venv's)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--fail-on-miss", action="store_true", help="exit 1 when the target is missed"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.studies < 2:  # generate_review's own minimum
        parser.error("--studies must be at least 2")
    if not 0 < args.untranslated_fraction < 1:
        parser.error("--untranslated-fraction must be more than 0 and less than 1")
    args.metaethno = metaethno_executable(parser, args.metaethno)
    return args


def main(argv: list[str] | None = None) -> int:
    """Time suggest and check on the generated review, print them and the target."""
    args = parse_args(argv)
    metaethno: str = args.metaethno
    review = ensure_review(args.workdir, args.studies, args.untranslated_fraction, args.seed)
    concepts = args.studies * STUDY_CONCEPTS
    untranslated = args.studies * untranslated_per_study(args.untranslated_fraction)
    files = review_files(review)
    megabytes = sum(path.stat().st_size for path in files) / 1e6
    with tempfile.TemporaryDirectory() as scratch, Launcher(Path(scratch)) as launcher:
        about = launcher.run([metaethno, "--version"])
        print(f"metaethno: {metaethno} ({about.output.strip() or f'exit {about.code}'})")
        print(f"python: {sys.executable} ({platform.python_version()}), {platform.platform()}")
        print()
        output = Path(scratch) / "suggestions.yaml"
        command = [metaethno, "suggest", str(review), "--format", "yaml"]
        command += ["-o", str(output), "--force"]
        print(f"timing suggest and check, {args.repeat} run(s) each", file=sys.stderr)
        suggest = launcher.measure(command, args.repeat)
        problem = suggest_problem(suggest, output)
        written = output.stat().st_size / 1e6 if output.is_file() else 0.0
        check = launcher.measure([metaethno, "check", str(review)], args.repeat)
    if problem:
        shout(
            [
                f"metaethno suggest FAILED on the generated review ({problem}):",
                "its timing means nothing. First lines of its output:",
                *suggest.runs[0].output.splitlines()[:20],
            ]
        )
    check_failed = check_problem(check.runs[0])

    print(
        f"review: {args.studies} studies, {concepts:,} study concepts ({untranslated:,} left "
        f"out of the reciprocal translations), {len(files)} files, {megabytes:.1f} MB"
    )
    header = f"{'command':<40} {'wall s':>8} {'peak MiB':>9}"
    print(header)
    print("-" * len(header))
    print(f"{'suggest --format yaml -o FILE':<40} {suggest.wall:>8.2f} {suggest.peak_mib:>9.1f}")
    check_text = "check" + (" (FAILED)" if check_failed else "")
    print(f"{check_text:<40} {check.wall:>8.2f} {check.peak_mib:>9.1f}")
    print(f"suggestions written: {written:.1f} MB")
    print()
    met = problem is None and suggest.wall < TARGET_SECONDS
    verdict = "MET" if met else "MISSED"
    shown = f"{suggest.wall:.1f} s" if problem is None else "suggest failed"
    print("targets:")
    print(
        f"  {verdict:<12} suggest on {concepts:,} study concepts < {TARGET_SECONDS:.0f} s ({shown})"
    )
    return 1 if args.fail_on_miss and not met else 0


if __name__ == "__main__":
    sys.exit(main())
