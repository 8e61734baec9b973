"""The report's Mermaid flowcharts drawn without a browser: SVG for the web page, PNG for Word.

The Markdown report holds each diagram as a Mermaid block (`metaethno.render.mermaid`, and
the PRISMA flow); this module reads that small part of Mermaid back (boxes, rounded boxes,
`-->` and dotted `-.->` arrows with labels) and lays it out in layers, top-down: each edge
goes down at least one layer (a cycle is broken by drawing one edge upwards), an edge that
skips layers passes through a gap kept free for it in each layer between, so no edge runs
through a box, and edge labels are put in lanes between the layers so that none overlaps
another. Text is 13 px in boxes and 12 px on edges (9 pt or more at 96 dpi) at the drawing's
own size, at which the web page shows it. A chart of more than MAX_NODES boxes that has
higher-order concepts (rounded boxes) is drawn with those only, and says so.
"""

from __future__ import annotations

import html
import itertools
import re
import textwrap
from dataclasses import dataclass, field

MAX_NODES = 40
FONT = 13.0  # px, box labels
LABEL_FONT = 12.0  # px, edge labels
CHAR = 0.6  # a character's width, in em: generous for a sans-serif font
LINE = 1.3  # line height, in em
WRAP = 22  # characters a line in a box
PAD = 8.0
H_GAP = 28.0
V_GAP = 36.0
DUMMY = 12.0
MARGIN = 10.0

_NODE = re.compile(r'^(\w+)(\(\[|\[)"(.*)"(\]\)|\])$')
_ARROW = re.compile(r'\s*(-\.->|-->)(?:\|"?(.*?)"?\|)?\s*')
_ENTITY = re.compile(r"#(\w+);")
_BREAK = re.compile(r"<br\s*/?>")


@dataclass
class Node:
    id: str
    label: str
    rounded: bool = False
    dummy: bool = False
    layer: int = 0
    x: float = 0.0  # left
    y: float = 0.0  # top
    width: float = DUMMY
    height: float = 0.0
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    dotted: bool


@dataclass(frozen=True)
class Label:
    text: str
    x: float  # centre
    y: float  # centre
    width: float


@dataclass(frozen=True)
class Drawing:
    """A laid-out flowchart: boxes, edges as polylines (ending at the arrow), labels."""

    width: float
    height: float
    boxes: tuple[Node, ...]
    paths: tuple[tuple[tuple[tuple[float, float], ...], bool], ...]
    labels: tuple[Label, ...]
    note: str | None

    @property
    def svg(self) -> str:
        """The drawing as an SVG element, at its own size in px."""
        return _svg(self)


def read_flowchart(text: str) -> tuple[list[Node], list[Edge]]:
    """The boxes and arrows of a Mermaid flowchart as metaethno writes it."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for raw in text.splitlines()[1:]:
        line = raw.strip()
        match = _NODE.match(line)
        if match:
            node_id, opening, label, _ = match.groups()
            nodes[node_id] = Node(node_id, _decode(label), rounded=opening == "([")
            continue
        parts = _ARROW.split(line)
        ends = parts[0::3]
        for index in range(len(ends) - 1):
            arrow, label = parts[index * 3 + 1], parts[index * 3 + 2] or ""
            source, target = ends[index].strip(), ends[index + 1].strip()
            for end in (source, target):
                nodes.setdefault(end, Node(end, end))
            edges.append(Edge(source, target, _decode(label), arrow == "-.->"))
    return list(nodes.values()), edges


def _decode(text: str) -> str:
    """Mermaid's `#name;` and `#123;` entities as characters, `<br>` as a line break."""

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        return chr(int(name)) if name.isdigit() else html.unescape(f"&{name};")

    return _BREAK.sub("\n", _ENTITY.sub(entity, text))


def flowchart_svg(text: str) -> Drawing | None:
    """The laid-out drawing of a Mermaid flowchart; None if it has no box."""
    nodes, edges = read_flowchart(text)
    if not nodes:
        return None
    note = None
    if len(nodes) > MAX_NODES and any(node.rounded for node in nodes):
        kept = {node.id for node in nodes if node.rounded}
        note = (
            f"Of {len(nodes)} concepts, the {len(kept)} higher-order ones only: a diagram of "
            "them all would be too large to read."
        )
        nodes = [node for node in nodes if node.id in kept]
        edges = [edge for edge in edges if edge.source in kept and edge.target in kept]
    return _layout(nodes, edges, note)


# -- layout ------------------------------------------------------------------------------


def _layout(nodes: list[Node], edges: list[Edge], note: str | None) -> Drawing:
    by_id = {node.id: node for node in nodes}
    downward = _break_cycles([n.id for n in nodes], edges)
    _assign_layers(nodes, downward, by_id)
    chains = _chains(downward, by_id)
    layers = _order(nodes, by_id, chains)
    for node in by_id.values():
        if not node.dummy:
            node.lines = _wrap(node.label)
            longest = max(len(line) for line in node.lines)
            node.width = longest * CHAR * FONT + 2 * PAD
            node.height = len(node.lines) * LINE * FONT + 2 * PAD
    widths = [sum(n.width for n in layer) + H_GAP * (len(layer) - 1) for layer in layers]
    total = max(widths)
    y = MARGIN + (LINE * FONT if note else 0.0)
    labels: list[Label] = []
    paths = []
    bands = [max((n.height for n in layer if not n.dummy), default=0.0) for layer in layers]
    for index, layer in enumerate(layers):
        x = MARGIN + (total - widths[index]) / 2
        for node in layer:
            node.x = x
            x += node.width + H_GAP
    for index, layer in enumerate(layers):
        for node in layer:
            node.y = y
            if node.dummy:
                node.height = bands[index]
        lanes = _place_labels(chains, by_id, index, y + bands[index], labels)
        y += bands[index] + V_GAP + lanes * LINE * LABEL_FONT
    for (edge, reverse), chain in chains.items():
        points: list[tuple[float, float]] = []
        for name in chain:
            node = by_id[name]
            centre = node.x + node.width / 2
            points += [(centre, node.y), (centre, node.y + node.height)]
        points = points[1:-1]  # from the first box's bottom to the last box's top
        paths.append((tuple(reversed(points)) if reverse else tuple(points), edge.dotted))
    boxes = tuple(node for node in by_id.values() if not node.dummy)
    height = y - V_GAP + MARGIN
    return Drawing(total + 2 * MARGIN, height, boxes, tuple(paths), tuple(labels), note)


def _break_cycles(order: list[str], edges: list[Edge]) -> list[tuple[Edge, bool]]:
    """Each edge with whether it is drawn reversed (upwards), so that the rest has no cycle."""
    outgoing: dict[str, list[str]] = {node: [] for node in order}
    for edge in edges:
        outgoing[edge.source].append(edge.target)
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()

    def visit(start: str) -> None:
        stack = [(start, iter(outgoing[start]))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(outgoing[child])))

    for node in order:
        if node not in state:
            visit(node)
    return [
        (edge, (edge.source, edge.target) in back or edge.source == edge.target) for edge in edges
    ]


def _assign_layers(
    nodes: list[Node], edges: list[tuple[Edge, bool]], by_id: dict[str, Node]
) -> None:
    """Each node one layer below the lowest node with an edge into it (longest path)."""
    ups = [(e.target, e.source) if rev else (e.source, e.target) for e, rev in edges]
    for _ in range(len(nodes)):
        changed = False
        for upper, lower in ups:
            if upper != lower and by_id[lower].layer < by_id[upper].layer + 1:
                by_id[lower].layer = by_id[upper].layer + 1
                changed = True
        if not changed:
            return


def _chains(
    edges: list[tuple[Edge, bool]], by_id: dict[str, Node]
) -> dict[tuple[Edge, bool], list[str]]:
    """Each edge as the nodes it passes, top to bottom, with a dummy node in each layer it
    crosses."""
    chains: dict[tuple[Edge, bool], list[str]] = {}
    for number, (edge, reverse) in enumerate(edges):
        upper, lower = (edge.target, edge.source) if reverse else (edge.source, edge.target)
        if upper == lower:
            continue
        chain = [upper]
        for layer in range(by_id[upper].layer + 1, by_id[lower].layer):
            dummy = Node(f"~{number}~{layer}", "", dummy=True, layer=layer)
            by_id[dummy.id] = dummy
            chain.append(dummy.id)
        chains[(edge, reverse)] = [*chain, lower]
    return chains


def _order(
    nodes: list[Node], by_id: dict[str, Node], chains: dict[tuple[Edge, bool], list[str]]
) -> list[list[Node]]:
    """The layers, each ordered by the barycentre of its neighbours, to uncross edges."""
    count = max(node.layer for node in by_id.values()) + 1
    layers: list[list[Node]] = [[] for _ in range(count)]
    for node in [*nodes, *(n for n in by_id.values() if n.dummy)]:
        layers[node.layer].append(node)
    above: dict[str, list[str]] = {name: [] for name in by_id}
    below: dict[str, list[str]] = {name: [] for name in by_id}
    for chain in chains.values():
        for upper, lower in itertools.pairwise(chain):
            below[upper].append(lower)
            above[lower].append(upper)
    for _ in range(4):
        for sweep, neighbours in ((range(1, count), above), (range(count - 2, -1, -1), below)):
            for index in sweep:
                position = {
                    n.id: i
                    for layer in (layers[index - 1 : index] + layers[index + 1 : index + 2])
                    for i, n in enumerate(layer)
                }
                ranked = sorted(
                    (_barycentre(neighbours[node.id], position, own), own, node)
                    for own, node in enumerate(layers[index])
                )  # `own` is unique: nodes are never compared
                layers[index] = [node for _, _, node in ranked]
    return layers


def _barycentre(neighbours: list[str], position: dict[str, int], own: int) -> float:
    """The mean position of a node's neighbours in the layer next to it, else its own."""
    found = [position[n] for n in neighbours if n in position]
    return sum(found) / len(found) if found else own


def _wrap(label: str) -> list[str]:
    lines = []
    for part in label.split("\n"):
        lines += textwrap.wrap(part, WRAP, break_long_words=False) or [""]
    return lines


def _place_labels(
    chains: dict[tuple[Edge, bool], list[str]],
    by_id: dict[str, Node],
    layer: int,
    gap_top: float,
    labels: list[Label],
) -> int:
    """Put the labels of the edges leaving `layer` into lanes of the gap below it, none
    overlapping another; returns the number of lanes."""
    height = LINE * LABEL_FONT
    lanes: list[list[tuple[float, float]]] = []
    pending = []
    for (edge, _), chain in chains.items():
        if not edge.label or edge.label == "includes":
            continue
        upper = by_id[chain[0]]
        if upper.layer != layer:
            continue
        lower = by_id[chain[1]]
        pending.append((edge.label, upper, lower))
    pending.sort(key=lambda item: item[1].x + item[2].x)
    for text, upper, lower in pending:
        width = len(text) * CHAR * LABEL_FONT + 6
        top_x, bottom_x = upper.x + upper.width / 2, lower.x + lower.width / 2
        lane = 0
        while True:
            y = gap_top + V_GAP / 2 + lane * height
            # where the edge crosses the lane, once the lanes below push the next layer down
            share = (V_GAP / 2 + lane * height) / (V_GAP + (lane + 1) * height)
            x = top_x + (bottom_x - top_x) * share
            span = (x - width / 2 - 4, x + width / 2 + 4)
            if lane == len(lanes):
                lanes.append([])
            if all(span[1] < a or span[0] > b for a, b in lanes[lane]):
                lanes[lane].append(span)
                labels.append(Label(text, x, y, width))
                break
            lane += 1
    return len(lanes)


# -- SVG ---------------------------------------------------------------------------------


def _svg(drawing: Drawing) -> str:
    esc = html.escape
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{drawing.width:.0f}" '
        f'height="{drawing.height:.0f}" viewBox="0 0 {drawing.width:.0f} {drawing.height:.0f}" '
        'font-family="system-ui, sans-serif" role="img">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#444"/>'
        "</marker></defs>",
    ]
    if drawing.note:
        out.append(
            f'<text x="{MARGIN}" y="{MARGIN + FONT}" font-size="{FONT}" '
            f'font-style="italic">{esc(drawing.note)}</text>'
        )
    for points, dotted in drawing.paths:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dash = ' stroke-dasharray="5 4"' if dotted else ""
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="#444" stroke-width="1.3"{dash} '
            'marker-end="url(#arrow)"/>'
        )
    for box in drawing.boxes:
        radius = box.height / 2 if box.rounded else 3
        out.append(
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
            f'height="{box.height:.1f}" rx="{radius:.1f}" fill="#eef3fa" stroke="#35587f"/>'
        )
        for number, line in enumerate(box.lines):
            y = box.y + PAD + (number + 0.8) * LINE * FONT
            out.append(
                f'<text x="{box.x + box.width / 2:.1f}" y="{y:.1f}" font-size="{FONT}" '
                f'text-anchor="middle">{esc(line)}</text>'
            )
    for label in drawing.labels:
        out.append(
            f'<rect x="{label.x - label.width / 2:.1f}" y="{label.y - LINE * LABEL_FONT / 2:.1f}" '
            f'width="{label.width:.1f}" height="{LINE * LABEL_FONT:.1f}" fill="#fff"/>'
            f'<text x="{label.x:.1f}" y="{label.y + LABEL_FONT * 0.35:.1f}" '
            f'font-size="{LABEL_FONT}" text-anchor="middle" fill="#333">{esc(label.text)}</text>'
        )
    out.append("</svg>\n")
    return "\n".join(out)
