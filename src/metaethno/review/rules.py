"""Rules: the stable codes a user can look up, each with a severity and a fix.

Loader problems (YAML and schema) are listed here; each cross-file check owns
its rule in its own module under `metaethno.checks`. `docs/checks.md` is
generated from all of them, so a code documented is a code that exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from metaethno.review.diagnostics import Diagnostic, Location, Severity


@dataclass(frozen=True)
class Rule:
    """A kind of problem: stable code, default severity, what it means and how to fix it."""

    code: str
    name: str
    severity: Severity
    summary: str
    bad: str
    good: str

    def at(self, location: Location, message: str) -> Diagnostic:
        """A diagnostic of this rule at `location`."""
        return Diagnostic.at(location, self.code, self.severity, message)


E = Severity.ERROR

INVALID_UTF8 = Rule(
    "ME001",
    "invalid-utf8",
    E,
    "The file is not valid UTF-8. Save it as UTF-8 (most editors offer this under 'Save with encoding').",
    bad="label: Caf\\xe9   # a Latin-1 byte",
    good="label: Café      # saved as UTF-8",
)
YAML_SYNTAX = Rule(
    "ME002",
    "yaml-syntax",
    E,
    "The file is not valid YAML. The message says what the parser expected; quote text that "
    "contains `: `, `#` or starts with a special character.",
    bad="label: Trust: earned slowly",
    good='label: "Trust: earned slowly"',
)
DUPLICATE_KEY = Rule(
    "ME003",
    "duplicate-key",
    E,
    "A key appears twice in one mapping. YAML would silently keep only one value; metaethno keeps "
    "the first and reports the second. Merge the two or rename one.",
    bad="label: Being heard\nlabel: Being listened to",
    good="label: Being listened to",
)
ALIAS = Rule(
    "ME004",
    "alias",
    E,
    "Review files do not use YAML aliases (`*name`): every value is written out where it is used, "
    "so each file reads on its own and no alias can expand into a huge document.",
    bad="context: &ctx {country: UK}\nother: *ctx",
    good="context: {country: UK}",
)
TOO_DEEP = Rule(
    "ME005",
    "too-deep",
    E,
    "The file nests mappings and lists more deeply than any review file needs (32 levels). "
    "Check for unclosed brackets.",
    bad="label: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ ...",
    good="label: Being listened to",
)
MERGE_KEY = Rule(
    "ME006",
    "merge-key",
    E,
    "Review files do not use YAML merge keys (`<<`): write the keys out in the mapping.",
    bad="context:\n  <<: {country: UK}",
    good="context:\n  country: UK",
)
EMPTY_FILE = Rule(
    "ME007",
    "empty-file",
    E,
    "The file holds no YAML document. Fill it in (`metaethno new study ID` writes a template) or delete it.",
    bad="# nothing but a comment",
    good="id: ahmed2014\n...",
)
NOT_A_MAPPING = Rule(
    "ME008",
    "not-a-mapping",
    E,
    "The file's top level must be a mapping of `key: value` lines, not a list or a single value.",
    bad="- id: ahmed2014",
    good="id: ahmed2014",
)
MULTIPLE_DOCUMENTS = Rule(
    "ME009",
    "multiple-documents",
    E,
    "A review file holds one YAML document. Split the documents after `---` into files of their own.",
    bad="id: ahmed2014\n---\nid: begum2016",
    good="id: ahmed2014",
)
COMPLEX_KEY = Rule(
    "ME010",
    "complex-key",
    E,
    "Mapping keys must be plain values such as `label`, not lists or mappings.",
    bad="? [a, b]\n: value",
    good="label: value",
)
UNSUPPORTED_TAG = Rule(
    "ME011",
    "unsupported-tag",
    E,
    "Only the plain YAML tags `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` are understood. "
    "Remove the tag or quote the value.",
    bad="year: !!python/object 2014",
    good="year: 2014",
)
MISSING_FOLDER = Rule(
    "ME012",
    "missing-folder",
    E,
    "The studies or concepts folder named in metaethno.yaml does not exist. Create it or correct the name.",
    bad="studies: studeis",
    good="studies: studies",
)
CONTROL_CHARACTER = Rule(
    "ME015",
    "control-character",
    E,
    "Text holds a control character (U+0000 to U+001F other than tab and newline, U+007F, or "
    "U+0080 to U+009F), usually written as an escape in double quotes or pasted from another "
    "program. Such characters cannot be printed, and they garble terminals, tables and graphs. "
    "Delete the escape or retype the text.",
    bad='label: "Being heard\\x07"',
    good="label: Being heard",
)
OUTSIDE_REVIEW = Rule(
    "ME016",
    "outside-review",
    E,
    "metaethno reads only the review's own files. A studies or concepts folder named in "
    "metaethno.yaml that lies outside the review folder (`/etc`, `..`) is not read, nor is a study "
    "or concept file that is a link to a file outside the review. Keep the folders inside the "
    "review, named relative to metaethno.yaml, and put the files themselves in them. The same "
    "holds for a Markdown file that a `methods` field names with `file:`.",
    bad="studies: ../other-review/studies",
    good="studies: studies",
)
MISSING_FILE = Rule(
    "ME018",
    "missing-file",
    E,
    "A `methods` field names with `file:` a Markdown file that the review does not have. Create "
    "the file, or correct its path, which is relative to metaethno.yaml.",
    bad="methods:\n  search_strategy: {file: methods/serach.md}",
    good="methods:\n  search_strategy: {file: methods/search.md}",
)
OVERLAPPING_FOLDERS = Rule(
    "ME017",
    "overlapping-folders",
    E,
    "The studies and concepts folders must be two separate folders inside the review: neither "
    "the review folder itself (`.`), nor the same folder, nor one inside the other, nor inside "
    "`.metaethno`, which holds metaethno's own files. Neither folder is read until this is fixed.",
    bad="studies: studies\nconcepts: studies",
    good="studies: studies\nconcepts: concepts",
)
UNKNOWN_KEY = Rule(
    "ME101",
    "unknown-key",
    E,
    "The key is not part of the review format, so metaethno would ignore it. Check its spelling "
    "against `metaethno schema`, which lists every field with its description; text that has no "
    "field of its own belongs in a YAML comment (`# ...`).",
    bad="lable: Being listened to",
    good="label: Being listened to",
)
MISSING_FIELD = Rule(
    "ME102",
    "missing-field",
    E,
    "A required field is missing. Add it.",
    bad="concepts:\n  - id: unheard",
    good="concepts:\n  - id: unheard\n    label: Not being heard",
)
WRONG_TYPE = Rule(
    "ME103",
    "wrong-type",
    E,
    "The value has the wrong type, for example text where a number or a list belongs.",
    bad="sample_size: twelve",
    good="sample_size: 12",
)
INVALID_VALUE = Rule(
    "ME104",
    "invalid-value",
    E,
    "The value is of the right type but not one the format allows, for example a relation "
    "other than `reciprocal` or `refutational`, or an empty list that needs an entry.",
    bad="relation: supportive",
    good="relation: reciprocal",
)
DUPLICATE_FILE = Rule(
    "ME013",
    "duplicate-file",
    E,
    "Two files in one folder give the same id (for example `ahmed2014.yaml` and `ahmed2014.yml`). "
    "Only the first is read: merge them or rename one.",
    bad="studies/ahmed2014.yaml\nstudies/ahmed2014.yml",
    good="studies/ahmed2014.yaml",
)
STRAY_FILE = Rule(
    "ME014",
    "stray-file",
    Severity.WARNING,
    "A file in the studies or concepts folder does not end in `.yaml` or `.yml`, or is a folder or "
    "a broken link, so it is not read. Rename it if it holds a study or concept, or move it out "
    "of the folder.",
    bad="studies/ahmed2014.yalm",
    good="studies/ahmed2014.yaml",
)
ID_MISMATCH = Rule(
    "ME105",
    "id-mismatch",
    E,
    "A study's or concept's `id` must equal its file name without `.yaml`, so that references "
    "can be found. Rename the file or change the id.",
    bad="# studies/ahmed2014.yaml\nid: ahmed-2014",
    good="# studies/ahmed2014.yaml\nid: ahmed2014",
)

INVALID_DOI = Rule(
    "ME106",
    "invalid-doi",
    E,
    "A `doi` must be a DOI: `10.`, the registrant's code of four or more digits, `/` and the "
    "rest, without spaces. A pasted `https://doi.org/`, `http://dx.doi.org/` or `doi:` in front "
    "is accepted and removed, so the DOI is linked once wherever it is shown.",
    bad="doi: 5555/example.2014.01",
    good="doi: https://doi.org/10.5555/example.2014.01   # read as 10.5555/example.2014.01",
)

LOADER_RULES: tuple[Rule, ...] = (
    INVALID_UTF8,
    YAML_SYNTAX,
    DUPLICATE_KEY,
    ALIAS,
    TOO_DEEP,
    MERGE_KEY,
    EMPTY_FILE,
    NOT_A_MAPPING,
    MULTIPLE_DOCUMENTS,
    COMPLEX_KEY,
    UNSUPPORTED_TAG,
    MISSING_FOLDER,
    DUPLICATE_FILE,
    STRAY_FILE,
    CONTROL_CHARACTER,
    OUTSIDE_REVIEW,
    OVERLAPPING_FOLDERS,
    MISSING_FILE,
    UNKNOWN_KEY,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    ID_MISMATCH,
    INVALID_DOI,
)
