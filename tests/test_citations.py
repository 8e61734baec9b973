"""Short keys and references: how studies are named in tables."""

from __future__ import annotations

import pytest

from metaethno.review.citations import reference, study_keys, surname
from metaethno.review.models import Reference, Study


def study(study_id: str, authors: list[str], year: int) -> Study:
    return Study.model_validate(
        {
            "id": study_id,
            "references": [{"authors": authors, "year": year, "title": "A title"}],
            "concepts": [{"id": "c", "label": "c"}],
        }
    )


@pytest.mark.parametrize(
    ("author", "name"),
    [
        ("Ahmed, S.", "Ahmed"),
        ("van der Berg, J.", "van der Berg"),
        ("World Health Organization", "World Health Organization"),
    ],
)
def test_surname(author: str, name: str) -> None:
    assert surname(author) == name


def test_keys_are_first_author_and_year() -> None:
    studies = {"ahmed2014": study("ahmed2014", ["Ahmed, S.", "Begum, R."], 2014)}
    assert study_keys(studies) == {"ahmed2014": "Ahmed 2014"}


def test_a_study_without_authors_is_named_by_its_id() -> None:
    assert study_keys({"who2019": study("who2019", [], 2019)}) == {"who2019": "who2019 2019"}


def test_collisions_get_letters_in_id_order_whatever_the_input_order() -> None:
    studies = {
        "ahmed2014z": study("ahmed2014z", ["Ahmed, T."], 2014),
        "ahmed2014a": study("ahmed2014a", ["Ahmed, S."], 2014),
        "ahmed2015": study("ahmed2015", ["Ahmed, S."], 2015),
    }
    assert study_keys(studies) == {
        "ahmed2014a": "Ahmed 2014a",
        "ahmed2014z": "Ahmed 2014b",
        "ahmed2015": "Ahmed 2015",
    }


def test_many_collisions_run_past_z() -> None:
    studies = {f"s{i:02d}": study(f"s{i:02d}", ["Lee, K."], 2020) for i in range(28)}
    keys = study_keys(studies)
    assert [keys["s00"], keys["s25"], keys["s26"], keys["s27"]] == [
        "Lee 2020a",
        "Lee 2020z",
        "Lee 2020aa",
        "Lee 2020ab",
    ]
    assert len(set(keys.values())) == 28


def test_reference() -> None:
    paper = Reference.model_validate(
        {
            "authors": ["Ahmed, S.", "Begum, R."],
            "year": 2014,
            "title": "What will people say?",
            "journal": "Journal of Examples",
            "doi": "10.5555/x",
        }
    )
    assert reference(paper) == (
        "Ahmed, S., Begum, R. (2014). What will people say? Journal of Examples. "
        "https://doi.org/10.5555/x"
    )


def test_a_named_study_is_keyed_by_its_name() -> None:
    named = study("daly2012", ["Lee, K."], 2012).model_copy(update={"name": "DALY"})
    assert study_keys({"daly2012": named}) == {"daly2012": "DALY"}


def test_a_group_author_is_not_turned_into_a_surname_and_year() -> None:
    group = study("usualcare2005", ["Usual care study investigators"], 2005)
    assert study_keys({"usualcare2005": group}) == {"usualcare2005": "usualcare2005"}
