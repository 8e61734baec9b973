"""`metaethno compare`: two reviewers' branches, a rename, a relation change, a new study."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import BASE_REVIEW
from git_reviews import edit, git, reviewers_repository
from metaethno.analysis.agreement import agreement
from metaethno.cli import app

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return reviewers_repository(tmp_path)


def compare(repo: Path, *args: str, exit_code: int = 0) -> str:
    result = runner.invoke(app, ["compare", *args, "--review", str(repo)])
    assert result.exit_code == exit_code, result.output
    return result.stdout


def test_kappa_on_a_hand_computed_example() -> None:
    # 10 decisions: both yes 4, yes/no 1, no/yes 1, both no 4. po = 0.8; pe = 0.5 * 0.5 +
    # 0.5 * 0.5 = 0.5; kappa = (0.8 - 0.5) / (1 - 0.5) = 0.6; SE = sqrt(0.8 * 0.2 / (10 *
    # 0.25)) = 0.2530; 95% CI = 0.6 -/+ 1.96 * 0.2530 = 0.104 to 1.096, clipped to 1.
    pairs = [("yes", "yes")] * 4 + [("yes", "no"), ("no", "yes")] + [("no", "no")] * 4
    found = agreement(pairs)
    assert (found.n, found.agreed, found.percent) == (10, 8, 80)
    assert found.kappa == pytest.approx(0.6)
    assert found.low == pytest.approx(0.10415, abs=1e-4)
    assert found.high == 1.0


def test_kappa_is_not_defined_when_every_decision_is_in_one_category() -> None:
    found = agreement([("none", "none")] * 3)
    assert (found.percent, found.kappa, found.low, found.high) == (100, None, None, None)
    assert agreement([]).percent is None


def test_two_reviewers_branches_a_rename_and_a_relation_change(repo: Path) -> None:
    assert compare(repo, "ann", "bob", "--format", "markdown") == (
        "# Comparison of ann and bob\n\n"
        "A: ann (reviewers: Ann Archer).\n\n"
        "B: bob (reviewers: Bob Baker).\n\n"
        "## Studies\n\n"
        "| Item | Field | A | B |\n| --------- | ---------------- | --------- | --------- |\n"
        "| alpha2010 | appraisal.rating | high | moderate |\n"
        '| alpha2010 | extracted\\_by | \\["ann"\\] | \\["bob"\\] |\n\n'
        "## Study concepts\n\nNo differences.\n\n"
        "## Synthesised concepts\n\n"
        "| Item | Field | A | B |\n| ------------- | -------- | ------------------- | ----------------- |\n"
        "| feeling-heard | id | feeling-heard | being-heard |\n"
        '| trust | includes | \\["feeling-heard"\\] | \\["being-heard"\\] |\n\n'
        "Renamed, matched by their translations (at least 50% of the study concepts either "
        "translates are shared):\n\n"
        "| A | B | Shared translations | Overlap |\n| ------------- | ----------- | -------------------: | -------: |\n"
        "| feeling-heard | being-heard | 2 | 100% |\n\n"
        "## Translations\n\n"
        "Of 4 study concepts in both versions, 3 are translated the same way and 1 "
        "differently.\n\n"
        "| What | Decisions | Agreement | Kappa | 95% CI |\n"
        "| ------------------------- | ---------: | ---------: | -----: | -------------: |\n"
        "| All translation decisions | 4 | 75% | 0.60 | -0.08 to 1.00 |\n\n"
        "### Disagreements, for discussion\n\n"
        "| Study | Study concept | A | B |\n| -------- | ------------- | ------------------ | -------------------- |\n"
        "| beta2012 | guarded | trust (reciprocal) | trust (refutational) |\n\n"
        "### Agreement per synthesised concept\n\n"
        "| Concept | Decisions | Agreement | Kappa | 95% CI |\n"
        "| ------------- | ---------: | ---------: | -----: | -------------: |\n"
        "| feeling-heard | 2 | 100% | n/a |  |\n"
        "| trust | 2 | 50% | 0.00 | -1.00 to 1.00 |\n\n"
        "## Appraisal\n\n"
        "| What | Decisions | Agreement | Kappa | 95% CI |\n"
        "| ----------------- | ---------: | ---------: | -----: | ------------: |\n"
        "| Overall rating | 1 | 0% | 0.00 | 0.00 to 0.00 |\n"
        "| Appraisal answers | 3 | 100% | 1.00 | 1.00 to 1.00 |\n"
    )


def test_csv_lists_each_difference_and_each_decision(repo: Path) -> None:
    assert compare(repo, "ann", "bob", "--format", "csv").splitlines() == [
        "section,change,item,field,a,b",
        "studies,changed,alpha2010,appraisal.rating,high,moderate",
        'studies,changed,alpha2010,extracted_by,"[""ann""]","[""bob""]"',
        "synthesised concepts,changed,feeling-heard,id,feeling-heard,being-heard",
        'synthesised concepts,changed,trust,includes,"[""feeling-heard""]","[""being-heard""]"',
        "translations,agreed,alpha2010/unheard,,feeling-heard (reciprocal),feeling-heard (reciprocal)",
        "translations,agreed,alpha2010/wary,,trust (reciprocal),trust (reciprocal)",
        "translations,agreed,beta2012/dismissed,,feeling-heard (reciprocal),feeling-heard (reciprocal)",
        "translations,disagreed,beta2012/guarded,,trust (reciprocal),trust (refutational)",
    ]


def test_json_gives_the_figures(repo: Path) -> None:
    data = json.loads(compare(repo, "ann", "bob", "--format", "json"))
    assert data["overall"] == {
        "n": 4,
        "agreed": 3,
        "kappa": pytest.approx(0.6),
        # po 3/4, pe (2*2 + 2*1) / 16 = 0.375, SE sqrt(0.75 * 0.25 / (4 * 0.625**2)) = 0.3464
        "low": pytest.approx(0.6 - 1.96 * 0.3464, abs=1e-3),
        "high": 1.0,
        "percent": 75.0,
    }
    assert data["renames"] == [
        {"a": "feeling-heard", "b": "being-heard", "shared": 2, "overlap": 1.0}
    ]
    assert [d["concept"] for d in data["decisions"] if not d["agreed"]] == ["guarded"]
    assert data["differs"] is True


def test_a_new_study_shows_what_it_changed(repo: Path) -> None:
    text = compare(repo, "HEAD~1", "HEAD")
    assert text[text.index("## Update") :] == (
        "## Update: what the new studies changed\n\n"
        "New studies: gamma2015.\n\n"
        "Supporting studies changed:\n\n"
        "| Concept | Supporting studies in A | In B |\n| ----------- | -----------------------: | ----: |\n"
        "| being-heard | 2 | 3 |\n"
        "| trust | 2 | 3 |\n\n"
        "Refutations added:\n\n"
        "| Concept | Refuted by study | Study concept |\n| ------- | ---------------- | ------------- |\n"
        "| trust | gamma2015 | doubt |\n\n"
        "CERQual assessments to revisit, since their evidence changed: trust.\n"
    )
    assert "Added in B: gamma2015/doubt, gamma2015/listened." in text


def test_a_new_study_behind_an_included_concept_changes_the_higher_order_one(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(BASE_REVIEW, first)
    edit(first / "concepts/trust.yaml", "includes:", "confidence:\n  overall: moderate\nincludes:")
    shutil.copytree(first, second)
    (second / "studies/gamma2015.yaml").write_text(
        "id: gamma2015\nreferences:\n  - {authors: [Gamma, G.], year: 2015, title: Heard}\n"
        "concepts:\n  - id: listened\n    label: Listened to\n"
    )
    edit(
        second / "concepts/being-heard.yaml",
        "links:",
        "  - study: gamma2015\n    concept: listened\n    relation: reciprocal\nlinks:",
    )
    text = compare(tmp_path, str(first), str(second), "--format", "markdown")
    assert text[text.index("Supporting studies changed") :] == (
        "Supporting studies changed:\n\n"
        "| Concept | Supporting studies in A | In B |\n| ----------- | -----------------------: | ----: |\n"
        "| being-heard | 2 | 3 |\n"
        "| trust | 2 | 3 |\n\n"
        "CERQual assessments to revisit, since their evidence changed: trust.\n"
    )


def test_answers_are_compared_only_between_appraisals_with_one_tool(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(BASE_REVIEW, first)
    shutil.copytree(BASE_REVIEW, second)
    edit(second / "studies/alpha2010.yaml", "appraisal:\n", "appraisal:\n  tool: JBI\n")
    data = json.loads(compare(tmp_path, str(first), str(second), "--format", "json"))
    assert data["ratings"]["n"] == 1
    assert data["answers"]["n"] == 0


def test_two_folders_are_compared_without_git(tmp_path: Path, repo: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git"))
    edit(copy / "studies/beta2012.yaml", "label: Dismissed", "label: Brushed off")
    text = compare(repo, str(repo), str(copy), "--format", "markdown")
    assert (
        "## Study concepts\n\n| Item | Field | A | B |\n| ------------------ | ----- | --------- | ----------- |\n"
        "| beta2012/dismissed | label | Dismissed | Brushed off |\n\n"
    ) in text


def test_exit_1_only_with_fail_on_difference(repo: Path) -> None:
    compare(repo, "HEAD", "main", "--fail-on-difference", exit_code=0)
    compare(repo, "ann", "bob", exit_code=0)
    compare(repo, "ann", "bob", "--fail-on-difference", exit_code=1)


def test_a_version_that_does_not_pass_check_stops_the_comparison(repo: Path) -> None:
    (repo / "studies/beta2012.yaml").write_text("id: beta2012\n")
    git(repo, "commit", "-q", "-am", "Break beta")
    result = runner.invoke(app, ["compare", "HEAD~1", "HEAD", "--review", str(repo)])
    assert result.exit_code == 2
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if ": error " in line]
    assert errors[0].startswith("HEAD:studies/beta2012.yaml:1:1: error ME102")
    assert result.stderr.splitlines()[-1] == (
        "metaethno: not comparing: HEAD does not pass check; fix it and run again"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["nope", "HEAD"],
            "nope: neither a folder nor a git revision of {repo}; give a folder, a branch, "
            "a tag or a commit such as HEAD~1",
        ),
        (["--git", "HEAD", "ann"], None),
    ],
)
def test_a_revision_that_is_not_there_exits_2(
    repo: Path, args: list[str], message: str | None
) -> None:
    result = runner.invoke(app, ["compare", *args, "--review", str(repo)])
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2
    assert result.stderr == f"metaethno: {message.format(repo=repo)}\n"


def test_revisions_outside_a_git_work_tree_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "HEAD~1", "HEAD", "--review", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: HEAD~1: no such folder, nor a revision: {tmp_path} is not in a git work "
        "tree; give two review folders, or revisions of a review committed with git\n"
    )
    result = runner.invoke(app, ["compare", "--git", "HEAD~1", "HEAD", "--review", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: {tmp_path}: not in a git work tree, so it has no revisions or history to "
        "read; commit the review with git first\n"
    )


def test_a_missing_folder_outside_git_is_named(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["compare", str(base_review), "nonexistent"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: nonexistent: no such folder, nor a revision: {tmp_path.resolve()} is not in "
        "a git work tree; give two review folders, or revisions of a review committed with git\n"
    )


def test_a_review_folder_without_a_review_at_the_revision(repo: Path) -> None:
    (repo / "sub").mkdir()
    (repo / "sub" / "notes.md").write_text("Notes\n")
    git(repo, "add", "sub")
    git(repo, "commit", "-q", "-m", "Notes")
    result = runner.invoke(app, ["compare", "main", "main", "--review", str(repo / "sub")])
    assert result.exit_code == 2
    assert result.stderr == (
        "metaethno: main: no metaethno.yaml in the folder sub at this revision, so no review to "
        "compare; --review names the review's folder, read at the same place in every revision\n"
    )


def test_nothing_is_checked_out(repo: Path) -> None:
    before = git(repo, "status", "--porcelain", "--branch")
    compare(repo, "ann", "bob")
    assert git(repo, "status", "--porcelain", "--branch") == before


@pytest.mark.parametrize("which", ["a", "b"])
@pytest.mark.parametrize("target", ["metaethno.yaml", "studies/alpha2010.yaml", "concepts/x.md"])
def test_compare_never_writes_the_files_of_a_folder_it_compares(
    base_review: Path, tmp_path: Path, which: str, target: str
) -> None:
    a, b = tmp_path / "w1", tmp_path / "w2"
    shutil.copytree(base_review, a)
    shutil.copytree(base_review, b)
    folder = a if which == "a" else b
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = runner.invoke(app, ["compare", str(a), str(b), "-o", str(folder / target), "--force"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"metaethno: {folder / target}: is one of the review's own")
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
