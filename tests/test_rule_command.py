"""`metaethno rule`: every code explained from the package, as docs/checks.md explains it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from metaethno.checks.docs import all_rules
from metaethno.cli import app

runner = CliRunner()


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_rule_prints_the_codes_explanation_and_examples(rule: object) -> None:
    from metaethno.review.rules import Rule

    assert isinstance(rule, Rule)
    result = runner.invoke(app, ["rule", rule.code.lower()])
    assert result.exit_code == 0, result.output
    indented = [
        "".join(f"    {line}\n" for line in yaml.splitlines()) for yaml in (rule.bad, rule.good)
    ]
    assert result.stdout == (
        f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n\n"
        f"Reported:\n\n{indented[0]}\nAccepted:\n\n{indented[1]}"
    )


def test_rule_without_a_code_lists_every_code() -> None:
    result = runner.invoke(app, ["rule"])
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        rule.code for rule in all_rules()
    ]
    assert result.stdout.splitlines()[0] == "ME001  error    invalid-utf8"


def test_rule_all_prints_every_code() -> None:
    result = runner.invoke(app, ["rule", "--all"])
    assert result.exit_code == 0, result.output
    for rule in all_rules():
        assert (
            f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n" in result.stdout
        )


def test_an_unknown_code_is_a_usage_error() -> None:
    result = runner.invoke(app, ["rule", "ME999"])
    assert result.exit_code == 2
    assert result.stderr == "metaethno: no code ME999; `metaethno rule` lists every code\n"
