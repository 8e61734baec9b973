"""Generate docs/checks.md from the rules themselves, so the page cannot drift from the code.

`make docs` writes it; a test fails when the committed page differs.
"""

from __future__ import annotations

from metaethno.checks import CHECKS
from metaethno.review.rules import LOADER_RULES, Rule

INTRO = """\
# Checks and codes

`metaethno check [REVIEW_DIR]` reads every file of a review and reports every problem in one run.
`REVIEW_DIR` is the review's folder; its `metaethno.yaml` may be given instead (any other file is
refused: give the folder). Each problem has a stable code that this page explains. This page is generated from the code
(`make docs`); do not edit it by hand.

- **ME0xx**: the file cannot be read as YAML the review format accepts.
- **ME1xx**: a value does not fit the review format (docs/format.md).
- **ME2xx**: files do not fit together (references, hierarchy, ids), or a value cannot be right
  (a year, a repeated label, link or level).
- **ME3xx**: warnings: the synthesis may be incomplete. They fail `check` only with `--strict`.

## Output

`--format text` (the default) prints one line per problem, sorted by file and position:

    studies/ahmed2014.yaml:12:5: error ME101 unknown key `lable`; did you mean `label`?

Paths are relative to the review folder, lines and columns start at 1. A summary line goes to
standard error. Colour is used only on a terminal and never when `NO_COLOR` is set.

`--format json` prints one object:

    {"version": 1,
     "error": null,
     "summary": {"studies": 29, "concepts": 13, "errors": 0, "warnings": 1},
     "diagnostics": [{"path": "...", "line": 12, "col": 5, "severity": "error",
                      "code": "ME101", "message": "..."}]}

When the review cannot be read at all (exit code 2: no such folder, no metaethno.yaml, an
unreadable file), it still prints the object, with the reason in `error` and nothing checked:

    {"version": 1,
     "error": "my-review: no such folder; give the folder that holds metaethno.yaml",
     "summary": null,
     "diagnostics": []}

`version` changes only when a field is removed or changes meaning.

`--format github` prints GitHub Actions workflow commands (`::error file=...,line=...::message`),
which GitHub shows as annotations on the lines of a pull request. It is the default when the
`GITHUB_ACTIONS` environment variable is `true`. Paths are given from the current folder. A
review that cannot be read gets one `::error title=metaethno check::...` annotation saying why.
GitHub shows only ten annotations of each kind per step, so when `GITHUB_STEP_SUMMARY` is set
`check` also appends a Markdown summary to that file: the counts and a table of every problem,
which GitHub shows on the run's page.

## Exit codes

| code | meaning |
| --- | --- |
| 0 | no errors (warnings allowed unless `--strict`) |
| 1 | errors found, or warnings with `--strict` |
| 2 | the review cannot be read: no such folder, no metaethno.yaml, a file given instead of the folder, an unreadable file, a bad option |
"""


def all_rules() -> list[Rule]:
    """Every code's rule, loader and checks, by code."""
    return sorted([*LOADER_RULES, *(check.rule for check in CHECKS)], key=lambda rule: rule.code)


def rule_text(rule: Rule) -> str:
    """A code's explanation and examples as plain text, for `metaethno rule CODE`: the same
    words as its section of docs/checks.md, for a user who has the package but not the docs."""

    def indented(yaml: str) -> str:
        return "".join(f"    {line}\n" for line in yaml.splitlines())

    return (
        f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n\n"
        f"Reported:\n\n{indented(rule.bad)}\nAccepted:\n\n{indented(rule.good)}"
    )


def render_rule_docs() -> str:
    """The whole of docs/checks.md."""
    rules = all_rules()
    parts = [INTRO, "\n## All codes\n\n| code | name | severity |\n| --- | --- | --- |\n"]
    parts += [f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} |\n" for r in rules]
    parts += [_section(rule) for rule in rules]
    return "".join(parts)


def _section(rule: Rule) -> str:
    return (
        f"\n## {rule.code}\n\n"
        f"**{rule.name}** ({rule.severity.value}). {rule.summary}\n\n"
        f"Reported:\n\n```yaml\n{rule.bad}\n```\n\n"
        f"Accepted:\n\n```yaml\n{rule.good}\n```\n"
    )


if __name__ == "__main__":
    print(render_rule_docs(), end="")
