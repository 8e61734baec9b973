"""`metaethno init`: a new review that passes check, and a folder that is never clobbered."""

from __future__ import annotations

import errno
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from metaethno import __version__
from metaethno.cli import app
from metaethno.review.yaml_reader import read_yaml

runner = CliRunner()

REVIEW_FILES = [
    ".github/workflows/metaethno.yml",
    ".metaethno/schema/concept.schema.json",
    ".metaethno/schema/metaethno.schema.json",
    ".metaethno/schema/study.schema.json",
    ".pre-commit-config.yaml",
    "README.md",
    "concepts/being-heard.yaml",
    "metaethno.yaml",
    "report.md",
    "studies/example2019.yaml",
    "studies/example2021.yaml",
]


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def init(folder: Path, *options: str) -> Any:
    result = runner.invoke(app, ["init", str(folder), *options])
    print(result.output)
    return result


def test_init_writes_a_review_that_check_passes(tmp_path: Path) -> None:
    review = tmp_path / "new-review"
    result = init(review)
    assert result.exit_code == 0
    assert files_in(review) == REVIEW_FILES
    assert result.stdout.startswith(f"Started a review in {review}:\n  metaethno.yaml\n")
    assert "metaethno check" in result.stdout

    checked = runner.invoke(app, ["check", str(review), "--strict"])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == ""
    assert checked.stderr == "2 studies, 1 concept: no problems\n"


def test_report_written_by_init_is_up_to_date(tmp_path: Path) -> None:
    init(tmp_path / "r")
    report = tmp_path / "r" / "report.md"
    result = runner.invoke(app, ["report", str(tmp_path / "r"), "--check", str(report)])
    assert result.exit_code == 0, result.output


def test_title_is_written_as_yaml_and_markdown(tmp_path: Path) -> None:
    title = 'Trust: "earned" | slowly # really'
    assert init(tmp_path / "r", "--title", title).exit_code == 0
    config = read_yaml((tmp_path / "r" / "metaethno.yaml").read_bytes(), "metaethno.yaml")
    assert config.data["title"] == title
    readme = (tmp_path / "r" / "README.md").read_text()
    assert readme.startswith('# Trust: "earned" \\| slowly # really\n')


def test_empty_title_is_refused(tmp_path: Path) -> None:
    result = init(tmp_path / "r", "--title", " ")
    assert result.exit_code == 2
    assert "the title is empty" in result.stderr
    assert not (tmp_path / "r" / "metaethno.yaml").exists()


def test_every_field_of_metaethno_yaml_is_explained(tmp_path: Path) -> None:
    init(tmp_path / "r")
    text = (tmp_path / "r" / "metaethno.yaml").read_text()
    fields = [
        "title",
        "question",
        "authors",
        "studies",
        "concepts",
        "translation_order",
        "index_study",
        "order_rationale",
        "framework",
        "line_of_argument",
    ]
    lines = text.splitlines()
    for field in fields:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
        assert lines[index - 1].startswith("#"), f"{field} has no comment above it"


def test_each_yaml_file_names_its_schema_and_validates_against_it(tmp_path: Path) -> None:
    review = tmp_path / "r"
    init(review)
    yaml_files = [p for p in files_in(review) if p.endswith(".yaml") and "/." not in "/" + p]
    assert yaml_files == [
        "concepts/being-heard.yaml",
        "metaethno.yaml",
        "studies/example2019.yaml",
        "studies/example2021.yaml",
    ]
    for relative in yaml_files:
        path = review / relative
        first = path.read_text().splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{relative} does not start with a schema comment"
        schema_path = (path.parent / match.group(1)).resolve()
        assert schema_path.is_relative_to(review.resolve() / ".metaethno" / "schema")
        schema = json.loads(schema_path.read_text())
        data = read_yaml(path.read_bytes(), relative).data
        as_json = json.loads(json.dumps(data))  # mapping keys become strings, as in JSON
        assert list(jsonschema.Draft7Validator(schema).iter_errors(as_json)) == [], relative


def test_pre_commit_and_workflow_use_this_version(tmp_path: Path) -> None:
    init(tmp_path / "r")
    config = read_yaml((tmp_path / "r" / ".pre-commit-config.yaml").read_bytes(), "c").data
    assert config == {
        "repos": [
            {
                "repo": "https://github.com/metaethno/metaethno",
                "rev": f"v{__version__}",
                "hooks": [{"id": "metaethno-check"}, {"id": "metaethno-report"}],
            }
        ]
    }
    workflow = read_yaml(
        (tmp_path / "r" / ".github" / "workflows" / "metaethno.yml").read_bytes(), "w"
    ).data
    runs = [step.get("run") for step in workflow["jobs"]["check"]["steps"]]
    assert runs[-3:] == [
        f'python -m pip install "metaethno=={__version__}"',
        "metaethno check",
        "metaethno report --check report.md",
    ]


def test_non_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = init(tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: {tmp_path} is not empty (notes.txt); give a new or empty folder, or pass "
        "--force to add the review's files to it (existing files are kept, never overwritten)\n"
    )
    assert files_in(tmp_path) == ["notes.txt"]


def test_a_folder_with_only_git_counts_as_empty(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert init(tmp_path).exit_code == 0
    assert (tmp_path / "metaethno.yaml").is_file()


def test_force_adds_files_but_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("my own readme\n")
    result = init(tmp_path, "--force")
    assert result.exit_code == 0
    assert (tmp_path / "README.md").read_text() == "my own readme\n"
    assert "  README.md (kept: it exists already)\n" in result.stdout
    assert files_in(tmp_path) == REVIEW_FILES
    assert runner.invoke(app, ["check", str(tmp_path)]).exit_code == 0


def test_force_with_a_broken_kept_file_skips_the_report(tmp_path: Path) -> None:
    (tmp_path / "metaethno.yaml").write_text("title: Mine\ncolour: blue\n")
    result = init(tmp_path, "--force")
    assert result.exit_code == 0
    assert (tmp_path / "metaethno.yaml").read_text() == "title: Mine\ncolour: blue\n"
    assert not (tmp_path / "report.md").exists()
    assert "report.md not written" in result.stderr


def test_force_names_a_folder_where_a_file_would_go(base_review: Path) -> None:
    (base_review / ".metaethno" / "schema" / "study.schema.json").mkdir(parents=True)
    result = init(base_review, "--force")
    assert result.exit_code == 0
    assert result.stdout == (
        f"Added metaethno's tooling to the review in {base_review}; its metaethno.yaml, "
        "studies and concepts are left as they are:\n"
        "  .pre-commit-config.yaml\n"
        "  .github/workflows/metaethno.yml\n"
        "  .metaethno/schema/metaethno.schema.json\n"
        "  .metaethno/schema/concept.schema.json\n"
        "  report.md\n"
        "  .metaethno/schema/study.schema.json (not written: it is a folder)\n"
    )


TOOLING = [
    ".pre-commit-config.yaml",
    ".github/workflows/metaethno.yml",
    ".metaethno/schema/metaethno.schema.json",
    ".metaethno/schema/study.schema.json",
    ".metaethno/schema/concept.schema.json",
]


def test_force_in_a_review_adds_only_the_missing_tooling(base_review: Path) -> None:
    (base_review / ".pre-commit-config.yaml").write_text("repos: []  # mine\n")
    before = files_in(base_review)
    result = init(base_review, "--force")
    assert result.exit_code == 0
    assert result.stdout == (
        f"Added metaethno's tooling to the review in {base_review}; its metaethno.yaml, "
        "studies and concepts are left as they are:\n"
        "  .github/workflows/metaethno.yml\n"
        "  .metaethno/schema/metaethno.schema.json\n"
        "  .metaethno/schema/study.schema.json\n"
        "  .metaethno/schema/concept.schema.json\n"
        "  report.md\n"
        "  .pre-commit-config.yaml (kept: it exists already)\n"
    )
    assert result.stderr == ""
    assert (base_review / ".pre-commit-config.yaml").read_text() == "repos: []  # mine\n"
    assert files_in(base_review) == sorted([*before, *TOOLING[1:], "report.md"])
    checked = runner.invoke(app, ["check", str(base_review)])
    assert checked.stderr == "2 studies, 2 concepts: no problems\n"

    again = init(base_review, "--force")
    assert again.exit_code == 0
    assert again.stdout == (
        f"Nothing to add to the review in {base_review}: it has metaethno's tooling.\n"
        + "".join(f"  {path} (kept: it exists already)\n" for path in [*TOOLING, "report.md"])
    )


def fail_to_write_in(monkeypatch: pytest.MonkeyPatch, folder_name: str) -> None:
    """A stand-in for a folder that cannot be written in (a read-only `.github/workflows`):
    tests run as root too, for whom permissions do not stop a write."""
    real_mkstemp = tempfile.mkstemp

    def mkstemp(dir: Path, prefix: str, suffix: str) -> tuple[int, str]:
        if Path(dir).name == folder_name:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkstemp(dir=dir, prefix=prefix, suffix=suffix)

    monkeypatch.setattr("metaethno.render.output.tempfile.mkstemp", mkstemp)


def test_init_that_fails_part_way_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = tmp_path / "r"
    fail_to_write_in(monkeypatch, "workflows")
    result = init(review)
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: {review}/.github/workflows/metaethno.yml: cannot write in the folder "
        f"{review}/.github/workflows (Permission denied); nothing was written\n"
    )
    assert result.stdout == ""
    assert not review.exists()


def test_init_that_fails_part_way_keeps_what_was_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "tests.yml").write_text("mine too")
    fail_to_write_in(monkeypatch, "workflows")
    result = init(tmp_path, "--force")
    assert result.exit_code == 2
    assert result.stderr.endswith("(Permission denied); nothing was written\n")
    assert files_in(tmp_path) == [".github/workflows/tests.yml", "notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".github", "notes.txt"]


def test_suggested_commands_are_quoted_for_the_shell(tmp_path: Path) -> None:
    review = tmp_path / "my review"
    result = init(review)
    assert result.stdout.splitlines()[-1] == (
        f"Next: cd '{review}', replace the example studies and concept with your own "
        "(metaethno new study ID, metaethno new concept ID), and run metaethno check."
    )
    broken = tmp_path / "their review"
    broken.mkdir()
    (broken / "metaethno.yaml").write_text("title: Mine\ncolour: blue\n")
    result = init(broken, "--force")
    assert result.exit_code == 0
    assert result.stderr == (
        "metaethno: report.md not written, since the review has errors: run metaethno check "
        f"'{broken}', then metaethno report '{broken}' -o '{broken}/report.md'\n"
    )


def test_a_file_instead_of_a_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("")
    result = init(target)
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr
    assert "Traceback" not in result.output


def test_help_describes_force() -> None:
    result = runner.invoke(app, ["init", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "never overwritten" in result.stdout
