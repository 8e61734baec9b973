"""Writing output: atomically, never over a user's file without --force, with clear errors."""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from pathlib import Path

import pytest

from metaethno.output import OutputExistsError, read_existing, unified_diff, write_output


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

    monkeypatch.setattr("metaethno.output.tempfile.mkstemp", mkstemp_then_someone_else_writes)
    with pytest.raises(OutputExistsError):
        write_output(target, "this run's study")
    assert target.read_text() == "the other run's study"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ahmed2014.yaml"]


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
