"""`metaethno relate`: how the studies are related, every format, and the command's options,
refusals and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

import hostile
from conftest import TESTS, assert_golden
from markdown_reading import tables
from metaethno.analysis.argument import MAX_LOOPS, loop_sentence
from metaethno.analysis.juxtaposition import Presence
from metaethno.analysis.relatedness import SEED
from metaethno.analysis.synthesis import analyse
from metaethno.checks import run_checks
from metaethno.checks.run import check_review
from metaethno.cli import app
from metaethno.render.relate import RelateView, refutational_markdown, render_markdown
from metaethno.render.relate_data import render_csv, render_json
from small_reviews import review_of

GOLDEN = TESTS / "golden"
REVIEW = GOLDEN / "review"
EXAMPLE = TESTS.parent
# a fixed terminal width, and no colour whatever the developer's environment says
ENV: dict[str, str | None] = {"COLUMNS": "100", "FORCE_COLOR": None, "NO_COLOR": None}

runner = CliRunner()


def relate(*args: str, review: Path = REVIEW) -> str:
    result = runner.invoke(app, ["relate", str(review), *args], env=ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- every format on the golden review ----------------------------------------------------


@pytest.mark.parametrize(
    ("options", "golden"),
    [
        (["--format", "markdown"], "relate.md"),
        (["--format", "csv"], "relate-grid.csv"),
        (["--format", "csv", "--table", "pairs"], "relate-pairs.csv"),
        (["--format", "csv", "--table", "clusters"], "relate-clusters.csv"),
        (["--format", "csv", "--table", "refutations"], "relate-refutations.csv"),
        (["--format", "json"], "relate.json"),
        (["--format", "table"], "relate-table.txt"),
    ],
)
def test_golden(options: list[str], golden: str) -> None:
    assert_golden(relate(*options), GOLDEN / golden)


def test_markdown_is_the_default_when_not_on_a_terminal() -> None:
    assert relate() == relate("--format", "markdown")


def test_csv_writes_the_grid_by_default() -> None:
    assert relate("-f", "csv") == relate("-f", "csv", "--table", "grid")


def test_json_is_a_stable_object() -> None:
    document = json.loads(relate("--format", "json"))
    assert document["version"] == 1
    assert document["clustering"] == {
        "method": "louvain",
        "weight": "jaccard",
        "resolution": 1.0,
        "seed": SEED,
        "modularity": 0.0,
    }
    assert document["grid"][2] == {
        "study": "alpha2010b",
        "cluster": 1,
        "supports": ["being-heard"],
        "refutes": ["trust"],
    }
    assert document["pairs"][0] == {
        "studies": ["beta2012", "alpha2010a"],
        "shared": ["being-heard", "trust"],
        "union": 2,
        "jaccard": 1.0,
    }
    assert document["refutations"] == [
        {
            "concept": "trust",
            "refuting": "alpha2010b",
            "mixed": False,
            "supporting": ["beta2012", "alpha2010a"],
        },
    ]
    assert document["argument"] == {
        "loops": [],
        "loops_truncated": False,
        "central": [],
        "unlinked": [],
    }


# -- the data, on small reviews built for each question -------------------------------------


def test_jaccard_is_shared_over_either_and_only_related_pairs_are_listed() -> None:
    review = review_of({"a": ["x", "y"], "b": ["y", "z"], "c": ["x", "y"], "d": ["w"]})
    pairs = analyse(review).relatedness.pairs
    assert [(p.first.id, p.second.id, p.jaccard, p.union) for p in pairs] == [
        ("a", "c", 1.0, 2),
        ("a", "b", 0.333, 3),
        ("b", "c", 0.333, 3),
    ]
    assert [c.id for c in pairs[1].shared] == ["y"]


def test_studies_with_nothing_in_common_are_named_as_isolated() -> None:
    review = review_of(
        {"a": ["x"], "b": ["x"], "loner": ["w"], "refuter": []}, refutes={"refuter": ["x"]}
    )
    related = analyse(review).relatedness
    assert [s.id for s in related.isolated] == ["loner", "refuter"]
    assert [[s.id for s in c.studies] for c in related.clusters] == [["a", "b"]]
    assert [row.study.id for row in related.grid.rows] == ["a", "b", "loner", "refuter"]
    assert [row.cluster for row in related.grid.rows] == [1, 1, None, None]
    text = render_markdown(related, RelateView(title="t"))
    assert "**Studies that share no concept with any other:** Loner 2002, Refuter 2003." in text


def test_no_shared_concept_means_no_clusters() -> None:
    related = analyse(review_of({"a": ["x"], "b": ["y"]})).relatedness
    assert (related.pairs, related.clusters, related.modularity) == ((), (), None)
    assert [s.id for s in related.isolated] == ["a", "b"]
    assert "so there are no clusters" in render_markdown(related, RelateView())


TWO_GROUPS = {
    "a": ["x", "y", "z"],
    "b": ["x", "y", "z"],
    "c": ["x", "y"],
    "d": ["p", "q", "r"],
    "e": ["p", "q", "r"],
    "f": ["p", "q", "z"],
    "g": ["p", "q", "r"],
}


def test_clusters_group_similar_studies_largest_first_with_their_defining_concepts() -> None:
    related = analyse(review_of(TWO_GROUPS)).relatedness
    assert [(c.number, [s.id for s in c.studies]) for c in related.clusters] == [
        (1, ["d", "e", "f", "g"]),
        (2, ["a", "b", "c"]),
    ]
    first = related.clusters[0]
    assert [(d.concept.id, d.in_cluster, d.in_review) for d in first.defining] == [
        ("p", 4, 4),
        ("q", 4, 4),
        ("r", 3, 3),
    ]
    assert [row.study.id for row in related.grid.rows] == ["d", "e", "f", "g", "a", "b", "c"]
    assert related.modularity is not None and related.modularity > 0.3


def test_clusters_are_the_same_on_every_run() -> None:
    review = review_of(TWO_GROUPS)
    first, second = analyse(review).relatedness, analyse(review).relatedness
    assert (first.clusters, first.modularity, first.pairs) == (
        second.clusters,
        second.modularity,
        second.pairs,
    )
    assert first.grid == second.grid


def test_study_clusters_are_relates_clusters_computed_alone() -> None:
    reviews = [review_of(TWO_GROUPS), review_of({"a": ["x"], "b": ["y"]})]
    reviews += [check_review(REVIEW).review, check_review(EXAMPLE).review]
    for review in reviews:
        assert analyse(review).study_clusters == analyse(review).relatedness.cluster_of()


def test_the_example_relates_the_same_way_in_every_process() -> None:
    """Louvain's seed is fixed and nothing depends on Python's per-process string hashing."""

    def run(hash_seed: str) -> str:
        environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        command = [sys.executable, "-m", "metaethno", "relate", str(EXAMPLE), "-f", "json"]
        result = subprocess.run(
            command,
            env=environment | {"PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    first = run("1")
    assert run("2") == first
    assert len(json.loads(first)["clusters"]) >= 2


def test_one_refutation_per_study_and_concept_and_a_study_never_refutes_itself() -> None:
    review = review_of(
        {"a": ["x", "y"], "b": ["y"], "both": ["x"]},
        refutes={"b": ["x"], "both": ["x"]},
    )
    refutations = analyse(review).relatedness.refutations
    assert [
        (r.concept.id, r.refuting.id, [s.id for s in r.supporting], r.mixed) for r in refutations
    ] == [
        ("x", "b", ["a", "both"], False),
        ("x", "both", ["a"], True),
    ]


def test_refutations_as_markdown_and_csv_one_row_each_mixed_marked() -> None:
    review = review_of(
        {"a": ["x", "y"], "b": ["y"], "both": ["x"]},
        refutes={"b": ["x"], "both": ["x"]},
    )
    relatedness = analyse(review).relatedness
    assert refutational_markdown(relatedness) == (
        "2 refutations: a study contradicts a concept; the last column names the other studies "
        "that support it and gives their number.\n\n"
        "| Concept | Refuting study | Studies that support the concept |\n"
        "| ------- | ---------------------------------------- | -------------------------------- |\n"
        "| X | B 2001 | A 2000, Both 2002 (2) |\n"
        "| X | Both 2002 (mixed: it also supports the concept) | A 2000 (1) |\n\n"
    )
    assert render_csv(relatedness, RelateView(table="refutations")).splitlines() == [
        "Concept ID,Concept,Refuting study ID,Refuting study,Mixed,Supporting study IDs,"
        "Studies supporting it,Number of studies supporting it",
        "x,X,b,B 2001,no,a; both,A 2000; Both 2002,2",
        "x,X,both,Both 2002,yes,a,A 2000,1",
    ]


def test_the_juxtaposition_grid_marks_support_and_refutation() -> None:
    review = review_of({"a": ["x"], "b": ["x", "y"]}, refutes={"a": ["y"], "b": ["x"]})
    grid = analyse(review).relatedness.grid
    assert [c.id for c in grid.concepts] == ["x", "y"]
    assert [[row.cell(index) for index in range(2)] for row in grid.rows] == [
        [Presence(reciprocal=True), Presence(refutational=True)],
        [Presence(reciprocal=True, refutational=True), Presence(reciprocal=True)],
    ]
    assert grid.rows[1].cell_texts(lambda cell: cell.relation, "") == ["both", "reciprocal"]


# -- the line of argument ----------------------------------------------------------------


def test_a_loop_is_an_aid_not_an_error_nor_a_finding() -> None:
    review = review_of(
        {"a": ["mistrust", "listening"], "b": ["mistrust", "listening"]},
        links=[("mistrust", "undermines", "listening"), ("listening", "eases", "mistrust")],
    )
    assert not [d for d in run_checks(review) if d.is_error]
    analysis = analyse(review).argument
    assert [[c.id for c in loop.concepts] for loop in analysis.loops] == [["listening", "mistrust"]]
    assert loop_sentence(analysis.loops[0]) == (
        "Listening eases Mistrust, which undermines Listening"
    )
    text = render_markdown(analyse(review).relatedness, RelateView())
    assert "**Loops among the links.** The links form 1 loop: concepts that lead back" in text
    assert "A computed aid for reading the argument, not an error" in text
    assert "finding" not in text
    assert "- Listening eases Mistrust, which undermines Listening.\n" in text


def test_loops_start_at_their_smallest_id_shortest_first() -> None:
    review = review_of(
        {"s": ["a"]},
        links=[("c", "feeds", "a"), ("a", "feeds", "b"), ("b", "feeds", "c"), ("b", "eases", "a")],
    )
    loops = analyse(review).argument.loops
    assert [[c.id for c in loop.concepts] for loop in loops] == [["a", "b"], ["a", "b", "c"]]
    assert [loop.relations for loop in loops] == [("feeds", "eases"), ("feeds", "feeds", "feeds")]


def test_a_link_to_itself_is_a_loop_of_one() -> None:
    review = review_of({"s": ["a"]}, links=[("a", "feeds", "a")])
    assert [loop.relations for loop in analyse(review).argument.loops] == [("feeds",)]


def test_a_densely_linked_argument_lists_a_bounded_number_of_loops() -> None:
    ids = [f"c{n}" for n in range(8)]
    links = [(a, "feeds", b) for a in ids for b in ids if a != b]
    analysis = analyse(review_of({"s": ["c0"]}, links=links)).argument
    assert len(analysis.loops) == MAX_LOOPS
    assert analysis.loops_truncated
    assert analysis == analyse(review_of({"s": ["c0"]}, links=links)).argument


CHAIN = [("a", "to", "b"), ("b", "to", "c"), ("c", "to", "d"), ("e", "to", "c")]


def test_central_concepts_by_betweenness_highest_first() -> None:
    review = review_of({"s": ["a"]}, links=[*CHAIN, ("f", "to", "g"), ("h", "to", "g")])
    central = analyse(review).argument.central
    # eight linked concepts: 42 ordered pairs of others; c is on 3 shortest paths, b on 2
    assert [(c.concept.id, c.betweenness, c.links_in, c.links_out) for c in central] == [
        ("c", 0.071, 2, 1),
        ("b", 0.048, 1, 1),
    ]


def test_no_betweenness_below_eight_linked_concepts() -> None:
    review = review_of({"s": ["a"]}, links=[*CHAIN, ("f", "to", "g")])
    assert analyse(review).argument.central == ()


def test_a_concept_placed_by_includes_is_not_called_unlinked() -> None:
    review = review_of(
        {"s": ["a", "part"]}, links=[("a", "leads to", "b")], includes={"whole": ["part"]}
    )
    assert analyse(review).argument.unlinked == ()


def test_concepts_with_no_link_in_or_out_are_named() -> None:
    review = review_of({"s": ["a", "lonely"]}, links=[("a", "leads to", "target")])
    analysis = analyse(review).argument
    assert [c.id for c in analysis.unlinked] == ["lonely"]
    assert analysis.linked


def test_without_links_there_is_nothing_to_analyse() -> None:
    related = analyse(review_of({"s": ["a"]})).relatedness
    assert not related.argument.linked
    assert related.argument.unlinked != ()
    assert "No synthesised concept has a line-of-argument link yet." in render_markdown(
        related, RelateView()
    )


# -- text that cannot break the output ---------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile.texts_for_a_review)
def test_hostile_text_keeps_every_table_whole(texts: list[str]) -> None:
    related = analyse(hostile.review(texts)).relatedness
    text = render_markdown(related, RelateView(title=texts[0]))
    plain = render_markdown(analyse(hostile.PLAIN).relatedness, RelateView(title="x"))
    assert len(tables(text)) == len(tables(plain))
    for table in tables(text):
        assert {len(row) for row in table.rows} <= {len(table.header)}, table
    assert "<script" not in text.lower()
    document = json.loads(render_json(related, RelateView()))
    assert [c["id"] for c in document["concepts"]] == [c.id for c in related.grid.concepts]


# -- the command -------------------------------------------------------------------------


def test_refuses_a_review_with_errors(base_review: Path) -> None:
    study = base_review / "studies" / "beta2012.yaml"
    study.write_text(study.read_text() + "colour: blue\n")
    result = runner.invoke(app, ["relate", str(base_review)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.endswith(
        "metaethno: not running relate: the review has errors; fix them and run again\n"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--table", "pairs"], "--table chooses the table of --format csv"),
        (["-f", "json", "--table", "pairs"], "--table chooses the table of --format csv"),
        (["-f", "csv", "--table", "everything"], "Invalid value for '--table'"),
    ],
)
def test_bad_options_are_usage_errors(options: list[str], message: str) -> None:
    result = runner.invoke(app, ["relate", str(REVIEW), *options])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == ""


def test_output_writes_a_file_and_refuses_to_overwrite_it(tmp_path: Path) -> None:
    target = tmp_path / "relate.md"
    first = runner.invoke(app, ["relate", str(REVIEW), "-o", str(target)])
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert target.read_text() == relate("-f", "markdown")

    again = runner.invoke(app, ["relate", str(REVIEW), "-f", "json", "-o", str(target)])
    assert again.exit_code == 2
    assert again.stderr == f"metaethno: {target}: already exists; pass --force to overwrite it\n"
    assert target.read_text() == relate("-f", "markdown")

    forced = runner.invoke(app, ["relate", str(REVIEW), "-f", "csv", "-o", str(target), "--force"])
    assert forced.exit_code == 2
    assert "--format csv does not match the output file" in forced.stderr
    assert target.read_text() == relate("-f", "markdown")

    forced = runner.invoke(app, ["relate", str(REVIEW), "-o", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert [p.name for p in tmp_path.iterdir()] == ["relate.md"]


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("rel.json", ["-f", "json"]),
        ("grid.csv", ["-f", "csv"]),
        ("pairs.csv", ["-f", "csv", "--table", "pairs"]),
        ("relate.txt", ["-f", "table"]),
        ("relate.md", ["-f", "markdown"]),
    ],
)
def test_the_output_file_suffix_chooses_the_format(
    tmp_path: Path, name: str, options: list[str]
) -> None:
    target = tmp_path / name
    table = options[options.index("--table") :] if "--table" in options else []
    result = runner.invoke(app, ["relate", str(REVIEW), "-o", str(target), *table], env=ENV)
    assert result.exit_code == 0, result.output
    assert target.read_text() == relate(*options)


def test_the_bundled_example_relates() -> None:
    document = json.loads(relate("-f", "json", review=EXAMPLE))
    clustered = [s for c in document["clusters"] for s in c["studies"]]
    assert sorted(clustered + document["isolated"]) == sorted(s["id"] for s in document["studies"])
    assert [loop["concepts"] for loop in document["argument"]["loops"]] == [
        ["being-listened-to", "mistrust"],
        ["being-listened-to", "mistrust", "hiding-identity"],
    ]
    assert document["argument"]["central"][0]["concept"] == "mistrust"


def test_the_terminal_tables_of_the_example_fit_the_width() -> None:
    text = relate("-f", "table", review=EXAMPLE)
    assert "Loops among the links (a computed aid)" in text
    assert "Most central concepts (betweenness, a computed aid)" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_a_narrow_terminal_splits_the_grid() -> None:
    env = ENV | {"COLUMNS": "60"}
    result = runner.invoke(app, ["relate", str(EXAMPLE), "-f", "table"], env=env)
    assert result.exit_code == 0, result.output
    assert "Presence matrix (concepts 1-5 of 10)" in result.stdout
    assert "Presence matrix (concepts 6-10 of 10)" in result.stdout


def test_the_reviewers_judgement_and_the_juxtaposition_come_before_anything_computed(
    base_review: Path,
) -> None:
    config = base_review / "metaethno.yaml"
    config.write_text(
        config.read_text()
        + "how_studies_relate:\n  judgement: Reciprocal.\n  reasons: Both describe listening.\n"
    )
    result = runner.invoke(app, ["relate", str(base_review), "-f", "markdown"], env=ENV)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.index("## How the reviewers judged the studies to be related\n\nReciprocal.\n\n")
    assert "**Why:** Both describe listening." in text
    assert (
        "## Juxtaposition: each study's key concepts, before translation\n\n"
        "| Alpha 2010 | Beta 2012 |\n| --------------- | --------- |\n"
        "| Not being heard | Dismissed |\n| Wariness | Guarded |\n"
    ) in text
    positions = [
        text.index(heading)
        for heading in (
            "## How the reviewers judged",
            "## Juxtaposition",
            "## Presence matrix: studies by synthesised concepts, after translation",
            "## Clusters of studies (computed aids)",
        )
    ]
    assert positions == sorted(positions)
    assert "A computed aid, not the reviewers' judgement: the studies are grouped" in text


def test_without_a_judgement_relate_says_it_is_not_recorded() -> None:
    text = relate("-f", "markdown")
    assert "Not recorded: `how_studies_relate` in metaethno.yaml holds the reviewers'" in text


def test_many_studies_are_juxtaposed_as_rows() -> None:
    text = relate("-f", "markdown", review=EXAMPLE)
    assert "| Study | Its key concepts, in the authors' terms |" in text
    assert "| Adeyemi 2011 | Talking to a wall; " in text
