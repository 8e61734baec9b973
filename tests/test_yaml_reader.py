"""The YAML reader: YAML 1.2 core scalars, positions, and never raising on bad input."""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BASE_REVIEW
from metaethno.checks import run_checks
from metaethno.review.diagnostics import Location
from metaethno.review.loader import load_review
from metaethno.review.yaml_reader import KeyPath, YamlDocument, read_yaml
from metaethno.review.yaml_scalars import resolve_plain

PATH = "studies/x.yaml"

# Codes after which the reader still returns the file's data; every other code means it could not.
KEEPS_DATA = {"ME003", "ME006"}


def read(text: str) -> YamlDocument:
    return read_yaml(text.encode("utf-8"), PATH)


def codes(doc: YamlDocument) -> list[str]:
    return [d.code for d in doc.diagnostics]


# -- scalars: the YAML 1.2 core schema ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "Yes",
        "NO",
        "On",
        "OFF",
        "2014-05-01",
        "12:30",
        "0b101",
        "1_000",
        "tRue",
        "nULL",
        "0x",
        "cant_tell",
        "10.5555/alpha",
    ],
)
def test_plain_scalars_that_yaml_1_1_resolves_stay_text(text: str) -> None:
    assert resolve_plain(text) == text
    assert read(f"value: {text}\n").data == {"value": text}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("12", 12),
        ("-12", -12),
        ("+12", 12),
        ("0", 0),
        ("017", 17),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("-1.5", -1.5),
        (".5", 0.5),
        ("1.", 1.0),
        ("1e3", 1000.0),
        ("1.5E-2", 0.015),
        (".inf", math.inf),
        ("+.Inf", math.inf),
        ("-.INF", -math.inf),
    ],
)
def test_plain_scalars_resolve_by_the_core_schema(text: str, value: object) -> None:
    for resolved in (resolve_plain(text), read(f"value: {text}\n").data["value"]):
        assert resolved == value
        assert type(resolved) is type(value)


@pytest.mark.parametrize("text", ["null", "Null", "NULL", "~", ""])
def test_null_forms_resolve_to_none(text: str) -> None:
    assert resolve_plain(text) is None
    assert read(f"value: {text}\n").data == {"value": None}


def test_nan_resolves_to_a_float_nan() -> None:
    for text in (".nan", ".NaN", ".NAN"):
        value = read(f"value: {text}\n").data["value"]
        assert isinstance(value, float)
        assert math.isnan(value)


@pytest.mark.parametrize(
    "source",
    ["'12'", '"true"', "'null'", '"~"', "''", "'yes'", '"0x1F"', "'.inf'"],
)
def test_quoted_scalars_stay_text(source: str) -> None:
    expected = source[1:-1]
    assert read(f"value: {source}\n").data == {"value": expected}


def test_block_scalars_stay_text() -> None:
    doc = read("literal: |\n  12\nfolded: >\n  true\n")
    assert doc.data == {"literal": "12\n", "folded": "true\n"}


def test_explicit_core_tags() -> None:
    doc = read(
        "a: !!str 12\nb: !!str yes\nc: !!int '12'\nd: !!float 1\n"
        "e: !!bool true\nf: !!null ''\ng: !!str\n"
    )
    assert doc.diagnostics == []
    assert doc.data == {"a": "12", "b": "yes", "c": 12, "d": 1.0, "e": True, "f": None, "g": ""}
    assert type(doc.data["d"]) is float


@pytest.mark.parametrize(
    ("source", "col"),
    [("year: !!python/object 2014\n", 7), ("year: !foo 2014\n", 7), ("year: !!int twelve\n", 7)],
)
def test_other_tags_and_values_that_do_not_fit_their_tag_are_reported(
    source: str, col: int
) -> None:
    doc = read(source)
    assert doc.data is None
    assert codes(doc) == ["ME011"]
    assert (doc.diagnostics[0].line, doc.diagnostics[0].col) == (1, col)


# -- positions -------------------------------------------------------------------------------

NESTED = """\
id: alpha2010
references:
  - authors: [Alpha, A.]
    year: 2010
concepts:
  - id: unheard
    quotes:
      - text: Nobody listened.
        page: 4
"""


def here(line: int, col: int) -> Location:
    return Location(PATH, line, col)


@pytest.mark.parametrize(
    ("keypath", "key", "value"),
    [
        (("id",), here(1, 1), here(1, 5)),
        (("references",), here(2, 1), here(3, 3)),
        (("references", 0), here(3, 5), here(3, 5)),
        (("references", 0, "authors"), here(3, 5), here(3, 14)),
        (("references", 0, "authors", 1), here(3, 22), here(3, 22)),
        (("references", 0, "year"), here(4, 5), here(4, 11)),
        (("concepts", 0, "quotes", 0), here(8, 9), here(8, 9)),
        (("concepts", 0, "quotes", 0, "page"), here(9, 9), here(9, 15)),
    ],
)
def test_key_and_value_positions(keypath: KeyPath, key: Location, value: Location) -> None:
    doc = read(NESTED)
    assert doc.diagnostics == []
    assert doc.key_location(keypath) == key
    assert doc.location(keypath) == value


def test_a_missing_keypath_falls_back_to_its_nearest_parent() -> None:
    doc = read(NESTED)
    assert doc.location(("concepts", 0, "label")) == here(6, 5)
    assert doc.location(("concepts", 3, "id")) == here(6, 3)
    assert doc.location(("nothing",)) == here(1, 1)


def test_positions_count_characters_not_bytes() -> None:
    doc = read("label: Café\nnote: Ünïcödé: x\n")
    assert codes(doc) == ["ME002"]
    assert (doc.diagnostics[0].line, doc.diagnostics[0].col) == (2, 14)


# -- duplicate keys, merge keys, aliases, depth ---------------------------------------------


def test_a_duplicate_key_is_reported_at_the_second_and_the_first_value_is_kept() -> None:
    doc = read("label: First\nother: x\nlabel: Second\n")
    assert doc.data == {"label": "First", "other": "x"}
    assert codes(doc) == ["ME003"]
    diagnostic = doc.diagnostics[0]
    assert (diagnostic.line, diagnostic.col) == (3, 1)
    assert "first at line 1" in diagnostic.message


def test_the_dropped_duplicate_leaves_no_positions_behind() -> None:
    doc = read("context:\n  country: UK\ncontext:\n  setting: clinic\n")
    assert doc.data == {"context": {"country": "UK"}}
    assert doc.location(("context", "setting")) == here(2, 3)


def test_duplicate_keys_in_a_nested_mapping() -> None:
    doc = read("appraisal:\n  answers: {1: yes, 2: no, 1: no}\n")
    assert doc.data == {"appraisal": {"answers": {1: "yes", 2: "no"}}}
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME003", 2, 28)]


def test_a_merge_key_is_reported_and_dropped() -> None:
    doc = read("context:\n  <<: {country: UK}\n  setting: clinic\n")
    assert doc.data == {"context": {"setting": "clinic"}}
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME006", 2, 3)]


def test_an_alias_is_reported_at_the_alias() -> None:
    doc = read("a: &x [1, 2]\nb: *x\n")
    assert doc.data is None
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME004", 2, 4)]


def test_a_billion_laughs_document_stops_at_its_first_alias() -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    doc = read("\n".join(lines) + "\n")
    assert doc.data is None
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME004", 2, 8)]


def test_deep_nesting_is_reported_without_exhausting_the_stack() -> None:
    doc = read("[" * 30_000 + "]" * 30_000 + "\n")
    assert doc.data is None
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME005", 1, 33)]


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("[" * 1_100 + "]" * 1_100 + "\n", (1, 33)),
        ("a: " + "{b: " * 1_100 + "1" + "}" * 1_100 + "\n", (1, 128)),
        ("".join(" " * i + f"k{i}:\n" for i in range(1_100)) + " " * 1_100 + "v\n", (33, 33)),
        ("".join(" " * i + "-\n" for i in range(1_100)), (33, 33)),
    ],
    ids=["brackets", "braces", "block-mappings", "block-lists"],
)
def test_nesting_past_libyamls_own_limit_is_too_deep_at_the_first_level_past_ours(
    text: str, position: tuple[int, int]
) -> None:
    """libyaml 0.2.6 and later refuse 1,000 levels themselves; the answer stays ME005."""
    doc = read(text)
    assert doc.data is None
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME005", *position)]


def test_32_levels_are_allowed_and_33_are_not() -> None:
    assert read("a: " + "[" * 31 + "]" * 31 + "\n").diagnostics == []
    doc = read("a: " + "[" * 32 + "]" * 32 + "\n")
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME005", 1, 35)]


# -- encodings and line endings --------------------------------------------------------------


def test_a_utf8_bom_at_the_start_is_accepted_and_does_not_shift_columns() -> None:
    doc = read_yaml(b"\xef\xbb\xbfid: alpha2010\nyear: 2010\n", PATH)
    assert doc.diagnostics == []
    assert doc.data == {"id": "alpha2010", "year": 2010}
    assert doc.key_location(("id",)) == here(1, 1)
    assert doc.location(("id",)) == here(1, 5)


def test_crlf_line_endings() -> None:
    doc = read_yaml(b"id: alpha2010\r\nlabel: |\r\n  one\r\n  two\r\nyear: 2010\r\n", PATH)
    assert doc.diagnostics == []
    assert doc.data == {"id": "alpha2010", "label": "one\ntwo\n", "year": 2010}
    assert doc.location(("year",)) == here(5, 7)


def test_invalid_utf8_is_reported_at_the_bad_byte() -> None:
    doc = read_yaml("title: Café\nlabel: caf".encode() + b"\xe9\n", PATH)
    assert doc.data is None
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME001", 2, 11)]
    assert "0xe9" in doc.diagnostics[0].message


def test_a_control_character_is_reported_at_its_position() -> None:
    doc = read("id: x\ntitle: a\x07b\n")
    assert doc.data is None
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME002", 2, 9)]


def test_a_control_character_after_non_ascii_text_is_reported_at_its_position() -> None:
    doc = read("title: Café\nnote: é\x07\n")
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("ME002", 2, 8)]


# -- files that are not one mapping ----------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "code", "line"),
    [
        ("", "ME007", 1),
        ("# only a comment\n", "ME007", 1),
        ("- id: x\n", "ME008", 1),
        ("just text\n", "ME008", 1),
        ("id: x\n---\nid: y\n", "ME009", 2),
        ("? [a, b]\n: c\n", "ME010", 1),
        ("id: [x\n", "ME002", 2),
    ],
)
def test_files_that_are_not_one_mapping(source: str, code: str, line: int) -> None:
    doc = read(source)
    assert doc.data is None
    assert [(d.code, d.line) for d in doc.diagnostics] == [(code, line)]


def test_a_quoted_merge_key_is_an_ordinary_key() -> None:
    doc = read("'<<': x\n")
    assert doc.diagnostics == []
    assert doc.data == {"<<": "x"}


# -- properties ------------------------------------------------------------------------------

FAST = settings(max_examples=200, deadline=None)


def assert_well_formed(doc: YamlDocument, source: bytes) -> None:
    """Diagnostics point inside the file, and the data is present exactly when it is usable."""
    lines = source.count(b"\n") + source.count(b"\r") + 1
    for diagnostic in doc.diagnostics:
        assert diagnostic.path == PATH
        assert 1 <= diagnostic.line <= lines + 1
        assert diagnostic.col >= 1
    fatal = [code for code in codes(doc) if code not in KEEPS_DATA]
    if doc.data is None:
        assert len(fatal) == 1, doc.diagnostics
    else:
        assert isinstance(doc.data, dict)
        assert fatal == []


YAML_TOKENS = [
    ":",
    ": ",
    "-",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "?",
    "? ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<",
    "!!",
    "!!str ",
    "!!int ",
    "!!python/object ",
    "!x ",
    "'",
    '"',
    "#",
    "|",
    ">",
    "---",
    "...",
    "%YAML 1.2",
    "\n",
    "\n",
    "\n  ",
    "\n    ",
    "  ",
    " ",
    "\t",
    "id",
    "label",
    "yes",
    "no",
    "12",
    "1.5",
    "null",
    "~",
    "true",
    "text",
    "x",
    "\\",
]
yaml_like_text = st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join)


@FAST
@given(st.one_of(st.binary(max_size=300), yaml_like_text.map(str.encode)))
def test_arbitrary_bytes_give_diagnostics_never_exceptions(source: bytes) -> None:
    doc = read_yaml(source, PATH)
    assert_well_formed(doc, source)


@FAST
@given(yaml_like_text)
def test_yaml_punctuation_gives_diagnostics_with_positions(text: str) -> None:
    source = text.encode()
    doc = read_yaml(source, PATH)
    assert_well_formed(doc, source)


# PyYAML dumps by YAML 1.1 rules: it quotes a string only where YAML 1.1 would read it as
# something else. Some numerals are text in YAML 1.1 but numbers in YAML 1.2 (`019`, `0o17`,
# `1e3`, `+.5`), so safe_dump writes them plain and a YAML 1.2 reader rightly reads numbers.
# That is a difference between the two YAML versions, not a reader bug; number-like strings are
# left out here and their resolution is tested above.
NUMBER_LIKE = re.compile(r"[-+]?[.0-9][0-9a-fA-FoxX._:+-]*\Z")
# A quoted '<<' is read as a merge key: see test_a_quoted_merge_key_is_an_ordinary_key.
# With allow_unicode=True, PyYAML writes the YAML 1.1 line breaks U+0085, U+2028 and U+2029
# unescaped inside quotes, where every YAML reader (PyYAML's own too) folds them into a space.
texts = st.text(
    st.characters(exclude_characters="\x85\u2028\u2029", exclude_categories=["Cs"]),
    max_size=20,
).filter(lambda s: not NUMBER_LIKE.match(s) and s != "<<")
leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts)
nested = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(texts, children, max_size=4)
    ),
    max_leaves=20,
)


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def texts_in(value: Any) -> Iterator[str]:
    """Every text in `value`, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(key)
            yield from texts_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_in(item)


def keypaths(value: Any, prefix: KeyPath = ()) -> Iterator[KeyPath]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from keypaths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from keypaths(item, (*prefix, index))


@FAST
@given(st.dictionaries(texts, nested, min_size=1, max_size=5))
def test_safe_dump_output_reads_back_as_the_same_data(data: dict[str, Any]) -> None:
    for style, allow_unicode in ((False, True), (None, False), (True, False)):
        dumped = yaml.safe_dump(data, default_flow_style=style, allow_unicode=allow_unicode)
        source = dumped.encode()
        doc = read_yaml(source, PATH)
        # text with control characters reads back whole, and each such text is reported
        expected = sum(1 for text in texts_in(data) if CONTROL.search(text))
        assert [d.code for d in doc.diagnostics] == ["ME015"] * expected
        assert doc.data == data
        assert set(keypaths(data)) <= set(doc.spans)
        for span in doc.spans.values():
            assert min(span) >= 1


@pytest.fixture(scope="module")
def scratch_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    review = tmp_path_factory.mktemp("fuzz") / "review"
    shutil.copytree(BASE_REVIEW, review)
    return review


STUDY_LINES = [
    "id: alpha2010\n",
    "references:\n",
    "  - year: 2010\n",
    "    title: T\n",
    "concepts:\n",
    "  - id: unheard\n",
    "    label: L\n",
    "appraisal: {answers: {1: yes, 11: maybe}}\n",
]
study_like_text = st.lists(
    st.one_of(st.sampled_from(STUDY_LINES), st.sampled_from(YAML_TOKENS)), max_size=40
).map("".join)


@FAST
@given(st.one_of(study_like_text, st.text(max_size=200)))
def test_a_review_with_one_random_study_file_loads_and_checks(
    scratch_review: Path, text: str
) -> None:
    (scratch_review / "studies" / "alpha2010.yaml").write_text(text, encoding="utf-8")
    loaded = load_review(scratch_review)
    diagnostics = loaded.diagnostics + run_checks(loaded.review)
    review = loaded.review
    assert review.has_study("alpha2010")
    assert set(review.concepts) == {"being-heard", "trust"}
    assert "beta2012" in review.studies
    for diagnostic in diagnostics:
        assert diagnostic.line >= 1
        assert diagnostic.col >= 1
        assert diagnostic.code != "ME201"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            "id: a\nyear: 2019\n  title: x\n",
            "line 3 is indented more than line 2, whose key `year` already has a value: line it "
            "up with the keys above, or put the value in quotes if it contains `: `",
        ),
        (
            "concepts:\n  - id: a\n    label: b\n   quotes: x\n",
            "check the indentation of this line: a list's `- ` items start in one column, and "
            "the keys of an item line up under its first key",
        ),
        (  # `label` is left of `id`, not right of it
            "concepts:\n  - id: a\n   label: b\n",
            "check the indentation of this line: a list's `- ` items start in one column, and "
            "the keys of an item line up under its first key",
        ),
        (
            "concepts:\n  - id: a\n     label: b\n",
            "line 3 is indented more than line 2, whose key `id` already has a value: line it "
            "up with the keys above, or put the value in quotes if it contains `: `",
        ),
        ("id: a\n\tyear: 1\n", "indent with spaces, not tabs"),
        ("id: a\nlabel: Trust: x\n", "put the value in quotes if it contains `: `"),
    ],
    ids=[
        "over-indented-key",
        "list-item-out-of-line",
        "key-left-of-the-items-first-key",
        "key-right-of-the-items-first-key",
        "tab",
        "colon-in-text",
    ],
)
def test_wrong_indentation_gets_a_hint_as_well_as_the_parsers_words(text: str, hint: str) -> None:
    (diagnostic,) = read(text).diagnostics
    assert diagnostic.code == "ME002"
    assert diagnostic.message.startswith("YAML syntax error: ")
    assert diagnostic.message.endswith(f"; {hint}")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('a: "x\\x07y"\n', 0x07),
        ('a: "\\e[31mred"\n', 0x1B),
        ('a: "line\\rfeed"\n', 0x0D),
        ('a: "\\x7f"\n', 0x7F),
        ('a: "\\u0085"\n', 0x85),
        ('a: "\\u009b31m"\n', 0x9B),
        ('"key\\0": v\n', 0x00),
    ],
)
def test_control_characters_in_text_are_reported_with_their_position(text: str, code: int) -> None:
    doc = read(text)
    assert [(d.code, d.line) for d in doc.diagnostics] == [("ME015", 1)]
    assert f"U+{code:04X}" in doc.diagnostics[0].message


@pytest.mark.parametrize(
    "text",
    ['a: "tab\\there"\n', 'a: "two\\nlines"\n', "a: |\r\n  x\r\n  y\r\n", "a: back\\slash\n"],
)
def test_tabs_newlines_and_backslashes_are_not_control_characters(text: str) -> None:
    assert read(text).diagnostics == []


@pytest.mark.parametrize(
    "text", ['a: "one\\Ltwo"\n', 'a: "one\\Ptwo"\n', 'a: "one\u2028two"\n', "a: 'one\u2029two'\n"]
)
def test_line_and_paragraph_separators_are_read_as_line_breaks(text: str) -> None:
    """Terminals and tables have no such separators of their own and would break a row at one."""
    doc = read(text)
    assert doc.diagnostics == []
    assert doc.data == {"a": "one\ntwo"}
