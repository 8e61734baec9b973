"""`metaethno suggest`: suggested translations and candidate new concepts, by text similarity."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

import hostile
from conftest import TESTS, assert_golden
from metaethno.analysis import similarity
from metaethno.analysis import suggest as suggest_module
from metaethno.analysis.suggest import Suggestion, Suggestions, suggest
from metaethno.checks.run import check_review
from metaethno.cli import app
from metaethno.render.suggest import RENDERERS, View, render_yaml
from metaethno.review.loaded import Review
from metaethno.review.models import Concept, ReviewConfig, Study
from metaethno.review.yaml_reader import read_yaml

EXAMPLE = TESTS.parent  # the bundled example review
GOLDEN = TESTS / "golden"
# a fixed terminal width, and no colour whatever the developer's environment says
ENV: dict[str, str | None] = {"COLUMNS": "100", "FORCE_COLOR": None, "NO_COLOR": None}

runner = CliRunner()


def invoke(*args: str) -> Result:
    result = runner.invoke(app, ["suggest", *args], env=ENV)
    print(result.output)
    return result


def copy_example(destination: Path) -> Path:
    """The bundled example's review files (not the rest of the repository) in `destination`."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLE / "metaethno.yaml", destination / "metaethno.yaml")
    shutil.copytree(EXAMPLE / "studies", destination / "studies")
    shutil.copytree(EXAMPLE / "concepts", destination / "concepts")
    return destination


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "example")


def remove_translation(review_dir: Path, concept: str, study: str, study_concept: str) -> None:
    """Delete one reciprocal translation from a concept file, as a reviewer would."""
    path = review_dir / "concepts" / f"{concept}.yaml"
    entry = f"  - study: {study}\n    concept: {study_concept}\n    relation: reciprocal\n"
    text = path.read_text(encoding="utf-8")
    assert text.count(entry) == 1, f"{study}/{study_concept} is not translated in {path}"
    path.write_text(text.replace(entry, "", 1), encoding="utf-8")


def suggestion_for(found: Suggestions, study: str, study_concept: str) -> Suggestion:
    return next(
        s
        for s in found.suggestions
        if (s.study_concept.study, s.study_concept.concept) == (study, study_concept)
    )


def yaml_documents(text: str) -> list[str]:
    """The documents of a YAML stream, split at its `---` lines."""
    return re.split(r"^---\n", text, flags=re.MULTILINE)[1:]


def paste(document: str, concept_file: Path) -> None:
    """Paste a document's translations entries under the concept file's `translations:`."""
    entries = document.split("translations:\n", 1)[1]
    text = concept_file.read_text(encoding="utf-8")
    if "\ntranslations:\n" in text:
        text = text.replace("\ntranslations:\n", "\ntranslations:\n" + entries, 1)
    else:
        text += "translations:\n" + entries
    concept_file.write_text(text, encoding="utf-8")


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- ranking on the bundled example ----------------------------------------------------------

MISTRUST = [
    ("adeyemi2011", "waiting-to-be-sectioned"),
    ("adebayo2003", "fear-of-the-system"),
    ("mensah2005", "everyone-is-the-system"),
    ("hussain2006", "the-doctor-knows-my-dad"),
    ("obi2015", "being-a-guinea-pig"),
    ("nwosu2017", "theyll-take-my-baby"),
    ("okonkwo2019", "sent-away-by-the-gp"),
    ("haile2020", "will-they-tell-the-home-office"),
    ("tesfaye2021", "fear-of-being-charged"),
    ("jallow2022", "why-would-i-trust-them-now"),
]


@pytest.mark.parametrize(("study", "study_concept"), MISTRUST)
def test_a_removed_mistrust_translation_is_suggested_back(
    example: Path, study: str, study_concept: str
) -> None:
    remove_translation(example, "mistrust", study, study_concept)
    checked = check_review(example)
    assert not checked.has_errors
    suggestion = suggestion_for(suggest(checked.review), study, study_concept)
    top_three = [candidate.concept for candidate in suggestion.candidates]
    assert len(top_three) == 3
    assert "mistrust" in top_three, top_three


def test_removed_mistrust_translations_mostly_rank_it_first(tmp_path: Path) -> None:
    firsts = 0
    for number, (study, study_concept) in enumerate(MISTRUST):
        review_dir = copy_example(tmp_path / str(number))
        remove_translation(review_dir, "mistrust", study, study_concept)
        found = suggest(check_review(review_dir).review)
        firsts += suggestion_for(found, study, study_concept).candidates[0].concept == "mistrust"
    assert firsts >= 0.7 * len(MISTRUST)


def leave_one_out(review: Review) -> Iterator[tuple[str, Suggestion]]:
    """Each reciprocal translation of the review taken out in turn: the concept it was in,
    and what suggest says for the study concept it translated."""
    for concept_id, concept in sorted(review.concepts.items()):
        for index, translation in enumerate(concept.translations):
            if translation.relation != "reciprocal":
                continue
            kept = concept.translations[:index] + concept.translations[index + 1 :]
            concepts = {
                **review.concepts,
                concept_id: concept.model_copy(update={"translations": kept}),
            }
            found = suggest(dataclasses.replace(review, concepts=concepts))
            key = (translation.study, translation.concept)
            for suggestion in found.suggestions:
                if (suggestion.study_concept.study, suggestion.study_concept.concept) == key:
                    yield concept_id, suggestion


def test_every_translation_of_the_example_left_out_in_turn() -> None:
    """How good the ranking is on the whole example: a regression guard, not a benchmark."""
    results = list(leave_one_out(check_review(EXAMPLE).review))
    first = sum(s.candidates[0].concept == c for c, s in results if s.candidates)
    top_three = sum(c in [x.concept for x in s.candidates] for c, s in results)
    assert len(results) > 100
    assert first >= 0.75 * len(results)
    assert top_three >= 0.9 * len(results)


def test_food_from_home_gets_suggestions_with_the_words_that_matched() -> None:
    found = suggest(check_review(EXAMPLE).review)
    assert [s.study_concept.key for s in found.suggestions] == ["lau2009/food-from-home"]
    assert found.study_concepts == 122
    candidates = found.suggestions[0].candidates
    assert len(candidates) == 3
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)
    for candidate in candidates:
        assert 0 < candidate.score <= 1
        assert candidate.score == round(candidate.score, 3)
        assert candidate.file == f"concepts/{candidate.concept}.yaml"
        assert 1 <= len(candidate.matched) <= suggest_module.MATCHED_WORDS
    # every matched word is in the study concept's own text
    text = similarity.study_concept_text(
        check_review(EXAMPLE).review.studies["lau2009"].concept("food-from-home")  # type: ignore[arg-type]
    ).lower()
    assert all(word in text for c in candidates for word in c.matched)
    assert found.groups == ()


def test_stop_words_agree_with_the_tokens() -> None:
    """scikit-learn warns when the stop words, tokenised, give words not in the list; its check
    swallows exceptions, so pytest's warnings-as-errors would not see it: record it instead."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        suggest(check_review(EXAMPLE).review)
    assert [str(w.message) for w in caught] == []


def test_same_review_same_suggestions() -> None:
    review = check_review(EXAMPLE).review
    assert suggest(review) == suggest(review)


def test_ties_go_to_the_smaller_concept_id(base_review: Path) -> None:
    twin = "interpretation: Staff listening to patients.\n"
    # only includes: their profiles are their own text, the same words (labels must differ)
    for concept_id, label in (
        ("twin-b", "Listening to patients"),
        ("twin-a", "Listening to patients!"),
    ):
        (base_review / "concepts" / f"{concept_id}.yaml").write_text(
            f"id: {concept_id}\nlabel: {label}\n{twin}includes: [being-heard]\n"
        )
    add_concept(base_review, "beta2012", "listening", "Listening", "Staff listening to patients.")
    checked = check_review(base_review)
    assert not checked.has_errors, checked.diagnostics
    (suggestion,) = suggest(checked.review).suggestions
    first, second = suggestion.candidates[:2]
    assert first.score == second.score
    assert [first.concept, second.concept] == ["twin-a", "twin-b"]


# -- blocks: the same answers however the work is cut ------------------------------------------


@pytest.mark.parametrize(
    ("cells", "dense_from", "width"),
    [(7, 0.0, 5), (7, 2.0, 5), (40, 2.0, 3), (1, 0.0, 1), (1, 2.0, 1)],
    ids=["small dense blocks", "small sparse blocks", "sparse", "cell by cell dense", "cell"],
)
def test_blocks_of_any_size_give_the_same_suggestions(
    example: Path, monkeypatch: pytest.MonkeyPatch, cells: int, dense_from: float, width: int
) -> None:
    for study, study_concept in MISTRUST[:4]:
        remove_translation(example, "mistrust", study, study_concept)
    review = check_review(example).review
    expected = suggest(review, top=4, min_similarity=0.1)
    assert expected.groups  # so that the groups are compared too
    monkeypatch.setattr(similarity, "BLOCK_CELLS", cells)
    monkeypatch.setattr(similarity, "DENSE_FROM", dense_from)
    monkeypatch.setattr(similarity, "SPARSE_WIDTH", width)
    assert suggest(review, top=4, min_similarity=0.1) == expected


# -- groups: candidate new concepts ------------------------------------------------------------

FOOD = """  - id: {id}
    label: {label}
    interpretation: {interpretation}
"""


def add_concept(review_dir: Path, study: str, concept_id: str, label: str, text: str) -> None:
    path = review_dir / "studies" / f"{study}.yaml"
    with path.open("a", encoding="utf-8") as file:
        file.write(FOOD.format(id=concept_id, label=label, interpretation=text))


def test_similar_untranslated_concepts_of_different_studies_form_a_group(
    base_review: Path,
) -> None:
    add_concept(
        base_review,
        "alpha2010",
        "hospital-food",
        "Food from home",
        "Relatives brought food from home to the hospital ward.",
    )
    add_concept(
        base_review,
        "beta2012",
        "family-meals",
        "Meals from home",
        "Family brought home cooked food to the hospital.",
    )
    found = suggest(check_review(base_review).review)
    assert len(found.groups) == 1
    group = found.groups[0]
    assert [m.key for m in group.members] == ["alpha2010/hospital-food", "beta2012/family-meals"]
    assert group.studies == ("alpha2010", "beta2012")
    # the words both hold, the weightiest first
    assert len(group.words) == suggest_module.GROUP_WORDS
    assert set(group.words) <= {"food", "home", "hospital", "brought"}
    assert group.new_id == "-".join(group.words)
    assert group.new_file == f"concepts/{group.new_id}.yaml"


def test_similar_concepts_of_one_study_form_no_group(base_review: Path) -> None:
    text = "Relatives brought food from home to the hospital ward."
    add_concept(base_review, "alpha2010", "hospital-food", "Food from home", text)
    add_concept(base_review, "alpha2010", "food-again", "Food from home", text)
    found = suggest(check_review(base_review).review)
    assert found.groups == ()


def test_min_similarity_decides_who_is_grouped(base_review: Path) -> None:
    add_concept(base_review, "alpha2010", "hospital-food", "Food from home", "Soup on the ward.")
    add_concept(base_review, "beta2012", "family-meals", "Food", "Cooking at home for a parent.")
    review = check_review(base_review).review
    assert suggest(review, min_similarity=0.05).groups
    assert not suggest(review, min_similarity=0.9).groups
    identical = suggest(review, min_similarity=1.0)
    assert not identical.groups


def test_a_group_pasted_as_a_new_concept_file_passes_check(base_review: Path) -> None:
    add_concept(
        base_review, "alpha2010", "hospital-food", "Food from home", "Food from home on the ward."
    )
    add_concept(
        base_review, "beta2012", "family-meals", "Meals from home", "Home food on the ward."
    )
    result = invoke(str(base_review), "--format", "yaml")
    assert result.exit_code == 0
    documents = yaml_documents(result.stdout)
    group = next(d for d in documents if "suggested new concept 1" in d)
    new_id = re.search(r"^id: (\S+)$", group, flags=re.MULTILINE).group(1)  # type: ignore[union-attr]
    (base_review / "concepts" / f"{new_id}.yaml").write_text(group, encoding="utf-8")
    checked = check_review(base_review)
    # the two study concepts added above have no quotes: ME310 asks for first-order data
    assert [d.code for d in checked.diagnostics] == ["ME310", "ME310"]


# -- the YAML format ------------------------------------------------------------------------------


def test_yaml_parses_and_pasting_it_resolves_me301(example: Path) -> None:
    result = invoke(str(example), "--format", "yaml")
    assert result.exit_code == 0
    assert list(yaml.safe_load_all(result.stdout))  # one valid YAML stream
    documents = yaml_documents(result.stdout)
    assert len(documents) == 3
    for document in documents:
        parsed = read_yaml(document.encode(), "suggestion.yaml")
        assert parsed.diagnostics == []
        assert parsed.data == {
            "translations": [
                {
                    "study": "lau2009",
                    "concept": "food-from-home",
                    "relation": "reciprocal",
                    "note": parsed.data["translations"][0]["note"],
                }
            ]
        }
    first = documents[0]
    header = re.match(r"# suggestions for (\S+) \(review before pasting\)\n", first)
    assert header is not None
    before = {d.code for d in check_review(example).diagnostics}
    assert before == {"ME301"}
    paste(first, example / header.group(1))
    assert check_review(example).diagnostics == []


def test_yaml_entries_are_marked_as_suggestions_with_score_and_words() -> None:
    found = suggest(check_review(EXAMPLE).review)
    text = render_yaml(found, View(title="T"))
    best = found.suggestions[0].candidates[0]
    note = (
        f"suggested by metaethno suggest (score {best.score:.3f}; "
        f"matched: {', '.join(best.matched)})"
    )
    assert f'    note: "{note}"\n' in text
    assert f"# suggestions for concepts/{best.concept}.yaml (review before pasting)\n" in text


def test_yaml_when_everything_is_translated(base_review: Path) -> None:
    result = invoke(str(base_review), "--format", "yaml")
    assert result.exit_code == 0
    assert "Nothing to suggest" in result.stdout
    assert list(yaml.safe_load_all(result.stdout)) == []


# -- golden renderings ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def golden_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with four mistrust translations taken out: suggestions and groups."""
    review_dir = copy_example(tmp_path_factory.mktemp("golden") / "review")
    for study, study_concept in MISTRUST[:4]:
        remove_translation(review_dir, "mistrust", study, study_concept)
    return review_dir


@pytest.mark.parametrize(
    ("output_format", "golden"),
    [("markdown", "suggest.md"), ("yaml", "suggest.yaml"), ("table", "suggest-table.txt")],
)
def test_golden(golden_review: Path, output_format: str, golden: str) -> None:
    result = invoke(str(golden_review), "--format", output_format, "--min-similarity", "0.1")
    assert result.exit_code == 0
    assert_golden(result.stdout, GOLDEN / golden)


# -- the command ------------------------------------------------------------------------------------


def test_markdown_is_the_default_when_not_on_a_terminal() -> None:
    assert invoke(str(EXAMPLE)).stdout == invoke(str(EXAMPLE), "-f", "markdown").stdout


def test_top_limits_the_candidates() -> None:
    result = invoke(str(EXAMPLE), "--format", "yaml", "--top", "1")
    assert result.exit_code == 0
    assert result.stdout.count("  - study: lau2009\n") == 1
    assert "(suggestion 1 of 1 for it)" in result.stdout
    result = invoke(str(EXAMPLE), "--format", "yaml", "--top", "5")
    assert result.stdout.count("  - study: lau2009\n") == 5


@pytest.mark.parametrize(
    "args",
    [["--top", "0"], ["--min-similarity", "0"], ["--min-similarity", "1.5"], ["-f", "csv"]],
)
def test_bad_options_exit_2(args: list[str]) -> None:
    result = invoke(str(EXAMPLE), *args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_refuses_a_review_with_errors(base_review: Path) -> None:
    study = base_review / "studies" / "beta2012.yaml"
    study.write_text(study.read_text() + "colour: blue\n")
    result = invoke(str(base_review))
    assert result.exit_code == 1
    assert "error ME101" in result.stderr
    assert "metaethno: not running suggest: the review has errors" in result.stderr
    assert result.stdout == ""


def test_a_missing_folder_exits_2(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr.startswith("metaethno: ")


def test_without_the_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "sklearn", None)  # makes `import sklearn...` fail
    output = tmp_path / "s.yaml"
    result = invoke(str(EXAMPLE), "-o", str(output))
    assert result.exit_code == 2
    assert result.stderr == (
        "metaethno: suggest needs the `suggest` extra (scikit-learn), which is not installed; "
        "install it with: pip install 'metaethno[suggest]'\n"
    )
    assert "Traceback" not in result.output
    assert not output.exists()


def test_output_file_and_force(tmp_path: Path) -> None:
    output = tmp_path / "suggestions.yaml"
    assert invoke(str(EXAMPLE), "-f", "yaml", "-o", str(output)).exit_code == 0
    written = output.read_text(encoding="utf-8")
    assert written == invoke(str(EXAMPLE), "-f", "yaml").stdout
    result = invoke(str(EXAMPLE), "-f", "yaml", "-o", str(output))
    assert result.exit_code == 2
    assert "already exists; pass --force to overwrite it" in result.stderr
    assert invoke(str(EXAMPLE), "-f", "yaml", "-o", str(output), "--force").exit_code == 0


@pytest.mark.parametrize(
    ("name", "output_format"),
    [("s.yaml", "yaml"), ("s.yml", "yaml"), ("s.md", "markdown"), ("s.txt", "table")],
)
def test_the_output_file_suffix_chooses_the_format(
    tmp_path: Path, name: str, output_format: str
) -> None:
    output = tmp_path / name
    assert invoke(str(EXAMPLE), "-o", str(output)).exit_code == 0
    assert output.read_text(encoding="utf-8") == invoke(str(EXAMPLE), "-f", output_format).stdout


def test_a_format_that_contradicts_the_suffix_is_a_usage_error(tmp_path: Path) -> None:
    output = tmp_path / "s.yaml"
    result = invoke(str(EXAMPLE), "-f", "markdown", "-o", str(output))
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: --format markdown does not match the output file {output}, which is yaml "
        "by its suffix; drop --format or change the file name\n"
    )
    assert not output.exists()


def test_never_edits_the_review(example: Path, tmp_path: Path) -> None:
    remove_translation(example, "mistrust", *MISTRUST[0])
    before = file_hashes(example)
    for output_format in ("table", "markdown", "yaml"):
        assert invoke(str(example), "-f", output_format).exit_code == 0
        output = tmp_path / f"out.{output_format}"
        assert invoke(str(example), "-f", output_format, "-o", str(output)).exit_code == 0
    assert file_hashes(example) == before


def test_help_names_the_extra() -> None:
    result = runner.invoke(app, ["suggest", "--help"], env=ENV)
    assert result.exit_code == 0
    assert "pip install 'metaethno[suggest]'" in " ".join(result.stdout.split())


def test_renderers_are_chosen_by_name() -> None:
    assert set(RENDERERS) == {"table", "markdown", "yaml"}


# -- any text ---------------------------------------------------------------------------------------


def assert_yaml_round_trips(found: Suggestions, text: str) -> None:
    """The output is one YAML stream whose documents each read back without a problem, and
    name exactly the study concepts suggested."""
    list(yaml.safe_load_all(text))
    named = set()
    for document in yaml_documents(text):
        parsed = read_yaml(document.encode(), "suggestion.yaml")
        assert parsed.diagnostics == [], document
        for entry in parsed.data["translations"]:
            named.add((entry["study"], entry["concept"]))
            assert entry["relation"] == "reciprocal"
            assert entry["note"].startswith("suggested by metaethno suggest (")
    expected = {
        (s.study_concept.study, s.study_concept.concept) for s in found.suggestions if s.candidates
    }
    expected |= {(m.study, m.concept) for g in found.groups for m in g.members}
    assert named == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile.texts_for_a_review)
def test_hostile_text_never_crashes_and_yaml_parses(texts: list[str]) -> None:
    review = hostile.review(texts)
    found = suggest(review, top=2, min_similarity=0.01)
    assert [s.study_concept.key for s in found.suggestions] == ["alpha2010/left-out"]
    view = View(title=texts[0])
    for render in RENDERERS.values():
        render(found, view)
    assert_yaml_round_trips(found, render_yaml(found, view))


words = st.sampled_from(["trust", "food", "home", "listening", "fear", "care", "the", "a"])
free_text = st.one_of(
    hostile.hostile_text,
    st.lists(words, min_size=1, max_size=8).map(" ".join),
    st.text(min_size=1, max_size=12).filter(lambda text: text.strip() != ""),
)


@st.composite
def review_with_untranslated(draw: st.DrawFn) -> Review:
    """Three studies of two or three concepts; the first concept of each translated."""
    studies = {}
    for number in range(3):
        study_id = f"s{number}"
        concepts: list[dict[str, Any]] = []
        for index in range(draw(st.integers(2, 3))):
            quotes = [{"text": q} for q in draw(st.lists(free_text, max_size=2))]
            concepts.append(
                {
                    "id": f"c{index}",
                    "label": draw(free_text),
                    "interpretation": draw(st.one_of(st.none(), free_text)),
                    "quotes": quotes,
                }
            )
        studies[study_id] = Study.model_validate(
            {
                "id": study_id,
                "references": [{"year": 2000 + number, "title": "T"}],
                "concepts": concepts,
            }
        )
    concept = Concept.model_validate(
        {
            "id": "only",
            "label": draw(free_text),
            "translations": [
                {"study": f"s{n}", "concept": "c0", "relation": "reciprocal"} for n in range(3)
            ],
        }
    )
    higher = Concept.model_validate(
        {"id": "higher", "label": draw(free_text), "includes": ["only"]}
    )
    return Review(
        root=Path(),
        config=ReviewConfig(title="T"),
        studies=studies,
        concepts={"only": concept, "higher": higher},
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(review_with_untranslated(), st.integers(1, 3), st.sampled_from([0.01, 0.2, 1.0]))
def test_any_text_gives_yaml_that_parses(review: Review, top: int, similarity: float) -> None:
    found = suggest(review, top=top, min_similarity=similarity)
    assert len(found.suggestions) == sum(len(s.concepts) - 1 for s in review.studies.values())
    for suggestion in found.suggestions:
        assert len(suggestion.candidates) <= min(top, 2)
        assert all(0 < c.score <= 1 for c in suggestion.candidates)
    for group in found.groups:
        assert len(group.studies) >= 2
    view = View(title="T")
    for render in RENDERERS.values():
        render(found, view)
    assert_yaml_round_trips(found, render_yaml(found, view))


def test_a_review_without_concepts_still_gets_groups(tmp_path: Path) -> None:
    """Before any concept is written, suggest is most useful: it must group, not fail."""
    review = tmp_path / "review"
    (review / "studies").mkdir(parents=True)
    (review / "concepts").mkdir()
    (review / "metaethno.yaml").write_text("title: Early days\n")
    for study, label in (("alpha2010", "Not being listened to"), ("beta2012", "Nobody listened")):
        (review / "studies" / f"{study}.yaml").write_text(
            f"id: {study}\nreferences: [{{year: 2010, title: T}}]\n"
            f"concepts:\n  - id: unheard\n    label: {label}\n"
            "    interpretation: Staff did not listen to what patients said.\n"
        )
    result = CliRunner().invoke(app, ["suggest", str(review), "--format", "yaml"])
    assert result.exit_code == 0, result.output
    assert "alpha2010" in result.stdout and "beta2012" in result.stdout
