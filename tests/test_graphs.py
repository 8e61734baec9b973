"""The review as graphs (`metaethno.analysis.graphs`) and the graph formats (`metaethno.render.graph`):
what each graph holds, and files that parse back, keep their labels and cannot be broken by
a reviewer's text."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings

import hostile
from conftest import TESTS
from metaethno.analysis.graphs import (
    build_argument_graph,
    build_study_concept_graph,
    build_study_graph,
    build_synthesis_graph,
)
from metaethno.analysis.synthesis import analyse
from metaethno.checks.run import check_review
from metaethno.render.graph import (
    GraphView,
    dot_string,
    render_dot,
    render_gexf,
    render_graphml,
    render_json,
    render_mermaid,
    view_graph,
    xml_text,
)
from small_reviews import review_of

REVIEW = check_review(TESTS / "golden" / "review").review
EXAMPLE = check_review(TESTS.parent).review
VIEWS: list[GraphView] = ["argument", "synthesis", "studies"]


# -- what each graph holds -----------------------------------------------------------------


def test_the_argument_graph_holds_every_concept_and_the_links() -> None:
    graph = build_argument_graph(REVIEW)
    assert graph.is_directed()
    assert list(graph.nodes) == ["being-heard", "relationships", "trust"]
    assert graph.nodes["relationships"] == {
        "label": "Relationships of care",
        "kind": "higher-order concept",
        "level": "interpersonal",
        "supporting": 3,
        "refuting": 0,
    }
    assert list(graph.edges(data=True)) == [
        ("being-heard", "trust", {"kind": "link", "relation": "builds", "label": "builds"})
    ]


def test_links_between_the_same_concepts_are_joined_and_a_self_link_kept() -> None:
    review = review_of(
        {"s": ["a"]},
        links=[("a", "feeds", "b"), ("a", "drives", "b"), ("b", "feeds", "b")],
    )
    graph = build_argument_graph(review)
    assert list(graph.edges(data="relation")) == [("a", "b", "feeds; drives"), ("b", "b", "feeds")]


def test_the_synthesis_graph_goes_down_to_the_study_concepts() -> None:
    graph = build_synthesis_graph(REVIEW)
    assert graph.nodes["alpha2010b/blind-faith"] == {
        "label": "Trust without reason (Alpha 2010b)",
        "kind": "study concept",
        "study": "alpha2010b",
        "level": "",
    }
    assert graph.edges["relationships", "trust"]["kind"] == "includes"
    assert graph.edges["trust", "alpha2010b/blind-faith"]["relation"] == "refutational"
    assert "alpha2010a/waiting-room" not in graph  # translated into nothing
    assert nx.is_directed_acyclic_graph(graph)


def test_the_study_concept_graph_is_bipartite_with_the_clusters() -> None:
    graph = build_study_concept_graph(REVIEW, {"beta2012": 1, "alpha2010a": 1})
    assert not graph.is_directed()
    assert nx.is_bipartite(graph)
    assert graph.nodes["study:alpha2010a"]["cluster"] == 1
    assert graph.nodes["study:alpha2010b"]["cluster"] == 0
    assert graph.edges["study:alpha2010b", "trust"]["relation"] == "refutational"
    assert "relationships" not in graph  # no translation of its own


def test_a_study_that_supports_and_refutes_a_concept_has_one_edge_saying_both() -> None:
    review = review_of({"a": ["x"]}, refutes={"a": ["x"]})
    graph = build_study_concept_graph(review)
    assert graph.edges["study:a", "x"]["relation"] == "reciprocal; refutational"
    assert graph.edges["study:a", "x"]["translations"] == 2


def test_the_study_graph_weighs_pairs_by_jaccard() -> None:
    graph = build_study_graph(review_of({"a": ["x", "y"], "b": ["y", "z"], "c": ["w"]}))
    assert list(graph.nodes) == ["a", "b", "c"]
    assert list(graph.edges(data=True)) == [
        ("a", "b", {"weight": 1 / 3, "shared": ("y",), "union": 3})
    ]


@pytest.mark.parametrize("view", VIEWS)
def test_every_attribute_is_plain_text_or_a_number(view: GraphView) -> None:
    graph = view_graph(analyse(EXAMPLE), view)
    values = [v for _, data in graph.nodes(data=True) for v in data.values()]
    values += [v for _, _, data in graph.edges(data=True) for v in data.values()]
    values += list(graph.graph.values())
    assert values
    assert all(type(value) in (str, int, float) for value in values)


# -- GraphML and GEXF -------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_graphml_parses_back_with_its_labels_and_attributes(view: GraphView) -> None:
    graph = view_graph(analyse(EXAMPLE), view)
    parsed = nx.read_graphml(io.BytesIO(render_graphml(graph).encode("utf-8")))
    assert list(parsed.nodes) == list(graph.nodes)
    assert dict(parsed.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(parsed.edges(data=True)) == sorted(graph.edges(data=True))
    assert parsed.is_directed() == graph.is_directed()
    assert parsed.graph["view"] == view


def test_graphml_keeps_numbers_as_numbers() -> None:
    parsed = nx.read_graphml(
        io.BytesIO(render_graphml(view_graph(analyse(REVIEW), "studies")).encode())
    )
    assert parsed.nodes["study:beta2012"]["year"] == 2012
    assert parsed.nodes["trust"]["supporting"] == 2


def gexf_root(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize("view", VIEWS)
def test_gexf_parses_with_labels_and_no_date(view: GraphView) -> None:
    text = render_gexf(view_graph(analyse(EXAMPLE), view))
    namespace = {"g": "http://www.gexf.net/1.2draft"}
    root = gexf_root(text)
    meta = root.find("g:meta", namespace)
    assert meta is not None and meta.attrib == {}
    assert meta.findtext("g:creator", namespaces=namespace) == "metaethno"
    labels = {n.get("id"): n.get("label") for n in root.iterfind(".//g:node", namespace)}
    assert labels["mistrust"] == "Mistrust"
    parsed = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert parsed.number_of_edges() == view_graph(analyse(EXAMPLE), view).number_of_edges()


def test_gexf_gives_the_same_bytes_on_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    first = render_gexf(view_graph(analyse(EXAMPLE), "synthesis"))
    # networkx would write today's date: another day must give the same file
    monkeypatch.setattr("time.strftime", lambda *_: "1999-12-31")
    assert render_gexf(view_graph(analyse(EXAMPLE), "synthesis")) == first
    assert "lastmodifieddate" not in first


def test_json_is_node_link_data_with_a_version() -> None:
    document = json.loads(render_json(view_graph(analyse(REVIEW), "argument")))
    assert list(document) == ["version", "directed", "multigraph", "graph", "nodes", "edges"]
    assert document["version"] == 1
    assert document["nodes"][0] == {
        "id": "being-heard",
        "label": "Being heard",
        "kind": "concept",
        "level": "interpersonal",
        "supporting": 3,
        "refuting": 0,
    }
    assert document["edges"] == [
        {
            "source": "being-heard",
            "target": "trust",
            "kind": "link",
            "relation": "builds",
            "label": "builds",
        }
    ]


# -- DOT: balanced quoting whatever the labels say ---------------------------------------

_DOT_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"\\\n]|\\.)*")|(?P<edge>->|--)|(?P<punct>[\[\]{};=,])'
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*))"
)


def dot_tokens(text: str) -> list[tuple[str, str]]:
    """The DOT text as (kind, text) tokens; fails on anything that is not a token, such as a
    quote left open or a stray character outside quotes."""
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = _DOT_TOKEN.match(text, position)
        assert match is not None and match.lastgroup, f"not DOT at {text[position:][:40]!r}"
        tokens.append((match.lastgroup, match.group(match.lastgroup)))
        position = match.end()
    return tokens


def dot_statements(text: str) -> list[list[tuple[str, str]]]:
    """Check the grammar metaethno writes (a header, statements ending in `;`, a closing brace)
    and return the statements."""
    tokens = dot_tokens(text)
    assert tokens[0][1] in ("digraph", "graph") and tokens[1][0] == "string"
    assert tokens[2] == ("punct", "{") and tokens[-1] == ("punct", "}")
    statements: list[list[tuple[str, str]]] = [[]]
    for token in tokens[3:-1]:
        if token == ("punct", ";"):
            statements.append([])
        else:
            statements[-1].append(token)
    assert statements.pop() == []
    for statement in statements:
        kinds = [kind for kind, _ in statement]
        start = kinds.index("punct")
        assert kinds[:start] in (["word"], ["string"], ["string", "edge", "string"]), statement
        attributes = statement[start:]
        assert attributes[0] == ("punct", "[") and attributes[-1] == ("punct", "]")
        for index in range(1, len(attributes) - 1, 4):
            name, equals, value = attributes[index : index + 3]
            assert (name[0], equals, value[0]) == ("word", ("punct", "="), "string"), statement
    return statements


def dot_unquote(token: str) -> str:
    """A DOT quoted string as Graphviz shows it in a label."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), token[1:-1])


def node_statements(statements: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    return [s for s in statements if s[0][0] == "string" and s[1][0] != "edge"]


def node_labels(statements: list[list[tuple[str, str]]]) -> list[str]:
    """The label of every node statement, as Graphviz shows it."""
    labels = []
    for statement in node_statements(statements):
        for index, (kind, text) in enumerate(statement):
            if (kind, text) == ("word", "label"):
                labels.append(dot_unquote(statement[index + 2][1]))
    return labels


def test_dot_string_escapes_quotes_backslashes_and_line_breaks() -> None:
    assert dot_string('say "hi"\\\nnext\r\nline') == '"say \\"hi\\"\\\\\\nnext\\nline"'
    assert dot_unquote(dot_string('a "b" \\n c\\')) == 'a "b" \\n c\\'


@pytest.mark.parametrize("view", VIEWS)
def test_dot_of_the_example_is_well_formed(view: GraphView) -> None:
    graph = view_graph(analyse(EXAMPLE), view)
    statements = dot_statements(render_dot(graph))
    assert node_labels(statements) == [label for _, label in graph.nodes(data="label")]


@settings(max_examples=40, deadline=None)
@given(hostile.texts_for_a_review)
def test_hostile_labels_cannot_break_dot(texts: list[str]) -> None:
    review = hostile.review(texts)
    for view in VIEWS:
        graph = view_graph(analyse(review), view)
        labels = node_labels(dot_statements(render_dot(graph)))
        line_breaks = re.compile(r"\r\n|\r")
        assert labels == [line_breaks.sub("\n", label) for _, label in graph.nodes(data="label")]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("view", VIEWS)
def test_graphviz_renders_the_dot(view: GraphView) -> None:
    # blank text is refused by the format, so a line break gets a word beside it
    fragments = [f if f.strip() else f"x{f}x" for f in hostile.FRAGMENTS[: hostile.TEXTS]]
    texts = fragments + ["x"] * hostile.TEXTS
    dot = render_dot(view_graph(analyse(hostile.review(texts)), view))
    result = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


# -- Mermaid: hostile labels cannot break the chart ----------------------------------------

_MERMAID_NODE = re.compile(r'^  (c_\w+)(\[|\(\[|\(|\[\[)"([^"]*)"(\]|\]\)|\)|\]\])$')
_MERMAID_EDGE = re.compile(r'^  (c_\w+) (-->|-\.->|---|-\.-)(\|"([^"]*)"\|)? (c_\w+)$')
_SHAPES = {"[": "]", "([": "])", "(": ")", "[[": "]]"}


def check_mermaid(text: str) -> dict[str, Any]:
    """Every line a node or an edge between declared nodes; labels free of Mermaid syntax."""
    lines = text.rstrip("\n").split("\n")
    assert lines[0] in ("flowchart TD", "flowchart LR")
    declared: dict[str, Any] = {}
    for line in lines[1:]:
        node = _MERMAID_NODE.match(line)
        if node is not None:
            identifier, opening, inner, closing = node.groups()
            assert _SHAPES[opening] == closing, line
            assert not any(char in inner for char in '"\n\r`|<>[]\\'), line
            declared[identifier] = inner
            continue
        edge = _MERMAID_EDGE.match(line)
        assert edge is not None, f"not a node or an edge: {line!r}"
        source, _, _, inner, target = edge.groups()
        assert source in declared and target in declared, line
        assert inner is None or not any(char in inner for char in '"\n\r`|<>[]\\'), line
    return declared


@pytest.mark.parametrize("view", VIEWS)
def test_mermaid_of_the_example_is_well_formed(view: GraphView) -> None:
    graph = view_graph(analyse(EXAMPLE), view)
    assert len(check_mermaid(render_mermaid(graph))) == graph.number_of_nodes()


@settings(max_examples=40, deadline=None)
@given(hostile.texts_for_a_review)
def test_hostile_labels_cannot_break_mermaid(texts: list[str]) -> None:
    review = hostile.review(texts)
    for view in VIEWS:
        graph = view_graph(analyse(review), view)
        assert len(check_mermaid(render_mermaid(graph))) == graph.number_of_nodes()


def as_xml_reads_it(text: str) -> str:
    """Text as it comes back from XML: line breaks as newlines, the characters XML cannot hold
    as U+FFFD."""
    return xml_text(text).replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=25, deadline=None)
@given(hostile.texts_for_a_review)
def test_hostile_text_survives_graphml_gexf_and_json(texts: list[str]) -> None:
    review = hostile.review(texts)
    for view in VIEWS:
        graph = view_graph(analyse(review), view)
        expected = {n: as_xml_reads_it(data["label"]) for n, data in graph.nodes(data=True)}
        for render, read in ((render_graphml, nx.read_graphml), (render_gexf, nx.read_gexf)):
            parsed = read(io.BytesIO(render(graph).encode("utf-8")))
            labels = {n: as_xml_reads_it(label) for n, label in parsed.nodes(data="label")}
            assert labels == expected
            assert parsed.number_of_edges() == graph.number_of_edges()
        document = json.loads(render_json(graph))
        assert {node["id"]: node["label"] for node in document["nodes"]} == dict(
            graph.nodes(data="label")
        )


def test_characters_xml_cannot_hold_are_replaced() -> None:
    assert xml_text("Tr\x1aust\ufffe\tok\n") == "Tr\ufffdust\ufffd\tok\n"
    graph = view_graph(analyse(review_of({"a": ["x"]}, labels={"x": "Bell\x07"})), "argument")
    for render, read in ((render_graphml, nx.read_graphml), (render_gexf, nx.read_gexf)):
        parsed = read(io.BytesIO(render(graph).encode("utf-8")))
        assert parsed.nodes["x"]["label"] == "Bell\ufffd"
    assert graph.nodes["x"]["label"] == "Bell\x07"  # the graph itself is left alone
