"""The characters XML 1.0 cannot carry, and text without them, for the XML writers.

The REFI-QDA codebook (`metaethno.render.qdc`) drops them; GraphML and GEXF
(`metaethno.render.graph`) show where they were with U+FFFD.
"""

from __future__ import annotations

import re

# What XML 1.0 cannot hold, even as a character reference: control characters other than tab
# and line breaks, lone surrogates, U+FFFE and U+FFFF. YAML's escapes ("\x1a") can put them in
# a label that `check` accepts.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def replace_non_xml(text: str, *, replacement: str) -> str:
    """`text` with each character XML 1.0 cannot hold replaced by `replacement` ("" drops
    them)."""
    return NOT_XML.sub(replacement, text)
