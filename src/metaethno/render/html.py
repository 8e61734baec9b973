"""The report as one self-contained web page: `metaethno report --format html`.

Rendered from the Markdown report (`metaethno.render.document`), so it shows the same
content. Nothing is fetched when it is viewed: the CSS is inline and the diagrams are
inline SVG drawn by `metaethno.render.diagram`. Readable on a laptop (a table of contents,
text at a readable width, wide tables scrolling inside their box with the header row and the
first column in view) and printable (wide tables on landscape pages).
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from metaethno.render.diagram import flowchart_svg
from metaethno.render.document import WIDE_COLUMNS, heading_text, parser, slug
from metaethno.render.markdown import LINE_BREAK

STYLE = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b;
  margin: 0 auto; padding: 1rem 2rem 4rem; max-width: 80rem; }
h1 { font-size: 1.8rem; line-height: 1.25; max-width: 50rem; }
h2 { border-bottom: 1px solid #ccd; padding-bottom: .2rem; margin-top: 2.5rem; }
p, li, nav, figcaption { max-width: 46rem; }
a { color: #1a4f8b; overflow-wrap: anywhere; }
code { font-size: .9em; background: #f1f3f6; padding: 0 .2em; border-radius: 3px; }
nav { border: 1px solid #ccd; border-radius: 4px; padding: .5rem 1rem; background: #fafbfc; }
nav ol { margin: .2rem 0; padding-left: 1.4rem; }
.table { overflow: auto; max-height: 85vh; margin: 1rem 0; border: 1px solid #ccd; }
table { border-collapse: separate; border-spacing: 0; font-size: .875rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid #dde1e7; border-right: 1px solid #eef0f3; background: #fff; }
th { background: #e8edf4; }
.cell { max-width: 38ch; }
thead th { position: sticky; top: 0; z-index: 2; }
.wide tbody td:first-child { position: sticky; left: 0; z-index: 1; box-shadow: 1px 0 0 #ccd; }
.wide thead th:first-child { left: 0; z-index: 3; box-shadow: 1px 0 0 #ccd; }
figure.diagram { overflow: auto; margin: 1rem 0; }
figure.diagram svg { max-width: none; }
@page { size: A4 portrait; margin: 14mm; }
@page landscape { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { break-after: page; }
  .table { overflow: visible; max-height: none; border: 0; }
  .wide { page: landscape; }
  .wide table { font-size: 7.5pt; }
  .many table { width: 100%; table-layout: fixed; }
  .many th, .many td { overflow-wrap: anywhere; hyphens: auto; padding: .15rem .25rem; }
  .many .cell { max-width: none; }
  thead { display: table-header-group; }
  thead th, .wide tbody td:first-child, .wide thead th:first-child { position: static; }
  tr, figure { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
}
"""


def render_html(markdown: str) -> str:
    """The page of the Markdown report `markdown`: the same text, headings, tables and links."""
    md = parser()
    tokens = md.parse(markdown)
    title, contents = _anchor_headings(tokens)
    _mark_wide_tables(tokens)
    for name, rule in _RULES.items():
        md.add_render_rule(name, rule)
    body = md.renderer.render(tokens, md.options, {})
    nav = _contents(contents)
    head, found, rest = body.partition("</h1>\n")
    body = head + found + nav + rest if found else nav + body
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escapeHtml(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _anchor_headings(tokens: Sequence[Token]) -> tuple[str, list[tuple[int, str, str]]]:
    """An id on every heading; returns the title (the first h1) and the h2 and h3 headings."""
    used: set[str] = set()
    title = "Meta-ethnography"
    contents: list[tuple[int, str, str]] = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = heading_text(tokens, index)
        anchor = slug(text, used)
        token.attrSet("id", anchor)
        level = int(token.tag[1])
        if level == 1 and title == "Meta-ethnography":
            title = text
        elif level in (2, 3):
            contents.append((level, anchor, text))
    return title, contents


def _mark_wide_tables(tokens: Sequence[Token]) -> None:
    """`meta["wide"]` on each table of more than WIDE_COLUMNS columns, `meta["many"]` on each of
    more than twice as many, which print shares the page's width between equally rather than
    cut off."""
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            columns = 0
            for inner in tokens[index + 1 :]:
                if inner.type == "tr_close":
                    break
                columns += inner.type == "th_open"
            token.meta["wide"] = columns > WIDE_COLUMNS
            token.meta["many"] = columns > 2 * WIDE_COLUMNS


def _contents(contents: Sequence[tuple[int, str, str]]) -> str:
    if not contents:
        return ""
    lines = ['<nav aria-label="Contents">\n<strong>Contents</strong>\n<ol>']
    open_sub = False
    for level, anchor, text in contents:
        link = f'<a href="#{anchor}">{escapeHtml(text)}</a>'
        if level == 3:
            if not open_sub:
                lines[-1] = lines[-1].removesuffix("</li>")
                lines.append("<ol>")
                open_sub = True
            lines.append(f"<li>{link}</li>")
            continue
        if open_sub:
            lines.append("</ol></li>")
            open_sub = False
        lines.append(f"<li>{link}</li>")
    if open_sub:
        lines.append("</ol></li>")
    return "\n".join([*lines, "</ol>\n</nav>\n"])


def _table_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    meta = tokens[idx].meta
    kind = "table wide many" if meta.get("many") else "table wide" if meta.get("wide") else "table"
    return f'<div class="{kind}">\n' + self.renderToken(tokens, idx, options, env)


def _table_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


def _cell_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return self.renderToken(tokens, idx, options, env) + '<div class="cell">'


def _cell_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</div>" + self.renderToken(tokens, idx, options, env)


def _text(
    self: RendererHTML,  # noqa: ARG001 - the signature of a markdown-it render rule
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,  # noqa: ARG001
    env: EnvType,  # noqa: ARG001
) -> str:
    """Text, with the Markdown report's mark of a reviewer's line break as a real one."""
    return escapeHtml(tokens[idx].content).replace(escapeHtml(LINE_BREAK), "<br>\n")


def _fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A Mermaid block as an inline SVG drawing; any other code block as it is."""
    token = tokens[idx]
    if token.info.strip() == "mermaid":
        drawing = flowchart_svg(token.content)
        if drawing is not None:
            return f'<figure class="diagram">\n{drawing.svg}</figure>\n'
    return RendererHTML.fence(self, tokens, idx, options, env)


_RULES = {
    "table_open": _table_open,
    "table_close": _table_close,
    "th_open": _cell_open,
    "td_open": _cell_open,
    "th_close": _cell_close,
    "td_close": _cell_close,
    "text": _text,
    "fence": _fence,
}
