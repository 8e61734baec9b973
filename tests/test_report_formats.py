"""`metaethno report --format html|docx`: the Markdown report's content as a web page and a
Word document, each read back with an independent reader (html.parser, python-docx)."""

from __future__ import annotations

import io
import itertools
import json
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

import hostile
from conftest import TESTS, UPDATE_GOLDEN
from metaethno.analysis.synthesis import analyse
from metaethno.cli import app
from metaethno.render.diagram import FONT, LABEL_FONT, LINE, flowchart_svg, read_flowchart
from metaethno.render.docx import CELL_PADDING, CHAR, render_docx, split_columns
from metaethno.render.html import render_html
from metaethno.render.report import render_report

EXAMPLE = TESTS.parent
EXAMPLE_HTML = EXAMPLE / "docs" / "example-report.html"
DOI = "https://doi.org/10.5555/jcmhp.2011.0142"
runner = CliRunner()


def report(*args: str) -> bytes:
    result = runner.invoke(app, ["report", str(EXAMPLE), *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


class Page(HTMLParser):
    """Every start tag with its attributes, the ids, and the text of <title>."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002 - HTMLParser's signature
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@pytest.fixture(scope="module")
def page_text() -> str:
    return report("--format", "html").decode("utf-8")


def test_the_web_page_is_self_contained(page_text: str) -> None:
    page = Page(page_text)
    external = [
        (tag, attrs)
        for tag, attrs in page.tags
        if (tag in ("script", "img", "iframe", "source", "video", "audio") and attrs.get("src"))
        or (tag == "link" and attrs.get("href"))
        or (tag in ("image", "use") and (attrs.get("href") or attrs.get("xlink:href")))
    ]
    assert external == []
    assert "@import" not in page_text and "url(http" not in page_text
    assert sum(tag == "svg" for tag, _ in page.tags) == 2  # PRISMA flow, line of argument
    assert page.title.startswith("Relational influences on mental health")


def test_the_web_page_has_a_table_of_contents_and_links_the_dois(page_text: str) -> None:
    page = Page(page_text)
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    contents = [a["href"] for tag, a in page.tags if tag == "a" and a["href"].startswith("#")]
    assert "#line-of-argument" in contents and "#methods" in contents
    assert {href[1:] for href in contents} <= ids
    assert ("a", {"href": DOI}) in page.tags


def test_the_web_pages_tables_are_the_markdown_reports(page_text: str) -> None:
    """Same tables; the wide ones marked for a sticky first column and landscape print; a
    reviewer's line break a real break, not the Markdown's mark for it."""
    markdown = report().decode("utf-8")
    page = Page(page_text)
    assert sum(tag == "table" for tag, _ in page.tags) == markdown.count("\n| -")
    wrappers = [
        attrs["class"]
        for tag, attrs in page.tags
        if tag == "div" and "table" in attrs.get("class", "")
    ]
    assert "table wide" in wrappers and "table" in wrappers
    assert "¶" not in page_text and "¶" in markdown
    assert "downgraded for methodological limitations.<br>\nMethodological limitations" in page_text


def test_the_example_web_page_is_current() -> None:
    """docs/example-report.html is the bundled example's web page; `make golden` rewrites it."""
    if UPDATE_GOLDEN:
        report("-o", str(EXAMPLE_HTML), "--force")
    result = runner.invoke(app, ["report", str(EXAMPLE), "--check", str(EXAMPLE_HTML)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert report("--format", "html") == report("--format", "html")


def test_the_format_follows_the_output_files_suffix(tmp_path: Path) -> None:
    report("-o", str(tmp_path / "report.html"))
    assert (tmp_path / "report.html").read_text().startswith("<!DOCTYPE html>")
    report("-o", str(tmp_path / "report.docx"))
    assert zipfile.is_zipfile(tmp_path / "report.docx")
    result = runner.invoke(app, ["report", str(EXAMPLE), "-f", "docx", "-o", "r.html"])
    assert result.exit_code == 2
    assert "--format docx does not match the output file r.html" in result.stderr


def test_a_word_report_cannot_be_checked(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(EXAMPLE), "--check", str(tmp_path / "report.docx")])
    assert result.exit_code == 2
    assert "--check compares a Markdown or HTML report" in result.stderr


@pytest.mark.parametrize("module", ["docx", "PIL"])
def test_word_without_the_extra_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # as if the extra were not installed
    output = tmp_path / "report.docx"
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(output)])
    assert result.exit_code == 2
    assert result.stderr == (
        "metaethno: report --format docx needs the `docx` extra (python-docx, Pillow), which "
        "is not installed; install it with: pip install 'metaethno[docx]' (or use --format "
        "html)\n"
    )
    assert not output.exists()


# -- Word --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def word() -> bytes:
    return report("--format", "docx")


def test_the_word_report_has_a_title_and_headings(word: bytes) -> None:
    from docx import Document

    document = Document(io.BytesIO(word))
    title = "Relational influences on mental health and cancer care for racially minoritised"
    assert document.core_properties.title.startswith(title)
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.style is not None]
    assert styles[0][0] == "Title" and styles[0][1].startswith(title)
    assert ("Heading 1", "Methods") in styles
    assert ("Heading 2", "Line of argument") in styles
    assert ("Heading 3", "Translation grid") in styles
    assert word == report("--format", "docx")  # the same bytes every time


def test_the_word_reports_wide_tables_are_on_landscape_pages(word: bytes) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT

    document = Document(io.BytesIO(word))
    body = document.element.body
    orientation_of_table = []
    tables = iter(document.tables)
    # a section's properties close it: walk the body and note each table's section
    pending: list[int] = []
    for element in body.iterchildren():
        if element.tag.endswith("}tbl"):
            pending.append(len(next(tables).columns))
        section = element.find(".//{*}sectPr") if element.tag.endswith("}p") else None
        if section is not None or element.tag.endswith("}sectPr"):
            landscape = (section if section is not None else element).find("{*}pgSz")
            wide = (
                landscape is not None
                and landscape.get(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}orient"
                )
                == "landscape"
            )
            orientation_of_table += [(columns, wide) for columns in pending]
            pending = []
    assert all(wide for columns, wide in orientation_of_table if columns > 7)
    assert any(not wide for _, wide in orientation_of_table)
    assert any(s.orientation == WD_ORIENT.LANDSCAPE for s in document.sections)


def test_the_grid_is_split_into_blocks_of_eight_studies_with_the_concepts_repeated(
    word: bytes,
) -> None:
    from docx import Document

    document = Document(io.BytesIO(word))
    grids = [
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells[:2]] == ["Higher-order concept", "Concept"]
    ]
    assert len(grids) == 4  # 29 studies and the count
    assert all(len(grid.columns) <= 2 + 8 + 1 for grid in grids)
    assert grids[-1].rows[0].cells[-1].text == "n"
    keys, blocks = split_columns(["Concept", *(f"S{n}" for n in range(17)), "n"])
    assert keys == 1 and [len(block) for block in blocks] == [9, 9, 3]


def test_no_word_table_column_is_narrower_than_its_longest_word(word: bytes) -> None:
    from docx import Document

    document = Document(io.BytesIO(word))
    for number, table in enumerate(document.tables):
        for row in table.rows:
            for cell in row.cells:
                longest = max((len(w) for w in cell.text.split()), default=0)
                width = cell.width.inches if cell.width is not None else 0
                assert width >= max(3, longest) * CHAR + CELL_PADDING - 1 / 1440, (
                    number,
                    cell.text,
                )
        # the table's grid, which fixed layout (and LibreOffice) follows, has the same widths
        grid = [column.w for column in table._tbl.tblGrid.gridCol_lst]
        assert grid == [cell.width for cell in table.rows[0].cells], number
        first = table.rows[0]._tr.find("{*}trPr")
        assert first is not None and first.find("{*}tblHeader") is not None, number


def test_the_word_report_links_dois_breaks_lines_and_draws_the_diagrams(word: bytes) -> None:
    from docx import Document

    document = Document(io.BytesIO(word))
    links = {r.target_ref for r in document.part.rels.values() if r.is_external}
    assert DOI in links
    assert len(document.inline_shapes) == 2
    with zipfile.ZipFile(io.BytesIO(word)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        assert sum(name.endswith(".png") for name in archive.namelist()) == 2
    assert "¶" not in body
    cerqual = next(t for t in document.tables if t.rows[0].cells[0].text == "Finding")
    assert cerqual.rows[1].cells[3]._tc.xml.count("<w:br/>") == 1


# -- diagrams ----------------------------------------------------------------------------


def test_the_diagram_reads_mermaid_entities_and_chains() -> None:
    nodes, edges = read_flowchart(
        'flowchart TD\n  a["Say #quot;no#quot; #35;1<br>twice"]\n  b(["B"])\n'
        '  a -->|"feeds"| b\n  b -.->|includes| a\n  a --> c --> d\n'
    )
    assert [(n.id, n.label, n.rounded) for n in nodes] == [
        ("a", 'Say "no" #1\ntwice', False),
        ("b", "B", True),
        ("c", "c", False),
        ("d", "d", False),
    ]
    assert [(e.source, e.target, e.label, e.dotted) for e in edges] == [
        ("a", "b", "feeds", False),
        ("b", "a", "includes", True),
        ("a", "c", "", False),
        ("c", "d", "", False),
    ]


def test_no_edge_runs_through_a_box_and_no_label_overlaps_another(page_text: str) -> None:
    """The line of argument of the example: 9 pt text or more, at the drawing's own size."""
    markdown = report().decode("utf-8")
    chart = markdown.split("```mermaid\n")[-1].split("```")[0]
    drawing = flowchart_svg(chart)
    assert drawing is not None
    assert min(FONT, LABEL_FONT) * 72 / 96 >= 9
    for points, _ in drawing.paths:
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            for step in range(1, 20):
                x, y = x1 + (x2 - x1) * step / 20, y1 + (y2 - y1) * step / 20
                inside = [
                    b.label
                    for b in drawing.boxes
                    if b.x + 1 < x < b.x + b.width - 1 and b.y + 1 < y < b.y + b.height - 1
                ]
                assert inside == [], (points, inside)
    labels = drawing.labels
    for index, a in enumerate(labels):
        for b in labels[index + 1 :]:
            apart_x = abs(a.x - b.x) >= (a.width + b.width) / 2
            apart_y = abs(a.y - b.y) >= LINE * LABEL_FONT - 1e-9
            assert apart_x or apart_y, (a, b)
    assert drawing.svg in page_text


def test_a_large_chart_is_drawn_with_its_higher_order_concepts_only() -> None:
    lines = ["flowchart TD", '  top(["Top"])', '  other(["Other"])']
    lines += [f'  c{n}["Concept {n}"]' for n in range(50)]
    lines += [f"  top -.->|includes| c{n}" for n in range(50)]
    lines.append('  top -->|"shapes"| other')
    drawing = flowchart_svg("\n".join(lines) + "\n")
    assert drawing is not None
    assert [box.label for box in drawing.boxes] == ["Top", "Other"]
    assert drawing.note == (
        "Of 52 concepts, the 2 higher-order ones only: a diagram of them all would be too "
        "large to read."
    )


# -- in a browser ------------------------------------------------------------------------

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
SCROLL_THE_GRID = """<script>
const grid = document.getElementById("translation-grid").nextElementSibling;
grid.scrollIntoView();
grid.scrollLeft = grid.scrollWidth;
const first = grid.querySelector("tbody td").getBoundingClientRect();
const box = grid.getBoundingClientRect();
document.body.dataset.grid = JSON.stringify([first.left - box.left, grid.scrollLeft]);
</script>
"""


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian: apt install chromium)"
)
def test_in_chromium_the_grids_first_column_stays_in_view_when_scrolled(
    tmp_path: Path, page_text: str
) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    page.write_text(page_text.replace("</body>", SCROLL_THE_GRID + "</body>"))
    browser = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    browser += ["--window-size=1280,800", "--virtual-time-budget=5000"]
    dom = subprocess.run(
        [*browser, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    left, scrolled = json.loads(dom.split('data-grid="')[1].split('"')[0].replace("&quot;", '"'))
    assert scrolled > 1000  # the grid scrolled far to the right...
    assert 0 <= left < 2  # ...and its first column is still at its left edge
    shot = tmp_path / "report.png"
    subprocess.run(
        [*browser, f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        check=True,
        timeout=120,
    )
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20]), int.from_bytes(header[20:24])) == (1280, 800)


# -- reviewers' text ---------------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile.texts_for_a_review)
def test_reviewers_text_cannot_change_the_web_page_or_the_word_document(texts: list[str]) -> None:
    """No tag, script or diagram comes from reviewers' text: the page has the tags of the plain
    review's page, and the Word document the same headings, tables and pictures."""
    markdown = render_report(analyse(hostile.review(texts)))
    plain = render_report(analyse(hostile.PLAIN))
    assert _tags(render_html(markdown)) == _tags(render_html(plain))
    assert _parts(render_docx(markdown)) == _parts(render_docx(plain))


def _tags(page: str) -> list[str]:
    """The page's element names, in order, less the line breaks and SVG parts, whose number
    follows the text (lines of a box, a break in a cell)."""
    return [tag for tag, _ in Page(page).tags if tag not in ("br", "text", "rect", "polyline")]


def _parts(document: bytes) -> tuple[list[str], int, int]:
    from docx import Document

    read = Document(io.BytesIO(document))
    headings = [p.style.name for p in read.paragraphs if p.style is not None]
    return (
        [h for h in headings if h.startswith(("Heading", "Title"))],
        len(read.tables),
        len(read.inline_shapes),
    )
