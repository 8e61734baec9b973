"""The report as a Word document: `metaethno report --format docx`.

Rendered from the Markdown report (`metaethno.render.document`), so it shows the same
content, with what pandoc's Word writer cannot give: the title in the document's properties
and as its Title, Word's Heading styles (so a table of contents can be inserted), header rows
repeated on every page, column widths from the content and never narrower than a column's
longest word, wide tables on landscape pages, a table too wide for those (the translation
grid of many studies) in blocks of at most GRID_BLOCK studies with its concept columns repeated, DOIs and other links as hyperlinks, a
reviewer's line break as a real break, and the diagrams as pictures. Needs python-docx and
Pillow (the `docx` extra), imported only here and in `diagram_png`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING

from markdown_it.token import Token

from metaethno.render.diagram import flowchart_svg
from metaethno.render.diagram_png import render_png
from metaethno.render.document import (
    WIDE_COLUMNS,
    Cell,
    break_lines,
    heading_text,
    longest_word,
    parse,
    table_rows,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table
    from docx.text.paragraph import Paragraph

# A4 with margins of 1 inch: the text's width, in inches, on portrait and landscape pages.
PORTRAIT_WIDTH = 8.27 - 2
LANDSCAPE_WIDTH = 11.69 - 2
TABLE_FONT = 9.0  # pt
CHAR = 0.6 * TABLE_FONT / 72  # inches a character takes at TABLE_FONT: generous, for capitals
CELL_PADDING = 0.22  # inches: Word's default cell margins, left and right, and the borders
WANTED = 40  # characters a line of a cell may take before it wraps
GRID_BLOCK = 8  # studies per block of a split grid
# Leading columns that name a row, repeated in every block of a split table.
KEY_HEADERS = ("Higher-order concept", "Concept", "Study")
# Characters XML 1.0 cannot hold: `check` reports them (ME015), so a report never has one, but
# were one to come, it shows as U+FFFD rather than stopping the document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A fixed date for the entries of the .docx zip, so the same report gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def render_docx(markdown: str) -> bytes:
    """The Word document of the Markdown report `markdown`."""
    from docx import Document as new_document
    from docx.shared import Inches

    document = new_document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.27), Inches(11.69)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    _Writer(document).blocks(parse(markdown))
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_dates(buffer.getvalue())


def column_widths(rows: Sequence[Sequence[Cell]], page: float) -> list[float]:
    """Each column's width in inches: at least its longest word, then a share of the rest of
    `page` by how much more its text wants (up to WANTED characters a line)."""
    least, wanted = _least_and_wanted(rows)
    if sum(wanted) <= page:
        return wanted
    spare = page - sum(least)
    more = sum(w - n for w, n in zip(wanted, least, strict=True))
    if spare <= 0 or more <= 0:
        return least
    return [n + spare * (w - n) / more for w, n in zip(wanted, least, strict=True)]


def too_wide(rows: Sequence[Sequence[Cell]]) -> bool:
    """Whether a table is split into blocks: its longest words do not fit a landscape page,
    or its text would be squeezed to less than half the width it wants."""
    least, wanted = _least_and_wanted(rows)
    return sum(least) > LANDSCAPE_WIDTH or sum(wanted) > 2 * LANDSCAPE_WIDTH


def _least_and_wanted(rows: Sequence[Sequence[Cell]]) -> tuple[list[float], list[float]]:
    least, wanted = [], []
    for column in zip(*rows, strict=True):
        lines = [line for cell in column for line in break_lines(cell.text)]
        least.append(max(3, max(longest_word(line) for line in lines)) * CHAR + CELL_PADDING)
        longest = max(min(WANTED, len(line.strip())) for line in lines)
        wanted.append(max(least[-1], longest * CHAR + CELL_PADDING))
    return least, wanted


def split_columns(headers: Sequence[str]) -> tuple[int, list[list[int]]]:
    """The number of key columns, which name a row (KEY_HEADERS, or the first), and the
    columns of each block of a table too wide for one page: the key columns, then at most
    GRID_BLOCK others."""
    keys = 0
    while keys < len(headers) - 1 and headers[keys] in KEY_HEADERS:
        keys += 1
    keys = keys or 1
    rest = list(range(keys, len(headers)))
    blocks = [rest[i : i + GRID_BLOCK] for i in range(0, len(rest), GRID_BLOCK)]
    if len(blocks) > 1 and len(blocks[-1]) == 1:  # a last column alone (the count) joins
        blocks[-2] += blocks.pop()
    return keys, [[*range(keys), *block] for block in blocks]


class _Writer:
    """Walks the Markdown tokens and adds each block to the document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.landscape = False
        self.lists: list[str] = []
        self.quote = 0

    def blocks(self, tokens: Sequence[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                self._heading(tokens, index)
            elif kind == "paragraph_open":
                self._inline(self._paragraph(), tokens[index + 1])
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.lists.append("List Bullet" if kind == "bullet_list_open" else "List Number")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind in ("fence", "code_block"):
                self._code(token)
            elif kind == "table_open":
                rows, index = table_rows(tokens, index)
                self._table(rows)
                continue
            index += 1

    # -- blocks ------------------------------------------------------------------------

    def _heading(self, tokens: Sequence[Token], index: int) -> None:
        level = int(tokens[index].tag[1])
        text = heading_text(tokens, index)
        following = tokens[index + 3] if index + 3 < len(tokens) else None
        if following is not None and following.type == "table_open":
            self._orient(_columns(tokens, index + 3) > WIDE_COLUMNS)
        else:
            self._orient(False)
        if level == 1 and not self.document.core_properties.title:
            self.document.core_properties.title = _xml(text)[:255]
            paragraph = self.document.add_paragraph(style="Title")
        else:
            paragraph = self.document.add_paragraph(style=f"Heading {min(level - 1, 4) or 1}")
        self._inline(paragraph, tokens[index + 1])

    def _paragraph(self) -> Paragraph:
        if self.lists:
            depth = len(self.lists)
            style = self.lists[-1] + (f" {min(depth, 3)}" if depth > 1 else "")
            return self.document.add_paragraph(style=style)
        return self.document.add_paragraph(style="Quote" if self.quote else None)

    def _code(self, token: Token) -> None:
        from docx.shared import Inches, Pt

        drawing = flowchart_svg(token.content) if token.info.strip() == "mermaid" else None
        if drawing is None:
            paragraph = self.document.add_paragraph()
            for number, line in enumerate(token.content.rstrip("\n").split("\n")):
                run = paragraph.add_run(_xml(line))
                run.font.name, run.font.size = "Courier New", Pt(8)
                if number:
                    run.add_break()
            return
        width = drawing.width / 96  # px at 96 to the inch: text at its own size, 9 pt or more
        if width > PORTRAIT_WIDTH:
            self._orient(True)
        page = LANDSCAPE_WIDTH if self.landscape else PORTRAIT_WIDTH
        self.document.add_picture(io.BytesIO(render_png(drawing)), width=Inches(min(width, page)))

    def _table(self, rows: list[list[Cell]]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches, Pt

        headers = [cell.text for cell in rows[0]]
        keys, blocks = (
            split_columns(headers) if too_wide(rows) else (0, [list(range(len(headers)))])
        )
        self._orient(self.landscape or len(headers) > WIDE_COLUMNS)
        page = LANDSCAPE_WIDTH if self.landscape else PORTRAIT_WIDTH
        for number, columns in enumerate(blocks, start=1):
            if len(blocks) > 1:
                shown = [headers[c] for c in columns[keys:]]
                note = f"Part {number} of {len(blocks)}: {shown[0]} to {shown[-1]}."
                self.document.add_paragraph(note).runs[0].italic = True
            part = [[row[c] for c in columns] for row in rows]
            widths = column_widths(part, page)
            table = self.document.add_table(rows=len(part), cols=len(columns))
            table.style = "Table Grid"
            table.autofit = False
            _repeat_header(table)
            for column, width in zip(table.columns, widths, strict=True):
                column.width = Inches(width)  # the grid, which fixed layout and LibreOffice follow
            for row, cells in zip(table.rows, part, strict=True):
                for width, cell, source in zip(widths, row.cells, cells, strict=True):
                    cell.width = Inches(width)
                    paragraph = cell.paragraphs[0]
                    if source.numeric:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    self._inline(paragraph, source.inline, size=Pt(TABLE_FONT), bold=source.header)
            self.document.add_paragraph()

    def _orient(self, landscape: bool) -> None:
        """Start a section of the other orientation, on a new page, if it differs."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        if landscape == self.landscape:
            return
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        short, long = sorted((section.page_width or 0, section.page_height or 0))
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        self.landscape = landscape

    # -- inline ------------------------------------------------------------------------

    def _inline(
        self, paragraph: Paragraph, inline: Token, size: object = None, bold: bool = False
    ) -> None:
        """The runs of an inline token: bold, italic, code, links, real line breaks."""
        from docx.shared import RGBColor

        state = {"bold": bold, "italic": False, "strike": False}
        link: BaseOxmlElement | None = None
        for child in inline.children or []:
            kind = child.type
            if kind.endswith("_open") or kind.endswith("_close"):
                name = {"strong": "bold", "em": "italic", "s": "strike"}.get(kind.rsplit("_", 1)[0])
                if name is not None:
                    state[name] = kind.endswith("_open") or (name == "bold" and bold)
                elif kind == "link_open":
                    link = _hyperlink(paragraph, str(child.attrs.get("href", "")))
                elif kind == "link_close":
                    link = None
                continue
            if kind == "softbreak":
                texts = [" "]
            elif kind == "hardbreak":
                texts = ["", ""]
            else:
                texts = break_lines(child.content) if kind == "text" else [child.content]
            for number, text in enumerate(texts):
                if number:  # a real line break, where the Markdown has LINE_BREAK
                    brk = paragraph.add_run()
                    brk.add_break()
                    if link is not None:
                        link.append(brk._r)
                run = paragraph.add_run(_xml(text.strip() if len(texts) > 1 else text))
                run.bold, run.italic = state["bold"] or None, state["italic"] or None
                run.font.strike = state["strike"] or None
                if size is not None:
                    run.font.size = size  # type: ignore[assignment]
                if kind == "code_inline":
                    run.font.name = "Courier New"
                if link is not None:
                    run.font.color.rgb = RGBColor(0x1A, 0x4F, 0x8B)
                    run.font.underline = True
                    link.append(run._r)


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _columns(tokens: Sequence[Token], start: int) -> int:
    rows, _ = table_rows(tokens, start)
    return len(rows[0]) if rows else 0


def _repeat_header(table: Table) -> None:
    """Mark the first row as a header row, which Word repeats at the top of every page."""
    from docx.oxml import OxmlElement

    row = table.rows[0]._tr
    mark = OxmlElement("w:tblHeader")
    row.get_or_add_trPr().append(mark)


def _hyperlink(paragraph: Paragraph, url: str) -> BaseOxmlElement:
    """An external hyperlink at the end of `paragraph`, for the runs of its text."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), relation)
    paragraph._p.append(element)
    return element


def _fixed_dates(document: bytes) -> bytes:
    """The same .docx with every zip entry dated ZIP_DATE, so equal reports are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(document))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()
