"""The help of every command: plain text wrapped to the terminal, at most 80 columns wide, as
ruff, black and pre-commit write theirs.

`metaethno COMMAND --help` starts as fast as `import typer`: typer builds a command's options
(and, from 0.29, loads pydantic to read them) before it can print any help, which takes longer
than that. So every page is kept as data in `help_pages.json`, which `make docs` writes from the
commands themselves and a test keeps current, and `main` prints the page asked for without
importing typer. Help asked for any other way (`metaethno new`, `--help` after other options,
the `app` object) is the same page, made from the live command by the same function.

This module imports nothing heavy at import time: `main` reads it on every run.
"""

from __future__ import annotations

import inspect
import json
import shutil
import textwrap
import typing
from enum import Enum
from pathlib import Path
from typing import Any

PAGES = Path(__file__).with_name("help_pages.json")
MAX_WIDTH = 80
TERM_COLUMN = 30  # a longer option's explanation starts on the next line
HELP_FLAGS = ("-h", "--help")
# Options of the root that may come before the words of a command without changing its help.
ROOT_FLAGS = ("-q", "--quiet", "--debug")
TYPE_NAMES = {str: "TEXT", int: "INTEGER", float: "FLOAT", Path: "PATH"}

# A page: {"usage": "...", "text": "...", "sections": [[title, [[term, definition], ...]], ...]}
Page = dict[str, Any]


def requested_page(args: list[str]) -> Page | None:
    """The stored page that `args` (the words after `metaethno`) ask for, when they are only a
    command's words and -h or --help; None for anything else, which typer then parses."""
    words = list(args)
    while words and words[0] in ROOT_FLAGS:
        words.pop(0)
    if not words or words[-1] not in HELP_FLAGS:
        return None
    pages: dict[str, Page] = json.loads(PAGES.read_text(encoding="utf-8"))
    return pages.get(" ".join(words[:-1]))


def render_page(page: Page, width: int | None = None) -> str:
    """A page as text `width` columns wide (the terminal's, at most MAX_WIDTH)."""
    width = width or min(shutil.get_terminal_size().columns, MAX_WIDTH)
    width = max(width, 40)
    parts = [_wrap(f"Usage: {page['usage']}", width, "", " " * len("Usage: ")) + "\n"]
    for paragraph in page["text"].split("\n\n") if page["text"] else []:
        parts.append("\n" + _wrap(paragraph, width, "  ", "  ") + "\n")
    for title, rows in page["sections"]:
        parts.append(f"\n{title}:\n" + _definitions(rows, width))
    return "".join(parts)


def _definitions(rows: list[list[str]], width: int) -> str:
    """Terms and their explanations in two columns, as click's help lists them."""
    column = min(max(len(term) for term, _ in rows), TERM_COLUMN) + 4
    lines = []
    for term, definition in rows:
        first = f"  {term}"
        if not definition:
            lines.append(first)
            continue
        indent = " " * column
        text = _wrap(definition, width, indent, indent).lstrip(" ")
        if len(first) + 2 <= column:
            lines.append(first.ljust(column) + text)
        else:
            lines += [first, indent + text]
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
    )


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
        sections.append(["Arguments", [[_argument_name(p), _explained(p)] for p in arguments]])
    if options:
        sections.append(["Options", [[_option_terms(command, p), _explained(p)] for p in options]])
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


def _explained(param: Any) -> str:
    """An option's help, then its default and whether it is required."""
    parts = [" ".join((getattr(param, "help", None) or "").split())]
    default = param.default
    if isinstance(param.show_default, str):
        parts.append(f"[default: {param.show_default}]")
    elif param.show_default and default not in (None, False, (), []):
        shown = default.value if isinstance(default, Enum) else default
        parts.append(f"[default: {shown}]")
    if param.required:
        parts.append("[required]")
    return "  ".join(part for part in parts if part)


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
