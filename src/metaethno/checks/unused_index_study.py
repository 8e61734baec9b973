"""ME305: an index study is named but the translation order does not use it."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME305",
    "unused-index-study",
    Severity.WARNING,
    "`index_study` has an effect only with `translation_order: index`. Set that order, or remove "
    "`index_study` so that nobody reads the review as translated into that study.",
    bad="translation_order: chronological\nindex_study: ahmed2014",
    good="translation_order: index\nindex_study: ahmed2014",
)


def check(review: Review) -> Iterator[Diagnostic]:
    config = review.config
    if config is None or config.index_study is None or config.translation_order == "index":
        return
    yield RULE.at(
        config.where_key("index_study"),
        f"index_study is ignored, since translation_order is `{config.translation_order}`; "
        "set `translation_order: index` or remove index_study",
    )
