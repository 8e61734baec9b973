"""How each command's help page is made: from the click command typer builds, reading only what
every typer version keeps (the options' names, help, metavar, defaults) and, for the values an
option takes, the annotations of the command's own function. `help.py` prints the pages.
"""

from __future__ import annotations

import inspect
import json
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from metaethno.cli.help import PAGES, Page

TYPE_NAMES = {str: "TEXT", int: "INTEGER", float: "FLOAT", Path: "PATH"}


def pages_of(root: Any, ctx: Any) -> dict[str, Page]:
    """Every command's page by its words ("" for metaethno itself), from the click command
    typer builds (`typer.main.get_command(app)`) and its context."""
    found: dict[str, Page] = {}
    pending: list[tuple[list[str], Any, Any]] = [([], root, ctx)]
    while pending:
        words, command, context = pending.pop(0)
        found[" ".join(words)] = page_of(command, context)
        for name in getattr(command, "list_commands", lambda _: [])(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                sub_context = sub.make_context(name, [], parent=context, resilient_parsing=True)
                pending.append(([*words, name], sub, sub_context))
    return found


def page_of(command: Any, ctx: Any) -> Page:
    """The page of one click command (or group of commands) in its context."""
    params = [param for param in command.get_params(ctx) if not param.hidden]
    arguments = [param for param in params if param.param_type_name == "argument"]
    options = [param for param in params if param.param_type_name == "option"]
    names: list[str] = []
    context = ctx
    while context is not None:
        names.insert(0, context.info_name)
        context = context.parent
    usage = ["metaethno", *names[1:], "[OPTIONS]" if options else ""]
    usage += [_argument_name(param) for param in arguments]
    sections: list[list[Any]] = []
    if arguments:
        rows = [[_argument_name(p), _explained(command, p)] for p in arguments]
        sections.append(["Arguments", rows])
    if options:
        rows = [[_option_terms(command, p), _explained(command, p)] for p in options]
        sections.append(["Options", rows])
    if hasattr(command, "list_commands"):
        usage.append("COMMAND [ARGS]...")
        rows = [
            [name, _summary(sub.help or "")]
            for name in command.list_commands(ctx)
            if (sub := command.get_command(ctx, name)) is not None and not sub.hidden
        ]
        sections.append(["Commands", rows])
    return {
        "usage": " ".join(word for word in usage if word),
        "text": inspect.cleandoc(command.help or ""),
        "sections": sections,
    }


def _summary(help_text: str) -> str:
    """A command's first paragraph: its line in its group's list."""
    return " ".join(inspect.cleandoc(help_text).split("\n\n")[0].split())


def _argument_name(param: Any) -> str:
    name = param.metavar or param.name.upper()
    return name if param.required else f"[{name}]"


def _option_terms(command: Any, param: Any) -> str:
    """`-o, --output FILE`: the short names first, then the long, then what it takes."""
    names = sorted(param.opts, key=lambda opt: (opt.startswith("--"), opt))
    terms = ", ".join(names)
    if param.secondary_opts:
        terms += " / " + ", ".join(param.secondary_opts)
    if not param.is_flag:
        terms += f" {param.metavar or _value_name(command, param)}"
    return terms


def _value_name(command: Any, param: Any) -> str:
    """What an option takes, from its annotation in the command's function: the choices of an
    Enum, else the kind of value. Read from the function, which every typer version keeps."""
    function = inspect.unwrap(command.callback)
    annotation = typing.get_type_hints(function).get(param.name, str)
    while typing.get_args(annotation):  # `X | None` and `list[X]`: X
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "[" + "|".join(str(member.value) for member in annotation) + "]"
    return TYPE_NAMES.get(annotation, "TEXT")


def _explained(command: Any, param: Any) -> str:
    """An option's help, then its default, its bounds and whether it is required."""
    parts = [" ".join((getattr(param, "help", None) or "").split())]
    default = param.default
    if isinstance(param.show_default, str):
        parts.append(f"[default: {param.show_default}]")
    elif param.show_default and not (default is None or default is False or default in ((), [])):
        shown = default.value if isinstance(default, Enum) else default
        parts.append(f"[default: {shown}]")
    bounds = _bounds(command, param)
    if bounds:
        parts.append(f"[{bounds}]")
    if param.required:
        parts.append("[required]")
    return "  ".join(part for part in parts if part)


def _bounds(command: Any, param: Any) -> str:
    """The bounds the command declares for a number (`min=1`: x>=1), as click writes them."""
    if command.callback is None:
        return ""
    function = inspect.unwrap(command.callback)
    hint = typing.get_type_hints(function, include_extras=True).get(param.name)
    for declared in getattr(hint, "__metadata__", ()):
        low, high = getattr(declared, "min", None), getattr(declared, "max", None)
        if low is not None and high is not None:
            return f"{low}<=x<={high}"
        if low is not None or high is not None:
            return f"x>={low}" if low is not None else f"x<={high}"
    return ""


def current_pages(app: Any) -> dict[str, Page]:
    """Every page as the commands of `app` (metaethno's typer app, with every command) make it
    now: what `make docs` writes to help_pages.json."""
    import typer.main

    root = typer.main.get_command(app)
    return pages_of(root, root.make_context("metaethno", [], resilient_parsing=True))


def write_pages(app: Any) -> None:
    """Write help_pages.json from the commands of `app` (`make docs`)."""
    text = json.dumps(current_pages(app), indent=1, ensure_ascii=False) + "\n"
    PAGES.write_text(text, encoding="utf-8")
