"""Text as YAML scalars, for the files and snippets metaethno writes by hand (no YAML dumper).

`yaml_string` always quotes; `yaml_plain_or_quoted` writes plain where that reads back the
same, as a person would write `ahmed2014` or `Ahmed, S.`. Both read back, with
`metaethno.review.yaml_reader`, as exactly the text given.
"""

from __future__ import annotations

import json
import re

from metaethno.review.yaml_scalars import resolve_plain

# Plain text YAML cannot mistake for anything else: it starts with a letter or digit (not an
# indicator such as `-`, `[`, `&` or `"`), is one line, and does not end in a space or `:`.
_PLAIN_SAFE = re.compile(r"[^\W_][^\n]*(?<![\s:])")


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar that reads back as the same text.

    JSON's string syntax is a subset of YAML's; characters that are not printable (such as
    U+2028, which YAML reads as a line break) are escaped.
    """
    return json.dumps(text, ensure_ascii=not text.isprintable())


def yaml_plain_or_quoted(text: str) -> str:
    """`text` as a YAML scalar: plain where YAML reads it back as the same text (not `2014`,
    `true` or `a: b`), else as `yaml_string` writes it."""
    plain = (
        _PLAIN_SAFE.fullmatch(text) is not None
        and ": " not in text
        and " #" not in text
        and resolve_plain(text) == text
        and text.isprintable()
    )
    return text if plain else yaml_string(text)
