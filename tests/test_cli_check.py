"""`metaethno check` as a user runs it: output formats, exit codes, colour, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from metaethno import __version__
from metaethno.cli import app

runner = CliRunner()


def add_unknown_key(review: Path) -> None:
    study = review / "studies" / "beta2012.yaml"
    study.write_text(study.read_text() + "colour: blue\n")


def test_clean_review_exits_0_with_a_summary(base_review: Path) -> None:
    result = runner.invoke(app, ["check", str(base_review)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "2 studies, 2 concepts: no problems\n"


def test_errors_exit_1_in_text_format(base_review: Path) -> None:
    add_unknown_key(base_review)
    result = runner.invoke(app, ["check", str(base_review)], env={"GITHUB_ACTIONS": ""})
    assert result.exit_code == 1
    assert result.stdout == (
        "studies/beta2012.yaml:13:1: error ME101 unknown key `colour`; "
        "allowed here: id, name, references, context, appraisal, concepts, extracted_by, appraised_by\n"
    )
    assert result.stderr == "2 studies, 2 concepts: 1 error, 0 warnings\n"


def test_json_format_is_a_stable_object(base_review: Path) -> None:
    add_unknown_key(base_review)
    result = runner.invoke(app, ["check", str(base_review), "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["summary"] == {"studies": 2, "concepts": 2, "errors": 1, "warnings": 0}
    assert document["diagnostics"] == [
        {
            "path": "studies/beta2012.yaml",
            "line": 13,
            "col": 1,
            "severity": "error",
            "code": "ME101",
            "message": "unknown key `colour`; allowed here: id, name, references, context, "
            "appraisal, concepts, extracted_by, appraised_by",
        }
    ]


def test_github_format_is_chosen_on_github_actions(
    base_review: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_unknown_key(base_review)
    monkeypatch.chdir(base_review.parent)
    result = runner.invoke(app, ["check", "review"], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=review/studies/beta2012.yaml,line=13,col=1,title=ME101::"
        "unknown key `colour`; allowed here: id, name, references, context, appraisal, concepts, extracted_by, appraised_by\n"
    )


def test_warnings_pass_unless_strict(base_review: Path) -> None:
    concept = base_review / "concepts" / "trust.yaml"
    concept.write_text(
        "id: trust\nlabel: Trust\nincludes: [being-heard]\ntranslations:\n"
        "  - study: alpha2010\n    concept: wary\n    relation: reciprocal\n"
    )
    relaxed = runner.invoke(app, ["check", str(base_review)])
    strict = runner.invoke(app, ["check", str(base_review), "--strict"])
    expected = [
        "concepts/trust.yaml:4:1: warning ME303",
        "studies/beta2012.yaml:10:9: warning ME301",
    ]
    assert [
        line[: len(e)] for line, e in zip(relaxed.stdout.splitlines(), expected, strict=True)
    ] == expected
    assert relaxed.exit_code == 0
    assert strict.exit_code == 1


def test_missing_folder_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no such folder" in result.stderr
    assert "Traceback" not in result.output


def test_folder_without_config_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "no metaethno.yaml here" in result.stderr


def test_unreadable_file_exits_2(base_review: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_read_bytes = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "beta2012.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = runner.invoke(app, ["check", str(base_review)])
    assert result.exit_code == 2
    assert "cannot read the file" in result.stderr


def test_bad_option_exits_2(base_review: Path) -> None:
    result = runner.invoke(app, ["check", str(base_review), "--format", "xml"])
    assert result.exit_code == 2


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.stdout == f"metaethno {__version__}\n"


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user's shell would, with a controlled environment."""
    command = [sys.executable, "-m", "metaethno", *args]
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(command, env=full_env | env, capture_output=True, text=True, check=False)


def test_no_colour_when_piped_or_no_color(base_review: Path) -> None:
    add_unknown_key(base_review)
    piped = run_cli("check", str(base_review), env={"GITHUB_ACTIONS": ""})
    assert piped.returncode == 1
    assert "\x1b[" not in piped.stdout
    forced = run_cli("check", str(base_review), env={"GITHUB_ACTIONS": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    refused = run_cli(
        "check", str(base_review), env={"GITHUB_ACTIONS": "", "FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert "\x1b[" not in refused.stdout


def test_unexpected_error_asks_for_a_report_without_traceback(
    base_review: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(_: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("metaethno.checks.run.check_review", explode)
    result = runner.invoke(app, ["check", str(base_review)])
    assert result.exit_code == 2
    assert "please report this" in result.stderr
    assert "Traceback" not in result.output
    debug = runner.invoke(app, ["--debug", "check", str(base_review)])
    assert "Traceback" in debug.stderr


def test_check_does_not_import_networkx(base_review: Path) -> None:
    """`check` stays fast to start: networkx loads only in commands that draw graphs."""
    code = (
        "import sys\nfrom metaethno.cli import main\nsys.argv = ['metaethno', 'check', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('networkx' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(base_review)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("False")


def test_a_studies_folder_outside_the_review_is_refused_not_read(
    base_review: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "shared-studies"
    (base_review / "studies").rename(elsewhere)
    config = base_review / "metaethno.yaml"
    config.write_text(config.read_text() + f"studies: {elsewhere}\n")
    study = elsewhere / "beta2012.yaml"
    study.write_text(study.read_text() + "colour: blue\n")
    result = runner.invoke(app, ["check", str(base_review)])
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f"metaethno.yaml:11:10: error ME016 the studies folder `{elsewhere}` is outside the "
        "review folder, so it is not read; give studies a folder of their own inside the "
        "review, e.g. `studies: studies`\n"
    )


def test_a_studies_folder_that_links_outside_the_review_is_refused(
    base_review: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "shared-studies"
    (base_review / "studies").rename(elsewhere)
    (base_review / "studies").symlink_to(elsewhere, target_is_directory=True)
    result = runner.invoke(app, ["check", str(base_review)])
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "metaethno.yaml:1:1: error ME016 the studies folder `studies` is outside the review "
        "folder, so it is not read; give studies a folder of their own inside the review, "
        "e.g. `studies: studies`\n"
    )


def test_a_study_file_that_links_outside_the_review_is_not_read(
    base_review: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "gamma2014.yaml"
    outside.write_text("id: gamma2014\nsecret: not to be read\n")
    (base_review / "studies" / "gamma2014.yaml").symlink_to(outside)
    inside = base_review / "studies" / "delta2016.yaml"
    inside.symlink_to("alpha2010.yaml")  # a link within the review is read as usual
    result = runner.invoke(app, ["check", str(base_review)])
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "studies/delta2016.yaml:1:5: error ME105 id `alpha2010` does not match the file name "
        "`delta2016.yaml`; change the id to `delta2016` or rename the file\n"
        "studies/gamma2014.yaml:1:1: error ME016 not read: this is a link to a file outside "
        "the review folder; put the file itself in `studies`\n"
    )


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("studies: .", "the studies folder `.` is the review folder itself, so it is not read"),
        ("studies: ..", "the studies folder `..` is outside the review folder, so it is not read"),
        ("studies: /etc", "the studies folder `/etc` is outside the review folder"),
        ("concepts: studies", "the concepts folder `studies` is the studies folder too"),
        ("studies: concepts/s", "the studies folder `concepts/s` is inside the concepts folder"),
        ("concepts: ./studies/", "the concepts folder `./studies/` is the studies folder too"),
    ],
)
def test_a_folder_setting_that_would_read_the_wrong_files_is_one_error(
    base_review: Path, setting: str, expected: str
) -> None:
    config = base_review / "metaethno.yaml"
    config.write_text(config.read_text() + setting + "\n")
    result = runner.invoke(app, ["check", str(base_review), "--format", "json"])
    assert result.exit_code == 1, result.output
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert diagnostic["message"].startswith(expected), diagnostic
    assert (diagnostic["path"], diagnostic["line"]) == ("metaethno.yaml", 11)


def test_the_review_file_may_be_given_instead_of_its_folder(
    base_review: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_unknown_key(base_review)
    monkeypatch.chdir(base_review.parent)
    expected = runner.invoke(app, ["check", "review"], env={"GITHUB_ACTIONS": ""})
    result = runner.invoke(app, ["check", "review/metaethno.yaml"], env={"GITHUB_ACTIONS": ""})
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        expected.stdout,
        "2 studies, 2 concepts: 1 error, 0 warnings\n",
    )
    github = runner.invoke(app, ["check", "review/metaethno.yaml", "--format", "github"])
    assert github.stdout.startswith("::error file=review/studies/beta2012.yaml,line=13,")
    monkeypatch.chdir(base_review)
    here = runner.invoke(app, ["check", "metaethno.yaml", "--format", "github"])
    assert here.stdout.startswith("::error file=studies/beta2012.yaml,line=13,")


def test_another_file_given_instead_of_the_folder_exits_2(base_review: Path) -> None:
    study = base_review / "studies" / "beta2012.yaml"
    result = runner.invoke(app, ["check", str(study)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"metaethno: {study}: this is a file, not a review folder; "
        "give the folder that holds metaethno.yaml\n"
    )


def test_json_says_why_a_review_cannot_be_read(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["check", str(tmp_path / "nowhere"), "--format", "json"])
    assert missing.exit_code == 2
    assert json.loads(missing.stdout) == {
        "version": 1,
        "error": f"{tmp_path / 'nowhere'}: no such folder; give the folder that holds "
        "metaethno.yaml",
        "summary": None,
        "diagnostics": [],
    }
    assert missing.stderr == f"metaethno: {json.loads(missing.stdout)['error']}\n"
    no_config = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert no_config.exit_code == 2
    assert json.loads(no_config.stdout)["error"] == (
        f"{tmp_path}: no metaethno.yaml here, so this is not a review folder; "
        "give the review's folder"
    )


def test_json_of_a_readable_review_has_no_error(base_review: Path) -> None:
    result = runner.invoke(app, ["check", str(base_review), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["error"] is None


def test_github_annotates_a_review_that_cannot_be_read(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", str(tmp_path / "nowhere")], env={"GITHUB_ACTIONS": "true"}
    )
    assert result.exit_code == 2
    assert result.stdout == (
        f"::error title=metaethno check::{tmp_path / 'nowhere'}: no such folder; "
        "give the folder that holds metaethno.yaml\n"
    )
