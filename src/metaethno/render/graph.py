"""The review's graphs as files: Mermaid, DOT, GraphML, GEXF or node-link JSON, chosen by name.

`view_graph` picks the graph of a view from `metaethno.analysis.graphs`; each renderer takes
a graph and returns its text. Every format lists the nodes and edges in the graph's
order, which `graphs` fixes, and holds nothing that changes from run to run (GEXF's
date of last modification is left out), so the same review gives the same bytes.
docs/relate.md describes the views, the attributes and the formats.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Literal

from metaethno.analysis.graphs import (
    CONCEPT,
    HIGHER_ORDER,
    STUDY,
    STUDY_CONCEPT,
    Graph,
    build_study_concept_graph,
    build_synthesis_graph,
)
from metaethno.analysis.synthesis import Synthesis
from metaethno.render.mermaid import label as mermaid_label
from metaethno.render.mermaid import node_ids
from metaethno.render.xml_text import replace_non_xml

GraphView = Literal["argument", "synthesis", "studies"]
JSON_FORMAT_VERSION = 1
GEXF_CREATOR = "metaethno"


def view_graph(synthesis: Synthesis, view: GraphView) -> Graph:
    """The graph of `view`, named after the review.

    argument: the synthesised concepts and their links; synthesis: the `includes`
    hierarchy down to the study concepts; studies: the studies and the concepts they
    translate into, each study with the number of its cluster (as `metaethno relate`
    finds them).
    """
    review = synthesis.review
    if view == "argument":
        graph = synthesis.argument_graph.copy()  # named below: the shared graph stays as it is
    elif view == "synthesis":
        graph = build_synthesis_graph(review)
    else:
        graph = build_study_concept_graph(review, synthesis.study_clusters)
    graph.graph["name"] = review.config.title if review.config else ""
    return graph


# -- Mermaid -----------------------------------------------------------------------------

_MERMAID_SHAPES = {
    CONCEPT: ("[", "]"),
    HIGHER_ORDER: ("([", "])"),
    STUDY_CONCEPT: ("(", ")"),
    STUDY: ("[[", "]]"),
}


def render_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart: concepts as boxes, higher-order concepts with rounded ends, study
    concepts rounded, studies framed; `includes` and refutational edges dotted.

    Labels are quoted with Mermaid's entity codes and node ids are made from the graph's
    ids (`mermaid.node_ids`), so no label can break the chart.
    """
    ids = node_ids(list(graph.nodes))
    lines = ["flowchart TD" if graph.graph.get("view") == "argument" else "flowchart LR"]
    for node, data in graph.nodes(data=True):
        opening, closing = _MERMAID_SHAPES[data["kind"]]
        lines.append(f"  {ids[node]}{opening}{mermaid_label(data['label'])}{closing}")
    directed = graph.is_directed()
    for source, target, data in graph.edges(data=True):
        dotted = data["kind"] == "includes" or "refutational" in data["relation"]
        line = ("-.->" if directed else "-.-") if dotted else ("-->" if directed else "---")
        # a plain reciprocal translation is the common case: its edge goes unlabelled
        text = "" if data["relation"] == "reciprocal" else f"|{mermaid_label(data['relation'])}|"
        lines.append(f"  {ids[source]} {line}{text} {ids[target]}")
    return "\n".join(lines) + "\n"


# -- DOT ---------------------------------------------------------------------------------

_DOT_NODE_STYLE: dict[str, dict[str, str]] = {
    CONCEPT: {"shape": "box"},
    HIGHER_ORDER: {"shape": "box", "style": "rounded,bold"},
    STUDY_CONCEPT: {"shape": "box", "style": "rounded", "fontsize": "10"},
    STUDY: {"shape": "folder"},
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def dot_string(text: str) -> str:
    """Text as a DOT quoted string: `\\` and `"` escaped, a line break as Graphviz's `\\n`.

    Inside quotes DOT gives a meaning only to `\\"`; Graphviz then reads `\\\\` in a label
    as one backslash and `\\n` as a line break, so every character shows as written.
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _LINE_BREAK.sub(r"\\n", escaped) + '"'


def render_dot(graph: Graph) -> str:
    """The graph in Graphviz's DOT language, every id and value quoted.

    Nodes carry the graph's attributes (Graphviz keeps those it does not know) and a shape
    for their kind; `includes` edges are dashed, refutational ones dashed and red.
    """
    directed = graph.is_directed()
    arrow = "->" if directed else "--"
    view = str(graph.graph.get("view", ""))
    title = str(graph.graph.get("name", ""))
    # the argument reads from the top down; the hierarchy and the studies, many leaves, across
    layout = {"label": title, "labelloc": "t", "rankdir": "TB" if view == "argument" else "LR"}
    lines = [
        f"{'digraph' if directed else 'graph'} {dot_string(view)} {{",
        f"  graph [{_dot_attributes(layout)}];",
        f"  node [{_dot_attributes({'fontname': 'Helvetica'})}];",
        f"  edge [{_dot_attributes({'fontname': 'Helvetica', 'fontsize': '10'})}];",
    ]
    for node, data in graph.nodes(data=True):
        attributes = {**_DOT_NODE_STYLE[data["kind"]], **data}
        lines.append(f"  {dot_string(node)} [{_dot_attributes(attributes)}];")
    for source, target, data in graph.edges(data=True):
        style: dict[str, str] = {}
        if data["kind"] == "includes":
            style = {"style": "dashed"}
        elif "refutational" in data["relation"]:
            style = {"style": "dashed", "color": "red3", "fontcolor": "red3"}
        attributes = {**style, **data}
        if data["relation"] == "reciprocal":
            attributes.pop("label")
        line = (
            f"  {dot_string(source)} {arrow} {dot_string(target)} [{_dot_attributes(attributes)}];"
        )
        lines.append(line)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_attributes(attributes: Mapping[str, Any]) -> str:
    return ", ".join(f"{name}={dot_string(str(value))}" for name, value in attributes.items())


# -- GraphML and GEXF ----------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Text that XML can hold: each character it cannot becomes U+FFFD (�)."""
    return replace_non_xml(text, replacement="\ufffd")


def _xml_safe(graph: Graph) -> Graph:
    """A copy of the graph whose text attributes XML can hold (ids are ids: always safe)."""
    safe = graph.copy()
    attributes = [safe.graph, *(data for _, data in safe.nodes(data=True))]
    attributes += [data for _, _, data in safe.edges(data=True)]
    for data in attributes:
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = xml_text(value)
    return safe


def render_graphml(graph: Graph) -> str:
    """GraphML, with networkx's writer on Python's own XML library (not lxml, which writes
    the same graph with other spacing), one `key` per attribute."""
    import networkx as nx  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    nx.write_graphml_xml(_xml_safe(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8").rstrip("\n") + "\n"


def render_gexf(graph: Graph) -> str:
    """GEXF 1.2, with networkx's writer; its `meta` names metaethno as the creator and has
    no date of last modification and no version, so that the same review gives the same
    bytes."""
    from networkx.readwrite.gexf import GEXFWriter  # type: ignore[import-untyped]

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = GEXF_CREATOR
    writer.add_graph(_xml_safe(graph))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue().decode("utf-8").rstrip("\n") + "\n"


# -- JSON --------------------------------------------------------------------------------


def render_json(graph: Graph) -> str:
    """networkx's node-link data with a `version` key: `directed`, `multigraph`, `graph`,
    `nodes` (each its `id` and attributes) and `edges` (`source`, `target`, attributes)."""
    import networkx as nx

    data = nx.node_link_data(graph, edges="edges")
    # each node's id and each edge's ends first, where a reader looks for them
    data["nodes"] = [{"id": node.pop("id"), **node} for node in data["nodes"]]
    data["edges"] = [
        {"source": edge.pop("source"), "target": edge.pop("target"), **edge}
        for edge in data["edges"]
    ]
    document = {"version": JSON_FORMAT_VERSION, **data}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


Renderer = Callable[[Graph], str]

RENDERERS: dict[str, Renderer] = {
    "mermaid": render_mermaid,
    "dot": render_dot,
    "graphml": render_graphml,
    "gexf": render_gexf,
    "json": render_json,
}

SUFFIXES: dict[str, str] = {
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".dot": "dot",
    ".gv": "dot",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
}
"""The format `metaethno graph -o FILE` writes when `--format` is not given."""
