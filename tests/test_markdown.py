"""Markdown escaping and tables: reviewers' text shows as written and cannot change structure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from markdown_reading import split_row, tables
from metaethno.render import markdown as md

HOSTILE = [
    "|",
    "\\|",
    "\\",
    "\n",
    "\r\n",
    "\r",
    "<script>alert(1)</script>",
    "<br>",
    "&lt;",
    "`",
    "```",
    "~~~",
    "# ",
    "## x",
    "> ",
    "- ",
    "+ ",
    "* ",
    "1. ",
    "2) ",
    "---",
    "===",
    "**",
    "_",
    "[x](https://example.com)",
    "![x](y.png)",
    "$x$",
    "~~x~~",
    "    ",
    "\t",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(max_size=4)), min_size=1, max_size=8
).map("".join)
PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Being heard", "Being heard"),
        ("a | b", "a \\| b"),
        ("first\nsecond", "first ¶ second"),
        ("first\r\n\r\n  second", "first ¶ second"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b", "a &amp; b"),
        ("`code`", "\\`code\\`"),
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "&gt; not a quote"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("12. not a list", "12\\. not a list"),
        ("3) not a list", "3\\) not a list"),
        ("===", "\\==="),
        ("*em* _em_ [link](x)", "\\*em\\* \\_em\\_ \\[link\\](x)"),
        ("back\\slash", "back\\\\slash"),
        ("  indented code?", "indented code?"),
        ("line\n# heading after a break", "line ¶ \\# heading after a break"),
        # what pandoc's reader gives a meaning: superscript, citation, dashes, lettered lists
        ("x^2^ and H~2~O", "x\\^2\\^ and H\\~2\\~O"),
        ("@smith2020 says", "\\@smith2020 says"),
        ("1990--2000 --- a gap", "1990\\-\\-2000 -\\-\\- a gap"),
        ("a. not a list", "a\\. not a list"),
        ("iv) not a list", "iv\\) not a list"),
        ("(2) not a list", "(2\\) not a list"),
        ("Mr. Smith", "Mr. Smith"),
        # DOIs as autolinks, which pandoc does not make from a bare URL; the full stop stays out
        (
            "See https://doi.org/10.1000/a_b*c. Then",
            "See <https://doi.org/10.1000/a_b*c>. Then",
        ),
        ("http://dx.doi.org/10.1/x", "<http://dx.doi.org/10.1/x>"),
        ("https://doi.org/10.1/a|b<c>`d", "<https://doi.org/10.1/a%7Cb%3Cc%3E%60d>"),
        ("C# and 1.5", "C# and 1.5"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert md.escape(text) == escaped


def test_code_spans_ids_and_escapes_anything_else() -> None:
    assert md.code("alpha2010/unheard") == "`alpha2010/unheard`"
    assert md.code("a`b") == "a\\`b"


def test_table_rejects_a_short_row() -> None:
    with pytest.raises(ValueError, match="a row of 1 cells under 2 headers"):
        md.table(["a", "b"], [["only one"]])


def test_table_right_aligns_numeric_columns() -> None:
    assert md.table(["Study", "n"], [["Alpha 2010", "3"]], numeric=[1]) == (
        "| Study | n |\n| ---------- | ---: |\n| Alpha 2010 | 3 |\n\n"
    )


def test_table_separators_are_weighted_by_content() -> None:
    """pandoc shares the page out by the dashes: at least 3, the longest word, at most 40."""
    note = "a long note " * 10
    text = md.table(["Q1", "Notes", "Key"], [["Yes", note, "Incomprehensibilities"]])
    assert text.splitlines()[1] == f"| --- | {'-' * 40} | {'-' * 21} |"


@given(hostile_text)
def test_escaped_text_is_one_inert_line(text: str) -> None:
    escaped = md.escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert "<" not in escaped
    tokens = PARSER.parseInline(escaped)[0].children or []
    kinds = {token.type for token in tokens}
    assert kinds <= {"text", "softbreak"}, kinds


@given(hostile_text)
def test_escaped_text_cannot_start_a_block(text: str) -> None:
    tokens = PARSER.parse(md.escape(text))
    assert [t.type for t in tokens] in (
        [],
        ["paragraph_open", "inline", "paragraph_close"],
    )


@given(st.lists(st.lists(hostile_text, min_size=3, max_size=3), min_size=1, max_size=4))
def test_every_table_row_has_as_many_cells_as_the_header(rows: list[list[str]]) -> None:
    text = md.table(["a", "b", "c"], [[md.escape(cell) for cell in row] for row in rows])
    [table] = tables(text)
    assert [len(row) for row in table.rows] == [3] * len(rows)
    html = PARSER.render(text)
    assert html.count("<tr>") == len(rows) + 1
    assert html.count("<td>") == 3 * len(rows)


def test_split_row_keeps_escaped_pipes() -> None:
    assert split_row("| a \\| b | c\\\\\\| d |") == ["a \\| b", "c\\\\\\| d"]


@given(st.lists(st.text(alphabet="ab\n", max_size=4), max_size=6))
def test_a_document_is_its_parts_joined_ending_in_one_newline(parts: list[str]) -> None:
    assert md.document(parts) == "".join(parts).rstrip("\n") + "\n"


FRAGMENTS = [
    "https://doi.org/10.1000/x",
    "DOI.ORG/10.1/y",
    "do\N{LATIN SMALL LETTER DOTLESS I}.org",  # matched by a case-blind search
    "do\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}.org",
    "--",
    "-",
    "1.",
    "iv)",
    "(2)",
    "a.",
    "#",
    " ",
    "\n",
    "word",
    "“quoted”",
]


@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=8).map("".join))
def test_text_left_as_it_is_is_text_escaping_would_not_change(text: str) -> None:
    """The quick test that skips escaping never skips text the escaping would change."""
    lines = md._LINE_BREAK.split(text.strip())
    assert md.escape(text) == md.LINE_BREAK.join(md._escape_line(line) for line in lines)
