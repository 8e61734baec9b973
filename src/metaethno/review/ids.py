"""Ids made from text: one rule for the ids `import references` writes and the ids that
messages suggest in place of an invalid one (`new`, the loader's ME105).

An id made here is lowercase ASCII letters and digits only (`Chéung 2018` gives
`cheung2018`, `Müller2014` gives `muller2014`), at most `MAX_ID_LENGTH` characters, so
that it is always a valid id and a file name that every file system accepts.
"""

from __future__ import annotations

import re
import unicodedata

from metaethno.review.models import ID_PATTERN

MAX_ID_LENGTH = 40
"""The longest id metaethno makes; a 300-letter surname must not become a file name that
the file system refuses."""

# Letters that Unicode does not decompose into a base letter and a mark.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "ø": "o",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "þ": "th",
        "ð": "d",
        "\u0131": "i",
    }
)


def is_valid_id(value: str) -> bool:
    """Whether the format accepts `value` as a study or concept id."""
    return re.fullmatch(ID_PATTERN, value) is not None


def id_letters(text: str) -> str:
    """`text` lowercased and folded to ASCII letters and digits ("Müller-Lüdenscheidt" ->
    "mullerludenscheidt"); "" when nothing of it is a Latin letter or a digit."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return re.sub(r"[^a-z0-9]+", "", folded.encode("ascii", "ignore").decode("ascii"))


def make_id(text: str, tail: str = "") -> str:
    """An id from `text` and `tail` (a year, a suffix): `text`'s letters cut so that the
    whole id has at most `MAX_ID_LENGTH` characters, then `tail` whole."""
    return id_letters(text)[: max(MAX_ID_LENGTH - len(tail), 0)] + tail


def id_mismatch_advice(item_id: str, file_name: str) -> str:
    """What to do when a file's (valid) `id` is not its file name, as ME105 says it.

    A file name that is itself no valid id (`Chéung 2018.yaml`) is never offered as the
    id: the file is to be renamed, to its id or to the id that `make_id` makes of its name.
    """
    stem, dot, suffix = file_name.rpartition(".")
    stem, suffix = (stem, dot + suffix) if dot else (file_name, "")
    if is_valid_id(stem):
        return f"change the id to `{stem}` or rename the file"
    rename = f"the file name is not a valid id: rename the file to `{item_id}{suffix}`"
    suggested = make_id(stem)
    if suggested in ("", item_id):
        return rename
    return f"{rename}, or to `{suggested}{suffix}` and change the id to `{suggested}`"
