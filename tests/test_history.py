"""`metaethno history` and `report --history`: the audit trail of translation decisions."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from git_reviews import edit, git, reviewers_repository
from metaethno.analysis.history import Revision, events
from metaethno.cli import app
from metaethno.review.models import Concept

runner = CliRunner()


def history(repo: Path, *args: str) -> str:
    result = runner.invoke(app, ["history", str(repo), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_history_lists_each_translation_decision_oldest_first(tmp_path: Path) -> None:
    repo = reviewers_repository(tmp_path)
    git(repo, "checkout", "-q", "bob")
    rows = history(repo, "--format", "csv").splitlines()
    assert rows[0] == "date,commit,author,concept,translation,change,detail,why"
    assert [row.split(",", 2)[2] for row in rows[1:]] == [
        "Ann Archer,being-heard,,added,Being heard,Base review",
        "Ann Archer,being-heard,,grouped,into trust,Base review",
        "Ann Archer,being-heard,alpha2010/unheard,added,reciprocal,Base review",
        "Ann Archer,being-heard,beta2012/dismissed,added,reciprocal,Base review",
        "Ann Archer,trust,,added,Trust,Base review",
        "Ann Archer,trust,alpha2010/wary,added,reciprocal,Base review",
        "Ann Archer,trust,beta2012/guarded,added,reciprocal,Base review",
        "Bob Baker,trust,beta2012/guarded,relation changed,reciprocal -> refutational,"
        "Guarded refutes trust",
        "Bob Baker,trust,beta2012/guarded,note changed,Guardedness is not trust.,"
        "Guarded refutes trust",
    ]


def test_a_renamed_concept_file_is_a_removal_and_an_addition(tmp_path: Path) -> None:
    repo = reviewers_repository(tmp_path)
    git(repo, "checkout", "-q", "ann")
    found = json.loads(history(repo, "--format", "json"))
    renaming = [e for e in found if e["subject"].startswith("Name the concept")]
    assert [(e["concept"], e["translation"], e["change"], e["detail"]) for e in renaming] == [
        ("being-heard", "", "removed", "Being heard"),
        ("being-heard", "", "ungrouped", "out of trust"),
        ("being-heard", "alpha2010/unheard", "removed", "reciprocal"),
        ("being-heard", "beta2012/dismissed", "removed", "reciprocal"),
        ("feeling-heard", "", "added", "Being heard"),
        ("feeling-heard", "", "grouped", "into trust"),
        ("feeling-heard", "alpha2010/unheard", "added", "reciprocal"),
        ("feeling-heard", "beta2012/dismissed", "added", "reciprocal"),
    ]
    assert {e["author"] for e in renaming} == {"Ann Archer"}
    assert len(renaming[0]["sha"]) == 7


def test_a_concept_moved_between_groups() -> None:
    def concept(concept_id: str, includes: list[str]) -> Concept:
        return Concept.model_validate({"id": concept_id, "label": concept_id, "includes": includes})

    revision = Revision(
        "abc1234",
        "Ann Archer",
        "2024-01-01T10:00:00+00:00",
        "Regroup",
        [
            (
                "concepts/trust.yaml",
                concept("trust", ["heard", "seen"]),
                concept("trust", ["seen"]),
            ),
            ("concepts/safety.yaml", concept("safety", []), concept("safety", ["heard"])),
        ],
    )
    assert [(e.concept, e.change, e.detail) for e in events([revision])] == [
        ("heard", "moved", "from trust to safety")
    ]


def test_report_history_adds_the_audit_trail_appendix(tmp_path: Path) -> None:
    repo = reviewers_repository(tmp_path)
    result = runner.invoke(app, ["report", str(repo), "--history"])
    assert result.exit_code == 0, result.output
    appendix = result.stdout[result.stdout.index("## Audit trail") :]
    lines = appendix.splitlines()
    assert lines[:6] == [
        "## Audit trail of translation decisions",
        "",
        "Each change to a synthesised concept or one of its translations, from the review's "
        "git history: when, in which commit, by whom, and why (the commit's subject).",
        "",
        "| Date | Commit | Author | Concept | Translation | Change | Detail | Why |",
        "| ---------- | ------- | ---------- | ----------- | ------------------ | ------- | ------------ | -------------- |",
    ]
    assert lines[-1].endswith(
        "| Ann Archer | trust | gamma2015/doubt | added | refutational | Add Gamma 2015 |"
    )


def test_history_outside_a_git_work_tree_exits_2(base_review: Path) -> None:
    for args in (["history", str(base_review)], ["report", str(base_review), "--history"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert result.stderr == (
            f"metaethno: {base_review}: not in a git work tree, so it has no revisions or "
            "history to read; commit the review with git first\n"
        )


def test_an_invalid_concept_file_in_a_commit_is_reported_not_dropped(tmp_path: Path) -> None:
    repo = reviewers_repository(tmp_path)
    edit(repo / "concepts/trust.yaml", "id: trust", "id: [trust")
    git(repo, "commit", "-q", "-am", "Broken")
    last = history(repo, "--format", "csv").splitlines()[-1]
    assert last.split(",", 3)[3] == (
        "concepts/trust.yaml,,not readable,the file is not a valid concept at this commit,Broken"
    )
