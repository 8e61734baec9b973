"""How the line of argument hangs together: loops among the links, the most central concepts,
and the concepts with no link, computed on the argument graph of `metaethno.analysis.graphs`.

These are aids for reading the argument, not findings of the synthesis; docs/relate.md
says what each means.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import islice

from metaethno.analysis.graphs import Graph
from metaethno.analysis.translation import Named

DIGITS = 3
"""Scores (Jaccard, betweenness, modularity) are rounded to this many decimals, so that the
text is stable and sorting does not depend on floating-point noise."""
CENTRAL_CONCEPTS = 5
"""How many of the most central concepts are named."""
MIN_LINKED_FOR_CENTRALITY = 8
"""Betweenness is computed only when at least this many concepts have a link: on a handful of
concepts it ranks little more than the order of a chain."""
MAX_LOOPS = 100
"""At most this many loops are listed: the number of loops can grow very fast in a densely
linked argument, and more would not be read."""


@dataclass(frozen=True)
class Loop:
    """Concepts that lead back to themselves through the links.

    `relations[i]` is the link from `concepts[i]` to the next concept (the last to the
    first). The loop starts at the concept with the smallest id.
    """

    concepts: tuple[Named, ...]
    relations: tuple[str, ...]


@dataclass(frozen=True)
class CentralConcept:
    """A concept on the paths between others: its betweenness centrality (rounded to
    `DIGITS`), and the number of links into and out of it."""

    concept: Named
    betweenness: float
    links_in: int
    links_out: int


@dataclass(frozen=True)
class ArgumentAnalysis:
    """The line of argument's links as a network.

    `linked` tells whether any concept has a link at all (if not, there is nothing to
    analyse); `loops_truncated` that more than `MAX_LOOPS` loops were found.
    """

    linked: bool
    loops: tuple[Loop, ...]
    loops_truncated: bool
    central: tuple[CentralConcept, ...]
    unlinked: tuple[Named, ...]


def analyse_argument(
    graph: Graph, placed: Collection[str] = (), top: int = CENTRAL_CONCEPTS
) -> ArgumentAnalysis:
    """Loops among the links, the `top` most central concepts, and the concepts with no link
    that `includes` does not place either (`placed`: the concepts that include or are
    included).

    Loops are networkx's simple cycles (each concept at most once), each started at its
    smallest id and listed shortest first, then by ids. Centrality is betweenness (the
    share of shortest paths between two other concepts that pass through a concept,
    normalised); only concepts with a score above 0 are named, highest first, ties by id,
    and only when at least `MIN_LINKED_FOR_CENTRALITY` concepts have a link.
    """
    import networkx as nx  # type: ignore[import-untyped]

    names = {node: Named(node, data["label"]) for node, data in graph.nodes(data=True)}
    # networkx searches for cycles from sets of nodes; on integers (whose hashes do not change
    # from run to run, unlike strings') the first MAX_LOOPS found are the same on every run
    numbered = nx.convert_node_labels_to_integers(graph, ordering="sorted", label_attribute="id")
    ids = {number: numbered.nodes[number]["id"] for number in numbered}
    found = [
        [ids[number] for number in cycle]
        for cycle in islice(nx.simple_cycles(numbered), MAX_LOOPS + 1)
    ]
    cycles = sorted((_rotated(cycle) for cycle in found[:MAX_LOOPS]), key=lambda c: (len(c), c))
    loops = tuple(
        Loop(
            tuple(names[c] for c in cycle),
            tuple(
                graph.edges[c, cycle[(i + 1) % len(cycle)]]["relation"] for i, c in enumerate(cycle)
            ),
        )
        for cycle in cycles
    )
    linked = sum(1 for node in graph if graph.degree(node) > 0)
    scores = (
        {node: round(score, DIGITS) for node, score in nx.betweenness_centrality(graph).items()}
        if linked >= MIN_LINKED_FOR_CENTRALITY
        else {}
    )
    ranked = sorted((node for node in scores if scores[node] > 0), key=lambda n: (-scores[n], n))
    central = tuple(
        CentralConcept(names[n], scores[n], graph.in_degree(n), graph.out_degree(n))
        for n in ranked[:top]
    )
    unlinked = tuple(names[n] for n in sorted(graph) if graph.degree(n) == 0 and n not in placed)
    return ArgumentAnalysis(
        linked=graph.number_of_edges() > 0,
        loops=loops,
        loops_truncated=len(found) > MAX_LOOPS,
        central=central,
        unlinked=unlinked,
    )


def _rotated(cycle: Sequence[str]) -> list[str]:
    """The cycle started at its smallest id, its direction kept."""
    start = cycle.index(min(cycle))
    return [*cycle[start:], *cycle[:start]]


def loop_sentence(loop: Loop) -> str:
    """A loop in words, as plain text: "A eases B, which undermines A"."""
    concepts = loop.concepts
    steps = [
        f"{relation} {concepts[(i + 1) % len(concepts)].label}"
        for i, relation in enumerate(loop.relations)
    ]
    return f"{concepts[0].label} " + ", which ".join(steps)
