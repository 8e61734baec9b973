"""Any text a reviewer can write, control characters included, is either reported by `check`
(ME015 at its position) or leaves every output well-formed.

The review is written to disk with `yaml.safe_dump`, which puts text holding a control
character in double quotes with escapes, so every file is valid YAML; the commands then read
it as a user runs them. What each output must keep is taken from the same review with plain
text, where text number i is `t{i}`: a cell, value or label that was `t{i}` there must be the
hostile text number i, and everything else must be the same.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped]
import openpyxl
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import hostile
from markdown_reading import tables
from metaethno.analysis.synthesis import analyse
from metaethno.cli import app
from metaethno.render.graph import view_graph
from metaethno.render.qdc import concept_guid
from metaethno.render.qdc import xml_text as qdc_text
from metaethno.review.loaded import Review
from metaethno.review.models import text_key
from test_export_qdc import CODEBOOK_XSD, Q, codebook_schema
from test_export_tables import FILES, SHEETS
from test_graphs import VIEWS, as_xml_reads_it, dot_statements, node_labels
from test_report import structure

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
runner = CliRunner()
# Wide enough that no cell folds, so a label is printed on one line as it was written.
ENV: dict[str, str | None] = {"COLUMNS": "1000", "FORCE_COLOR": None, "NO_COLOR": None}

# What ME015 reports: every control character (Unicode category Cc) but tab and newline.
CONTROLS = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\t\n")
CONTROL = re.compile(f"[{re.escape(CONTROLS)}]")
# Line and paragraph separators are not control characters: they pass check.
SEPARATORS = "\u2028\u2029"
SEPARATOR = re.compile(f"[{SEPARATORS}]")
PLAIN_TEXTS = [f"t{index}" for index in range(hostile.TEXTS)]
PLAIN_TOKEN = re.compile(r"t(\d+)")


def free_text(controls: bool) -> st.SearchStrategy[str]:
    """Hostile text: Markdown, HTML and quoting fragments, any characters but surrogates,
    separators, tabs and newlines; control characters too when `controls`."""
    specials = SEPARATORS + "\t\n" + (CONTROLS if controls else "")
    fragments = [f for f in hostile.FRAGMENTS if controls or not CONTROL.search(f)]
    characters = (
        st.characters(exclude_categories=["Cs"])
        if controls
        else st.characters(exclude_categories=["Cs", "Cc"])
    )
    piece = st.one_of(
        st.sampled_from(fragments),
        st.text(characters, max_size=4),
        st.text(st.sampled_from(specials), min_size=1, max_size=2),
    )
    # Blank text is refused by the format (ME104): leave it out so most reviews pass check.
    return st.lists(piece, min_size=1, max_size=6).map("".join).filter(str.strip)


# Distinct texts, so that no two concepts or levels share a label (ME213, ME216).
texts_for_a_review = st.booleans().flatmap(
    lambda controls: st.lists(
        free_text(controls), min_size=hostile.TEXTS, max_size=hostile.TEXTS, unique_by=text_key
    )
)


def write_review(review: Review, root: Path, allow_unicode: bool) -> None:
    """The review's files as a reviewer keeps them. With `allow_unicode`, text is written as
    it is wherever PyYAML reads it back the same (it writes a NEL unescaped into single
    quotes, where it reads back as a space), escaped otherwise."""
    files: dict[str, Any] = {"metaethno.yaml": review.config}
    files |= {f"studies/{study.id}.yaml": study for study in review.studies.values()}
    files |= {f"concepts/{concept.id}.yaml": concept for concept in review.concepts.values()}
    for name, model in files.items():
        data = model.model_dump(exclude_unset=True)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=allow_unicode)
        if allow_unicode and yaml.safe_load(text) != data:
            text = yaml.safe_dump(data, sort_keys=False)
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def controls_on_disk(root: Path) -> set[tuple[str, int, int, str]]:
    """(file, line, column, first control character) of every scalar holding a control
    character, found by PyYAML's own composer."""
    found: set[tuple[str, int, int, str]] = set()
    for path in sorted(root.rglob("*.yaml")):
        nodes = [yaml.compose(path.read_text(encoding="utf-8"))]
        while nodes:
            node = nodes.pop()
            if isinstance(node, yaml.ScalarNode):
                match = CONTROL.search(node.value)
                if match:
                    mark = node.start_mark
                    where = (path.relative_to(root).as_posix(), mark.line + 1, mark.column + 1)
                    found.add((*where, f"U+{ord(match.group()):04X}"))
            elif isinstance(node, yaml.MappingNode):
                nodes += [part for pair in node.value for part in pair]
            elif isinstance(node, yaml.SequenceNode):
                nodes += node.value
    return found


ME015_LINE = re.compile(r"^(.+?):(\d+):(\d+): error ME015 .*\b(U\+[0-9A-F]{4})\b")


def cli(*args: str) -> str:
    """What a command prints, which must succeed."""
    result = runner.invoke(app, list(args), env=ENV)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


@dataclass(frozen=True)
class Outputs:
    """What every command writes for one review: text by name, the codebook's codes and the
    workbook's cells."""

    texts: dict[str, str]
    codes: dict[str, tuple[str, str]]
    sheets: dict[str, list[list[str]]]


TERMINAL = {
    "table translate": ("translate", "-f", "table"),
    "table relate": ("relate", "-f", "table"),
}


def terminal(review: Path) -> dict[str, str]:
    """The terminal tables of the review, by name."""
    return {
        name: cli(command, str(review), *options) for name, (command, *options) in TERMINAL.items()
    }


def outputs(review: Path, folder: Path) -> Outputs:
    """Every output of every command for the review, files written into `folder`."""
    r = str(review)
    made = {
        **terminal(review),
        "md report": cli("report", r),
        "md translate": cli("translate", r, "-f", "markdown"),
        "md relate": cli("relate", r, "-f", "markdown"),
        "csv translate": cli("translate", r, "-f", "csv"),
        "csv translate long": cli("translate", r, "-f", "csv", "--layout", "long"),
        "csv relate": cli("relate", r, "-f", "csv"),
        "json translate": cli("translate", r, "-f", "json"),
        "json relate": cli("relate", r, "-f", "json"),
    }
    for view in VIEWS:
        for kind in ("dot", "graphml", "gexf", "json"):
            made[f"{kind} graph {view}"] = cli("graph", r, "-f", kind, "--view", view)
    cli("export", "csv", r, str(folder / "csv"))
    for file in FILES:
        made[f"csv {file}"] = (folder / "csv" / file).read_text(encoding="utf-8")
    cli("export", "qdc", r, "-o", str(folder / "review.qdc"))
    cli("export", "xlsx", r, "-o", str(folder / "review.xlsx"))
    return Outputs(made, read_qdc(folder / "review.qdc"), read_xlsx(folder / "review.xlsx"))


def of_kind(made: dict[str, str], kind: str) -> dict[str, str]:
    """The outputs of one kind: `table`, `md`, `csv`, `json`."""
    return {name: text for name, text in made.items() if name.startswith(kind + " ")}


def assert_same_values(plain: Any, hostile_value: Any, texts: Sequence[str], where: str) -> None:
    """`hostile_value` has the shape of `plain`; a value that is `t{i}` in `plain` is
    texts[i], and every value or key without a `t{i}` in it is the same."""
    if isinstance(plain, dict):
        assert isinstance(hostile_value, dict), where
        assert len(hostile_value) == len(plain), where
        for (key, value), (other_key, other) in zip(
            plain.items(), hostile_value.items(), strict=True
        ):
            assert_same_values(key, other_key, texts, where)
            assert_same_values(value, other, texts, f"{where}.{key}")
    elif isinstance(plain, list):
        assert isinstance(hostile_value, list), where
        assert len(hostile_value) == len(plain), (where, plain, hostile_value)
        for index, (value, other) in enumerate(zip(plain, hostile_value, strict=True)):
            assert_same_values(value, other, texts, f"{where}[{index}]")
    elif isinstance(plain, str) and (token := PLAIN_TOKEN.fullmatch(plain)):
        assert hostile_value == texts[int(token.group(1))], where
    elif not (isinstance(plain, str) and PLAIN_TOKEN.search(plain)):
        assert hostile_value == plain, where


def shape(markdown: str) -> list[list[int]]:
    """The cells in each row of each table of a Markdown document, the header first."""
    return [[len(row) for row in [table.header, *table.rows]] for table in tables(markdown)]


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def read_xlsx(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet's cells as the CSV files hold them."""
    workbook = openpyxl.load_workbook(path)
    return {
        sheet.title: [
            ["" if value is None else str(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in workbook.worksheets
    }


def read_qdc(path: Path) -> dict[str, tuple[str, str]]:
    """(name, description) of every code of a codebook, by GUID; validated against the
    REFI-QDA schema where ../shared holds it."""
    root = ET.fromstring(path.read_bytes())
    if CODEBOOK_XSD.is_file():
        codebook_schema().validate(str(path))
    return {
        code.get("guid", ""): (code.get("name", ""), code.findtext(f"{Q}Description") or "")
        for code in root.iter(f"{Q}Code")
    }


@cache
def plain_outputs() -> Outputs:
    """The outputs of the review with plain text, `t{i}` for text number i."""
    with tempfile.TemporaryDirectory() as folder:
        write_review(hostile.review(PLAIN_TEXTS), Path(folder) / "review", allow_unicode=False)
        return outputs(Path(folder) / "review", Path(folder))


# Explicit examples: every fragment, every separator and every control character in a label.
EVERY_FRAGMENT = [f if f.strip() else f"x{f}x" for f in hostile.FRAGMENTS if not CONTROL.search(f)]
EVERY_SEPARATOR = [f"{t}{SEPARATORS[i % 2]}x" for i, t in enumerate(PLAIN_TEXTS)]
EVERY_CONTROL = [f"c{index}{char}" for index, char in enumerate(CONTROLS)]


@FAST
@example(texts=EVERY_SEPARATOR, unicode=True)
@example(texts=(EVERY_FRAGMENT + PLAIN_TEXTS)[: hostile.TEXTS], unicode=False)
@example(texts=(EVERY_CONTROL + PLAIN_TEXTS)[: hostile.TEXTS], unicode=True)
@given(texts=texts_for_a_review, unicode=st.booleans())
def test_any_text_is_reported_or_every_output_stays_well_formed(
    texts: list[str], unicode: bool
) -> None:
    """Every text holding a control character gets ME015 at its position and nothing else does;
    a review that passes check gives outputs of the same structure as plain text does."""
    review = hostile.review(texts)
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "review"
        write_review(review, root, allow_unicode=unicode)
        checked = runner.invoke(app, ["check", str(root)], env=ENV)
        reported = {
            (m[1], int(m[2]), int(m[3]), m[4])
            for line in checked.stdout.splitlines()
            if (m := ME015_LINE.match(line))
        }
        assert reported == controls_on_disk(root), checked.output
        if checked.exit_code != 0:
            assert checked.exit_code == 1, checked.output
            return
        # the reader takes a line or paragraph separator for the line break it stands for
        read = [SEPARATOR.sub("\n", text) for text in texts]
        assert_outputs_well_formed(read, hostile.review(read), outputs(root, Path(temporary)))


def assert_outputs_well_formed(texts: Sequence[str], review: Review, found: Outputs) -> None:
    """Each output parses, has the structure of the plain review's, and shows the texts."""
    plain = plain_outputs()
    made, plain_made = found.texts, plain.texts
    assert made.keys() == plain_made.keys()

    # A label of one line is printed whole on one line (less the spaces at its ends, which the
    # console trims). A tab is left out: rich expands it, and may then fold the cell.
    labels = [review.concepts[concept].label for concept in ("heard", "trust")]
    one_line = [label.strip() for label in labels if not set(label) & set("\t\n" + SEPARATORS)]
    for name, text in of_kind(made, "table").items():
        assert not CONTROL.search(text), name
        for label in one_line:
            assert label in text, (name, label)

    for name, text in of_kind(made, "md").items():
        assert shape(text) == shape(plain_made[name]), name
        assert structure(text) == structure(plain_made[name]), name

    for name, text in of_kind(made, "csv").items():
        assert_same_values(read_csv(plain_made[name]), read_csv(text), texts, name)

    for name, text in of_kind(made, "json").items():
        assert_same_values(json.loads(plain_made[name]), json.loads(text), texts, name)

    for view in VIEWS:
        graph = view_graph(analyse(review), view)
        labels = [label for _, label in graph.nodes(data="label")]
        assert node_labels(dot_statements(made[f"dot graph {view}"])) == labels
        expected = {n: as_xml_reads_it(label) for n, label in graph.nodes(data="label")}
        for kind, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
            text = made[f"{kind} graph {view}"]
            ET.fromstring(text.encode("utf-8"))
            parsed = read(io.BytesIO(text.encode("utf-8")))
            assert {n: as_xml_reads_it(label) for n, label in parsed.nodes(data="label")} == (
                expected
            ), (kind, view)
            assert parsed.number_of_edges() == graph.number_of_edges(), (kind, view)

    assert list(found.sheets) == SHEETS
    for sheet, file in zip(SHEETS, FILES, strict=True):
        assert found.sheets[sheet] == read_csv(made[f"csv {file}"]), sheet

    codes = found.codes
    assert codes.keys() == plain.codes.keys()
    for concept in review.concepts.values():
        name = " ".join(qdc_text(concept.label).split()) or concept.id
        description = qdc_text(concept.interpretation or "").strip()
        assert codes[concept_guid(concept.id)] == (name, description), concept.id


@settings(FAST, max_examples=10)
@example(texts=EVERY_SEPARATOR, unicode=True)
@given(
    texts=st.lists(
        free_text(controls=False),
        min_size=hostile.TEXTS,
        max_size=hostile.TEXTS,
        unique_by=text_key,
    ),
    unicode=st.booleans(),
)
def test_line_and_paragraph_separators_leave_terminal_rows_whole(
    texts: list[str], unicode: bool
) -> None:
    """A terminal has no line or paragraph separator of its own: U+2028 and U+2029 must be
    printed as the same text with a newline or a space in their place would be, rather than
    handed to the terminal raw or split out of their cell."""
    shown: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as temporary:
        for replacement in (None, "\n", " "):
            root = Path(temporary) / str(len(shown))
            replaced = [SEPARATOR.sub(replacement, t) if replacement else t for t in texts]
            write_review(hostile.review(replaced), root, allow_unicode=unicode)
            assume(runner.invoke(app, ["check", str(root)]).exit_code == 0)
            shown.append(terminal(root))
    for name in TERMINAL:
        printed = shown[0][name]
        assert printed in (shown[1][name], shown[2][name]), f"{name} printed:\n{printed}"


def test_codebooks_of_hostile_text_validate_against_the_refi_qda_schema(tmp_path: Path) -> None:
    schema = codebook_schema()  # skips, saying where the schema should be, when it is absent
    texts = (EVERY_FRAGMENT + PLAIN_TEXTS)[: hostile.TEXTS]
    write_review(hostile.review(texts), tmp_path / "r", allow_unicode=True)
    cli("export", "qdc", str(tmp_path / "r"), "-o", str(tmp_path / "review.qdc"))
    schema.validate(str(tmp_path / "review.qdc"))
