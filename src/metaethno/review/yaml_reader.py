"""Read one YAML file into plain data plus a position for every key and value.

The reader walks libyaml's event stream itself instead of composing nodes,
because composing is where YAML is dangerous for a checker: PyYAML's C composer
overflows the C stack on deeply nested brackets, aliases can expand into
billions of nodes, and duplicate keys and `<<` merges silently lose what a
user wrote. Walking events lets every one of these be reported with a position
before anything is built, and it is faster than composing.

Scalars are resolved by the YAML 1.2 core schema (`yaml_scalars`); what a file
that cannot be read is told is in `yaml_errors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from metaethno.review import rules
from metaethno.review.diagnostics import Diagnostic, Location
from metaethno.review.yaml_errors import (
    decode_error,
    reader_location,
    reader_problem,
    syntax_message,
)
from metaethno.review.yaml_scalars import CORE_TAG, resolve_plain

try:  # the C parser where PyYAML was built with libyaml, the pure one otherwise
    from yaml._yaml import CParser as _Parser

    _OFFSETS_IN_BYTES = True  # libyaml reports reader errors at a byte offset
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

    _OFFSETS_IN_BYTES = False

MAX_DEPTH = 32

KeyPath = tuple[str | int, ...]


# Where a value sits: (key line, key column, value line, value column), 1-based.
# For a list item the "key" is the item itself. Plain tuples keep reading fast.
Span = tuple[int, int, int, int]


@dataclass
class YamlDocument:
    """The result of reading one file: its data (None when unusable) and where each part came from."""

    path: str
    data: Any = None
    spans: dict[KeyPath, Span] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def location(self, keypath: KeyPath) -> Location:
        """Where the value at `keypath` is, or its nearest existing parent."""
        span = self._nearest(keypath)
        return Location(self.path, span[2], span[3]) if span else Location(self.path, 1, 1)

    def key_location(self, keypath: KeyPath) -> Location:
        """Where the key at `keypath` is (for a list item, the item itself)."""
        span = self._nearest(keypath)
        return Location(self.path, span[0], span[1]) if span else Location(self.path, 1, 1)

    def _nearest(self, keypath: KeyPath) -> Span | None:
        while keypath not in self.spans and keypath:
            keypath = keypath[:-1]
        return self.spans.get(keypath)


class _Stop(Exception):
    """The document cannot be read further; its diagnostic is already recorded."""


def _location(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def read_yaml(source: bytes, path: str) -> YamlDocument:
    """Read one YAML document from `source`; never raises on bad input."""
    doc = YamlDocument(path)
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        doc.diagnostics.append(decode_error(source, path, error))
        return doc
    try:
        _build(doc, _Parser(source), source)
    except _PastLibyamlLimit:
        # libyaml 0.2.6 and later stop at 1,000 levels, and inside brackets their scanner
        # looks that far ahead before handing out the first event, so level MAX_DEPTH + 1
        # is never seen. PyYAML's pure-Python parser has no limit: it is slower, but it
        # runs only on a file that is too deep anyway and stops at MAX_DEPTH + 1, so the
        # report is the same whatever libyaml PyYAML was built with.
        doc = YamlDocument(path)
        _build(doc, yaml.SafeLoader(source.decode("utf-8")), source)
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        where = reader_location(source, path, error, _OFFSETS_IN_BYTES)
        doc.diagnostics.append(
            rules.YAML_SYNTAX.at(where, f"YAML syntax error: {reader_problem(error)}")
        )
        doc.data = None
    return doc


class _PastLibyamlLimit(Exception):
    """libyaml refused the nesting before the reader could report it."""


def _build(doc: YamlDocument, parser: Any, source: bytes) -> None:
    """Build `doc` from the parser's events, turning syntax errors into diagnostics."""
    try:
        _Builder(doc, parser, source).build()
    except _Stop:
        doc.data = None
    except yaml.MarkedYAMLError as error:
        if "exceeded maximum nesting depth" in str(error.problem):
            raise _PastLibyamlLimit from None
        mark = error.problem_mark or error.context_mark
        where = _location(doc.path, mark) if mark else Location(doc.path, 1, 1)
        doc.diagnostics.append(rules.YAML_SYNTAX.at(where, syntax_message(error, source)))
        doc.data = None


class _Builder:
    """Turns the event stream into dicts, lists and scalars, recording spans as it goes."""

    def __init__(self, doc: YamlDocument, parser: Any, source: bytes) -> None:
        self.doc = doc
        self.parser = parser
        self.spans = doc.spans
        # libyaml refuses raw control characters except NEL (U+0085), so text can only hold
        # one through a backslash escape or a NEL, and a line or paragraph separator only
        # through an escape or raw: most files need no look at every scalar.
        self.may_hold_specials = any(
            marker in source for marker in (b"\\", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
        )

    def fail(self, rule: rules.Rule, mark: Any, message: str) -> _Stop:
        self.doc.diagnostics.append(rule.at(_location(self.doc.path, mark), message))
        return _Stop()

    def build(self) -> None:
        get = self.parser.get_event
        get()  # StreamStart
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            self.doc.diagnostics.append(
                rules.EMPTY_FILE.at(
                    Location(self.doc.path, 1, 1), "the file is empty; fill it in or delete it"
                )
            )
            raise _Stop()
        root_mark = event.start_mark  # DocumentStart
        self.doc.data = self.value(get(), get)
        get()  # DocumentEnd
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            raise self.fail(
                rules.MULTIPLE_DOCUMENTS,
                event.start_mark,
                "a second YAML document starts here; keep one document per file",
            )
        if self.doc.data is None:
            raise self.fail(
                rules.EMPTY_FILE, root_mark, "the file holds no values; fill it in or delete it"
            )
        if not isinstance(self.doc.data, dict):
            kind = "list" if isinstance(self.doc.data, list) else "single value"
            mark = root_mark
            raise self.fail(
                rules.NOT_A_MAPPING,
                mark,
                f"the file holds a {kind}; write it as a mapping of `key: value` lines",
            )

    def scalar(self, event: Any) -> Any:
        text = self.checked_text(event) if self.may_hold_specials else event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.style and event.implicit[0]:
                return resolve_plain(text)
            return text
        if tag.startswith(CORE_TAG):
            kind = tag[len(CORE_TAG) :]
            if kind == "str":
                return text
            value = resolve_plain(text)
            expected = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(kind)
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                return float(value)
            if expected is not None and type(value) is expected:
                return value
            if expected is not None:
                raise self.fail(
                    rules.UNSUPPORTED_TAG,
                    event.start_mark,
                    f"{text!r} is not a valid !!{kind}; correct the value or remove the tag",
                )
        shown = "!!" + tag[len(CORE_TAG) :] if tag.startswith(CORE_TAG) else tag
        raise self.fail(
            rules.UNSUPPORTED_TAG,
            event.start_mark,
            f"the tag {shown} is not understood here; remove it or quote the value",
        )

    def checked_text(self, event: Any) -> str:
        """The scalar's text with Unicode's line and paragraph separators read as line breaks
        (terminals and tables would otherwise break a row at them), after reporting any
        control character in it; the text is kept, so other checks still run."""
        text: str = event.value
        found = _CONTROL.search(text)
        if found is not None:
            code = ord(found.group())
            self.doc.diagnostics.append(
                rules.CONTROL_CHARACTER.at(
                    _location(self.doc.path, event.start_mark),
                    f"the text holds the control character U+{code:04X}, which cannot be "
                    "printed; delete it (look for a backslash escape) or retype the text",
                )
            )
        return text.translate(_SEPARATORS_AS_NEWLINES)

    def value(self, event: Any, get: Any) -> Any:
        """Build the value starting at `event`, iteratively so depth cannot exhaust the stack."""
        spans = self.spans
        path = self.doc.path
        diagnostics = self.doc.diagnostics
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        sequence_start = yaml.SequenceStartEvent
        # One frame per open container: [container, its keypath, pending key, the key's mark]
        stack: list[list[Any]] = []
        while True:
            cls = type(event)
            if cls is scalar_event:
                node: Any = self.scalar(event)
                is_container = False
            elif cls is mapping_start or cls is sequence_start:
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(
                        rules.TOO_DEEP,
                        event.start_mark,
                        f"nesting deeper than {MAX_DEPTH} levels; check for unclosed brackets",
                    )
                node = {} if cls is mapping_start else []
                is_container = True
            elif cls is yaml.AliasEvent:
                raise self.fail(
                    rules.ALIAS,
                    event.start_mark,
                    f"alias *{event.anchor} is not allowed in review files; write the value out in full",
                )
            else:  # the end of the innermost container
                done = stack.pop()[0]
                if not stack:
                    return done
                event = get()
                continue

            if not stack:
                keypath: KeyPath = ()
                mark = event.start_mark
                spans[keypath] = (mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1)
                if not is_container:
                    return node
            else:
                frame = stack[-1]
                parent = frame[0]
                if type(parent) is list:
                    keypath = frame[1] + (len(parent),)
                    mark = event.start_mark
                    line = mark.line + 1
                    col = mark.column + 1
                    spans[keypath] = (line, col, line, col)
                    parent.append(node)
                elif frame[2] is _NO_KEY:
                    if is_container:
                        raise self.fail(
                            rules.COMPLEX_KEY,
                            event.start_mark,
                            "a list or mapping cannot be a key; use a plain name such as `label`",
                        )
                    # only a plain `<<` is a merge key; a quoted one is an ordinary (unknown) key
                    frame[2] = _MERGE if node == "<<" and not event.style else node
                    frame[3] = event.start_mark
                    event = get()
                    continue
                else:
                    key = frame[2]
                    frame[2] = _NO_KEY
                    keypath = frame[1] + (key,)
                    key_mark = frame[3]
                    if key is _MERGE:
                        diagnostics.append(
                            rules.MERGE_KEY.at(
                                _location(path, key_mark),
                                "merge keys (<<) are not supported; write the keys out in this mapping",
                            )
                        )
                        keypath = (_DROPPED, id(node))
                    elif keypath in spans:
                        first_line = spans[keypath][0]
                        diagnostics.append(
                            rules.DUPLICATE_KEY.at(
                                _location(path, key_mark),
                                f"duplicate key {key!r} (first at line {first_line}); the first "
                                "value is kept: merge the two or remove one",
                            )
                        )
                        keypath = (_DROPPED, id(node))
                    else:
                        mark = event.start_mark
                        spans[keypath] = (
                            key_mark.line + 1,
                            key_mark.column + 1,
                            mark.line + 1,
                            mark.column + 1,
                        )
                        parent[key] = node
            if is_container:
                stack.append([node, keypath, _NO_KEY, None])
            event = get()


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SEPARATORS_AS_NEWLINES = str.maketrans({"\u2028": "\n", "\u2029": "\n"})
_NO_KEY = object()
_MERGE = object()
# Keypaths under this marker belong to reported duplicates: read to the end, never used.
_DROPPED = "\x00dropped"
