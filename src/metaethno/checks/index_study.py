"""ME208: the index study is missing or unknown."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME208",
    "index-study",
    Severity.ERROR,
    "With `translation_order: index`, `index_study` must name the study that the others are "
    "translated into, and that study must have a file.",
    bad="translation_order: index",
    good="translation_order: index\nindex_study: ahmed2014",
)


def check(review: Review) -> Iterator[Diagnostic]:
    config = review.config
    if config is None:
        return
    if config.translation_order == "index" and config.index_study is None:
        yield RULE.at(
            config.where("translation_order"),
            "translation_order is `index` but no `index_study` is given; "
            "add `index_study:` with the id of the index study",
        )
    elif config.index_study is not None and not review.has_study(config.index_study):
        yield RULE.at(
            config.where("index_study"),
            f"index study `{config.index_study}` has no file {review.studies_folder}/{config.index_study}.yaml"
            f"{did_you_mean(config.index_study, review.studies)}",
        )
