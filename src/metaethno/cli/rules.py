"""`metaethno rule`: a check code explained, from the package itself."""

from __future__ import annotations

from typing import Annotated

import typer

from metaethno.cli.core import (
    HelpCommand,
    app,
    fail,
    handles_errors,
)


@app.command("rule", cls=HelpCommand)
@handles_errors
def rule(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    code: Annotated[
        str | None,
        typer.Argument(help="A code of `check`'s output, such as ME203.", show_default=False),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Explain every code.")] = False,
) -> None:
    """Explain a code of check's output, with an example that has it and one that does not.

    The same text as the documentation's page of codes (docs/checks.md in the source),
    from the installed package. Without a code, lists every code with its severity and
    name; --all explains them all.
    """
    from metaethno.checks.docs import all_rules, rule_text

    rules = all_rules()
    if show_all:
        typer.echo("\n".join(rule_text(found) for found in rules), nl=False)
        return
    if code is None:
        for found in rules:
            typer.echo(f"{found.code}  {found.severity.value:<7}  {found.name}")
        return
    by_code = {found.code: found for found in rules}
    wanted = code.strip().upper()
    if wanted not in by_code:
        raise fail(f"no code {code}; `metaethno rule` lists every code")
    typer.echo(rule_text(by_code[wanted]), nl=False)
