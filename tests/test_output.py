"""Writing output: atomically, never over a user's file without --force, with clear errors."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from metaethno.cli import app
from metaethno.render.output import (
    OutputExistsError,
    ProtectedInputError,
    read_existing,
    unified_diff,
    write_output,
)


def test_writes_a_new_file_exactly(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_output(target, "# Report\n\nline\n")
    assert target.read_bytes() == b"# Report\n\nline\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("mine")
    with pytest.raises(OutputExistsError) as raised:
        write_output(target, "new")
    assert raised.value.filename == str(target)
    assert raised.value.strerror == "already exists; pass --force to overwrite it"
    assert target.read_text() == "mine"


def test_overwrites_with_force_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(0o640)
    write_output(target, "new", force=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_output(tmp_path / "report.md", "text")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space left"):
        write_output(target, "new", force=True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_missing_folder_is_reported_not_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as raised:
        write_output(tmp_path / "build" / "report.md", "text")
    assert "does not exist; create it first" in str(raised.value.strerror)
    assert not (tmp_path / "build").exists()


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_output(tmp_path, "text", force=True)


def test_no_path_writes_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    write_output(None, "to stdout\n")
    assert capsys.readouterr().out == "to stdout\n"


def test_read_existing_and_diff(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    assert read_existing(target) is None
    target.write_text("a\nb\n")
    assert read_existing(target) == "a\nb\n"
    assert unified_diff("a\nb\n", "a\nc\n", target).splitlines() == [
        f"--- {target}",
        f"+++ {target} (rendered now)",
        "@@ -1,2 +1,2 @@",
        " a",
        "-b",
        "+c",
    ]


def test_a_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    """`-o /dev/null` must never turn the device into a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_symlink_keeps_pointing_at_the_rewritten_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    write_output(link, "new\n", force=True)
    assert link.is_symlink()
    assert target.read_text() == "new\n"


def test_a_previous_output_that_is_not_utf8_reads_as_stale_text(tmp_path: Path) -> None:
    previous = tmp_path / "report.md"
    previous.write_bytes(b"# Report\n\xfa\xfb\n")
    assert read_existing(previous) == "# Report\n\ufffd\ufffd\n"


def test_a_file_that_appears_while_writing_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run creates the file between the "exists?" test and the write: it is kept."""
    target = tmp_path / "ahmed2014.yaml"
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_someone_else_writes(dir: Path, prefix: str, suffix: str) -> tuple[int, str]:
        result = real_mkstemp(dir=dir, prefix=prefix, suffix=suffix)
        target.write_text("the other run's study")
        return result

    monkeypatch.setattr(
        "metaethno.render.output.tempfile.mkstemp", mkstemp_then_someone_else_writes
    )
    with pytest.raises(OutputExistsError):
        write_output(target, "this run's study")
    assert target.read_text() == "the other run's study"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ahmed2014.yaml"]


def test_a_file_system_without_hard_links_still_gets_the_file_created_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where os.link is not allowed (some network and FAT file systems) the file is created
    with O_EXCL and the finished text copied in: whole, and never over an existing file."""

    def no_hard_links(*_: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("metaethno.render.output.os.link", no_hard_links)
    text = "é “quoted” ¶ \N{GRINNING FACE}\n" * 200_000  # several slices, non-ASCII at their edges
    target = tmp_path / "report.md"
    write_output(target, text)
    assert target.read_text(encoding="utf-8") == text
    with pytest.raises(OutputExistsError):
        write_output(target, "new")
    assert target.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_runs_at_once_create_a_file_once(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def run(number: int) -> None:
        barrier.wait()
        try:
            write_output(target, f"run {number}")
            outcomes.append(f"run {number}")
        except OutputExistsError:
            outcomes.append("refused")

    threads = [threading.Thread(target=run, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    written = [o for o in outcomes if o != "refused"]
    assert len(written) == 1
    assert target.read_text() == written[0]


# -- the review's own files, and refusing before the work ----------------------------------

runner = CliRunner()

# Each command that writes a file, with its output option: `{out}` stands for the output path.
WRITING_COMMANDS = {
    "translate": ["translate", "{review}", "-f", "csv", "-o", "{out}"],
    "report": ["report", "{review}", "-o", "{out}"],
    "relate": ["relate", "{review}", "-o", "{out}"],
    "graph": ["graph", "{review}", "-o", "{out}"],
    "suggest": ["suggest", "{review}", "-o", "{out}"],
    "export qdc": ["export", "qdc", "{review}", "-o", "{out}"],
    "export xlsx": ["export", "xlsx", "{review}", "-o", "{out}"],
}


def run(command: str, review: Path, out: Path | str, *options: str) -> Result:
    words = [w.format(review=review, out=out) for w in WRITING_COMMANDS[command]]
    result = runner.invoke(app, [*words, *options])
    print(result.output)
    return result


def protected_message(path: Path | str, each: bool = False) -> str:
    return (
        f"metaethno: {path}: {'each ' if each else ''}is one of the review's own files "
        "(metaethno.yaml, a file its `methods` name, or in its studies or concepts folder), "
        "which metaethno never writes, even with --force; give an output file outside them\n"
    )


@pytest.mark.parametrize("command", WRITING_COMMANDS)
@pytest.mark.parametrize(
    "target",
    ["metaethno.yaml", "studies/alpha2010.yaml", "concepts/trust.yaml", "concepts/new.md"],
)
def test_no_command_writes_the_reviews_own_files_even_with_force(
    base_review: Path, command: str, target: str
) -> None:
    before = {p: p.read_bytes() for p in base_review.rglob("*") if p.is_file()}
    result = run(command, base_review, base_review / target, "--force")
    assert result.exit_code == 2
    assert result.stderr == protected_message(base_review / target)
    assert {p: p.read_bytes() for p in base_review.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_no_command_writes_a_methods_file_the_review_includes(
    base_review: Path, command: str
) -> None:
    """A `methods` text kept in a Markdown file is the review's own, like its study files."""
    config = base_review / "metaethno.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "methods:\n  rationale:\n    file: why.md\n",
        encoding="utf-8",
    )
    (base_review / "why.md").write_text("Why we did it.\n", encoding="utf-8")
    result = run(command, base_review, base_review / "why.md", "--force")
    assert (result.exit_code, result.stderr) == (2, protected_message(base_review / "why.md"))
    assert (base_review / "why.md").read_text(encoding="utf-8") == "Why we did it.\n"


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_the_reviews_files_are_found_through_relative_paths_and_links(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    config = base_review / "metaethno.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "studies: papers\n", encoding="utf-8")
    (base_review / "studies").rename(base_review / "papers")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "link.yaml").symlink_to(base_review / "papers" / "beta2012.yaml")
    (tmp_path / "elsewhere" / "folder").symlink_to(base_review / "concepts")
    monkeypatch.chdir(tmp_path / "elsewhere")
    for out in (
        "../review/papers/../metaethno.yaml",
        "../review/papers/alpha2010.yaml",
        "link.yaml",
        "folder/trust.yaml",
    ):
        result = run(command, Path("../review"), out, "--force")
        assert (result.exit_code, result.stderr) == (2, protected_message(out))
    # the default folder name is no longer one of the review's: writing there is allowed
    (base_review / "studies").mkdir()
    allowed = base_review / "studies" / "out.data"
    assert run(command, base_review, allowed).exit_code == 0
    assert allowed.exists()


def test_write_output_refuses_the_protected_files_at_the_moment_of_writing(
    tmp_path: Path,
) -> None:
    (tmp_path / "studies").mkdir()
    for target in (tmp_path / "metaethno.yaml", tmp_path / "studies" / "a.yaml"):
        with pytest.raises(ProtectedInputError):
            write_output(
                target,
                "text",
                force=True,
                protected=[tmp_path / "metaethno.yaml", tmp_path / "studies"],
            )
        assert not target.exists()


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_a_hard_link_to_a_file_in_the_reviews_folders_is_refused(
    base_review: Path, tmp_path: Path, command: str
) -> None:
    (base_review / "concepts" / "notes").mkdir()
    (base_review / "concepts" / "notes" / "draft.md").write_text("mine")
    for inside in ("studies/alpha2010.yaml", "concepts/notes/draft.md"):
        link = tmp_path / f"link-{Path(inside).name}"
        link.hardlink_to(base_review / inside)
        before = (base_review / inside).read_bytes()
        result = run(command, base_review, link, "--force")
        assert (result.exit_code, result.stderr) == (2, protected_message(link))
        assert (base_review / inside).read_bytes() == before


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_an_existing_output_is_refused_before_the_review_is_read(
    base_review: Path, tmp_path: Path, command: str
) -> None:
    (base_review / "studies" / "alpha2010.yaml").write_text("id: [unclosed\n")
    existing = tmp_path / "existing.out"
    existing.write_text("mine")
    result = run(command, base_review, existing)
    assert result.exit_code == 2
    assert result.stderr == f"metaethno: {existing}: already exists; pass --force to overwrite it\n"
    missing = tmp_path / "no-such-folder" / "out.data"
    result = run(command, base_review, missing)
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: {missing}: the folder {missing.parent} does not exist; create it first\n"
    )
    assert existing.read_text() == "mine"


def test_export_csv_refuses_the_reviews_folders(base_review: Path) -> None:
    config = base_review / "metaethno.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "concepts: out/cerqual.csv\n", encoding="utf-8"
    )
    (base_review / "out").mkdir()
    (base_review / "concepts").rename(base_review / "out" / "cerqual.csv")
    before = {p: p.read_bytes() for p in base_review.rglob("*") if p.is_file()}
    every_file = (
        "studies.csv, appraisal.csv, translation-grid.csv, translations.csv, refutations.csv, "
        "cumulative.csv, cerqual.csv"
    )
    for folder in ("studies", "studies/new", "out/cerqual.csv"):
        result = runner.invoke(
            app, ["export", "csv", str(base_review), str(base_review / folder), "--force"]
        )
        assert result.exit_code == 2, result.output
        assert result.stderr == protected_message(
            f"{every_file} in {base_review / folder}", each=True
        )
    result = runner.invoke(app, ["export", "csv", str(base_review), str(base_review / "out")])
    assert result.exit_code == 2, result.output
    assert result.stderr == protected_message(base_review / "out" / "cerqual.csv")
    assert {p: p.read_bytes() for p in base_review.rglob("*") if p.is_file()} == before
    assert not (base_review / "studies" / "new").exists()


def test_export_csv_refuses_existing_files_before_the_review_is_read(
    base_review: Path, tmp_path: Path
) -> None:
    (base_review / "studies" / "alpha2010.yaml").write_text("id: [unclosed\n")
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "cerqual.csv").write_text("mine")
    result = runner.invoke(app, ["export", "csv", str(base_review), str(tmp_path / "csv")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: {tmp_path / 'csv' / 'cerqual.csv'}: already exists; pass --force to "
        "overwrite it\n"
    )


def run_encoded(command: list[str], encoding: str) -> subprocess.CompletedProcess[bytes]:
    """`metaethno COMMAND` as run from a terminal whose encoding is `encoding`."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "metaethno", *command],
        capture_output=True,
        env=env,
        check=False,
    )


UNENCODABLE_WARNING = (
    "metaethno: warning: standard output ({}) cannot show some characters of this output, "
    "shown as '?'; to keep them all, write to a file with -o where the command has it, "
    "or set PYTHONIOENCODING=utf-8\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize(
    "command", [["relate"], ["report"], ["translate", "-f", "csv"], ["translate", "-f", "table"]]
)
def test_a_standard_output_that_cannot_encode_a_character_gets_a_replacement(
    base_review: Path, encoding: str, command: list[str]
) -> None:
    concept = base_review / "concepts" / "trust.yaml"
    text = concept.read_text(encoding="utf-8")
    concept.write_text(text.replace("label: Trust", "label: Trust ✓ 信頼"), encoding="utf-8")
    result = run_encoded([*command, str(base_review)], encoding)
    assert result.returncode == 0, result.stderr
    assert "Trust ? ??" in result.stdout.decode(encoding)
    assert result.stderr.decode() == UNENCODABLE_WARNING.format(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize("check_format", ["text", "json", "github"])
def test_check_quotes_what_standard_output_cannot_encode_with_a_replacement(
    base_review: Path, encoding: str, check_format: str
) -> None:
    study = base_review / "studies" / "alpha2010.yaml"
    study.write_text(study.read_text(encoding="utf-8") + "信任: 1\n", encoding="utf-8")
    result = run_encoded(["check", "-f", check_format, str(base_review)], encoding)
    assert result.returncode == 1, result.stderr
    message = "unknown key `??`; allowed here: id, name, references, context, appraisal, concepts, extracted_by, appraised_by"
    stdout = result.stdout.decode(encoding)
    if check_format == "text":
        assert stdout == f"studies/alpha2010.yaml:26:1: error ME101 {message}\n"
    elif check_format == "github":
        assert stdout == (f"::error file={study},line=26,col=1,title=ME101::{message}\n")
    else:
        assert f'"message": "{message}"' in stdout
    summary = "2 studies, 2 concepts: 1 error, 0 warnings\n" if check_format == "text" else ""
    assert result.stderr.decode() == UNENCODABLE_WARNING.format(encoding) + summary


BIBTEX_UNENCODABLE_FIRST = """\
@article{a,
  author = {Wang, Li},
  title = {信任 First},
  year = {2019},
}
@article{b,
  author = {Smith, John},
  title = {Second},
  year = {2020},
}
"""


def test_import_goes_on_past_a_title_that_standard_output_cannot_encode(
    base_review: Path, tmp_path: Path
) -> None:
    (tmp_path / "refs.bib").write_text(BIBTEX_UNENCODABLE_FIRST, encoding="utf-8")
    result = run_encoded(
        ["import", "references", str(tmp_path / "refs.bib"), "--review", str(base_review)],
        "cp1252",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("cp1252") == (
        f'wrote {base_review}/studies/wang2019.yaml from record 1 ("?? First", key a)\n'
        f'wrote {base_review}/studies/smith2020.yaml from record 2 ("Second", key b)\n'
    )
    assert result.stderr.decode().startswith(
        UNENCODABLE_WARNING.format("cp1252")
        + "2 references: 2 studies written, 0 duplicates skipped, "
        "0 skipped as incomplete or unreadable\n"
    )
    assert "title: 信任 First" in (base_review / "studies" / "wang2019.yaml").read_text("utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_import_writes_every_study_when_its_report_cannot_be_printed(
    base_review: Path, tmp_path: Path
) -> None:
    (tmp_path / "refs.bib").write_text(BIBTEX_UNENCODABLE_FIRST, encoding="utf-8")
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "metaethno",
                "import",
                "references",
                str(tmp_path / "refs.bib"),
                "--review",
                str(base_review),
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.decode() == "metaethno: No space left on device\n"
    assert sorted(p.name for p in (base_review / "studies").iterdir()) == [
        "alpha2010.yaml",
        "beta2012.yaml",
        "smith2020.yaml",
        "wang2019.yaml",
    ]


def test_export_csv_and_schema_name_every_existing_file_in_one_message(
    base_review: Path, tmp_path: Path
) -> None:
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "studies.csv").write_text("mine")
    (tmp_path / "csv" / "cerqual.csv").write_text("mine")
    result = runner.invoke(app, ["export", "csv", str(base_review), str(tmp_path / "csv")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: studies.csv, cerqual.csv in {tmp_path / 'csv'}: each already exists; "
        "pass --force to overwrite it\n"
    )
    schema = base_review / ".metaethno" / "schema"
    assert runner.invoke(app, ["schema", "--output", str(schema)]).exit_code == 0
    result = runner.invoke(app, ["schema", "--output", str(schema)])
    assert result.exit_code == 2
    assert result.stderr == (
        "metaethno: metaethno.schema.json, study.schema.json, concept.schema.json in "
        f"{schema}: each already exists; pass --force to overwrite it (after upgrading "
        "metaethno, that is what you want)\n"
    )
    result = runner.invoke(app, ["schema", "--output", str(base_review / "studies"), "--force"])
    assert result.exit_code == 2
    assert result.stderr == protected_message(
        "metaethno.schema.json, study.schema.json, concept.schema.json in "
        f"{base_review / 'studies'}",
        each=True,
    )
