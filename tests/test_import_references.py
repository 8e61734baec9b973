"""`metaethno import references` as a user runs it: RIS, BibTeX and CSL-JSON into study stubs."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from conftest import BASE_REVIEW
from metaethno.cli import app
from metaethno.interop.reference_import import normalise_title, unique_id
from metaethno.interop.reference_records import clean, format_name, normalise_doi
from metaethno.review.yaml_reader import read_yaml
from metaethno.review.yaml_writer import yaml_plain_or_quoted

runner = CliRunner()

# The base review holds alpha2010 (doi 10.5555/alpha, "Voices in the clinic", 2010) and
# beta2012 ("Care and community", 2012, no DOI).
RIS = """\
TY  - JOUR
AU  - Ahmed, Sara
AU  - Clarke, Robert James
PY  - 2014///
TI  - Talking to a wall: care for "people" # like us
T2  - Journal of Community Mental Health
DO  - https://doi.org/10.5555/Example.2014.01
ID  - ahmed-key
ER  -

TY  - JOUR
AU  - Noyear, N.
TI  - A paper without a year
ER  -

TY  - JOUR
AU  - Someone, S.
PY  - 2010
TI  - A different title of the same paper
DO  - HTTPS://DOI.ORG/10.5555/ALPHA
ER  -

TY  - JOUR
AU  - Other, O.
PY  - 2012
TI  - Care and Community.
ER  -
"""

BIBTEX = r"""% exported by a reference manager
@article{ahmed2014,
  author = {Ahmed, Sara and Jean-Paul van der Berg},
  title = {Talking to a {Wall}},
  journal = {Journal of Community Mental Health},
  year = {2014},
}

@article{broken,
  author = {Broken, B.},
  title = {Never closed

@book{who2019, author = {{World Health Organization}}, title = {Mental health {\&} care}, date = {2019-05}}
@article{anonymous, title = {Nobody wrote this}, year = 2001}
@article{mueller2020, author = {M{\"u}ller, J{\"o}rg}, title = {{\"U}ber care}, journaltitle = {Z}, year = 2020}
"""

CSL = [
    {
        "id": "item-1",
        "type": "article-journal",
        "title": "Trust and care",
        "author": [{"family": "Ng", "given": "Mei Ling"}, {"literal": "NHS England"}],
        "issued": {"date-parts": [[2018, 3]]},
        "container-title": "BMJ Open",
        "DOI": "10.1136/bmjopen-2018-1",
    },
    {"id": "item-2", "title": "No date given", "author": [{"family": "Ng"}]},
    "not a reference",
    {
        "id": "item-4",
        "title": "Beyond",
        "author": [{"family": "Berg", "non-dropping-particle": "van den", "given": "Anna"}],
        "issued": {"raw": "2019"},
    },
]


def run_import(review: Path, source: Path, *options: str) -> Result:
    result = runner.invoke(
        app, ["import", "references", str(source), "--review", str(review), *options]
    )
    print(result.output)
    return result


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def study_files(review: Path) -> list[str]:
    return sorted(p.name for p in (review / "studies").iterdir())


def references_of(path: Path) -> object:
    return read_yaml(path.read_bytes(), path.name).data["references"]


# -- RIS -----------------------------------------------------------------------------------


def test_ris_writes_a_stub_per_new_reference_and_names_the_bad_one(
    base_review: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "export.ris", RIS)
    result = run_import(base_review, source)
    assert result.exit_code == 1
    assert result.stdout == (
        f"wrote {base_review}/studies/ahmed2014.yaml from record 1 "
        '("Talking to a wall: care for \\"people\\" # like us", key ahmed-key)\n'
        'skipped record 3 ("A different title of the same paper"): already in '
        "studies/alpha2010.yaml (same DOI 10.5555/ALPHA)\n"
        'skipped record 4 ("Care and Community."): already in studies/beta2012.yaml '
        "(same title and year)\n"
    )
    assert result.stderr.splitlines()[:2] == [
        f'{source}:11: record 2 ("A paper without a year") not imported: no year (`PY`)',
        "4 references: 1 study written, 2 duplicates skipped, "
        "1 skipped as incomplete or unreadable",
    ]
    assert study_files(base_review) == ["ahmed2014.yaml", "alpha2010.yaml", "beta2012.yaml"]
    assert references_of(base_review / "studies" / "ahmed2014.yaml") == [
        {
            "authors": ["Ahmed, S.", "Clarke, R. J."],
            "year": 2014,
            "title": 'Talking to a wall: care for "people" # like us',
            "journal": "Journal of Community Mental Health",
            "doi": "10.5555/Example.2014.01",
            "role": "main",
        }
    ]


def test_a_clean_import_exits_0_and_duplicates_are_not_errors(
    base_review: Path, tmp_path: Path
) -> None:
    source = write(
        tmp_path / "export.ris",
        RIS.replace("TI  - A paper without", "PY  - 2001\nTI  - A paper without"),
    )
    result = run_import(base_review, source)
    assert result.exit_code == 0
    assert result.stderr == (
        "4 references: 2 studies written, 2 duplicates skipped, "
        "0 skipped as incomplete or unreadable\n"
        "metaethno: note: the new files' first line names .metaethno/schema/study.schema.json, "
        "which this review lacks; for editor support run: metaethno schema --output "
        f"{base_review}/.metaethno/schema\n"
    )
    assert "noyear2001.yaml" in study_files(base_review)


def test_the_stub_is_the_study_template_with_the_reference_filled_in(
    base_review: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "one.ris", RIS.split("\n\n")[0] + "\n")
    assert run_import(base_review, source).exit_code == 0
    text = (base_review / "studies" / "ahmed2014.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../.metaethno/schema/study.schema.json\n"
        "# Imported by `metaethno import references` from one.ris, record 1.\n"
    )
    assert "id: ahmed2014  # required" in text
    assert (
        "references:\n"
        "  - authors:\n"
        "      - Ahmed, S.\n"
        "      - Clarke, R. J.\n"
        "    year: 2014\n"
        '    title: "Talking to a wall: care for \\"people\\" # like us"\n'
        "    journal: Journal of Community Mental Health\n"
        "    doi: 10.5555/Example.2014.01\n"
        "    role: main\n"
        "\n"
    ) in text
    assert '  - id: ""' in text and '    label: ""' in text


def test_check_reports_the_placeholder_concept_of_each_stub_and_nothing_else(
    base_review: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "one.ris", RIS.split("\n\n")[0] + "\n")
    assert run_import(base_review, source).exit_code == 0
    result = runner.invoke(app, ["check", str(base_review)], env={"GITHUB_ACTIONS": ""})
    assert result.exit_code == 1
    problems = result.stdout.splitlines()
    assert [line.split(": ", 1)[0].rsplit(":", 2)[0] for line in problems] == [
        "studies/ahmed2014.yaml"
    ] * 3
    # the wording is check's; what matters here is that each placeholder is named
    assert [line.split(" ", 1)[1].split(";")[0] for line in problems] == [
        "error ME104 `id`: empty text is not allowed",
        "error ME104 `label`: empty text is not allowed",
        "error ME104 `text`: empty text is not allowed",
    ]
    # once a reviewer fills the placeholder in, the study is valid
    stub = base_review / "studies" / "ahmed2014.yaml"
    filled = (
        stub.read_text(encoding="utf-8")
        .replace('- id: ""', "- id: walls", 1)
        .replace('label: ""', "label: Talking to a wall", 1)
        .replace('- text: ""', "- text: Nobody hears.", 1)
    )
    stub.write_text(filled, encoding="utf-8")
    result = runner.invoke(app, ["check", str(base_review)], env={"GITHUB_ACTIONS": ""})
    assert " error " not in result.stdout, result.stdout
    assert result.exit_code == 0


def test_records_giving_the_same_id_get_suffixes_and_existing_files_are_never_overwritten(
    base_review: Path, tmp_path: Path
) -> None:
    existing = write(base_review / "studies" / "ahmed2014.yaml", "kept: as it was\n")
    records = "\n".join(
        f"TY  - JOUR\nAU  - Ahmed, {given}\nPY  - 2014\nTI  - Paper {number}\nER  - \n"
        for number, given in enumerate(["Sara", "Samira", "Sana"], start=1)
    )
    result = run_import(base_review, write(tmp_path / "ahmeds.ris", records))
    assert result.exit_code == 0
    assert existing.read_text() == "kept: as it was\n"
    assert study_files(base_review) == [
        "ahmed2014.yaml",
        "ahmed2014a.yaml",
        "ahmed2014b.yaml",
        "ahmed2014c.yaml",
        "alpha2010.yaml",
        "beta2012.yaml",
    ]
    assert references_of(base_review / "studies" / "ahmed2014c.yaml") == [
        {"authors": ["Ahmed, S."], "year": 2014, "title": "Paper 3", "role": "main"}
    ]


def test_a_reference_twice_in_the_file_is_imported_once(base_review: Path, tmp_path: Path) -> None:
    record = "TY  - JOUR\nAU  - Ahmed, S.\nPY  - 2014\nTI  - Paper\nDO  - 10.1/X\nER  - \n"
    again = record.replace("10.1/X", "https://doi.org/10.1/x").replace("Paper", "PAPER")
    result = run_import(base_review, write(tmp_path / "twice.ris", record + "\n" + again))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        'skipped record 2 ("PAPER"): the same as record 1, imported as '
        "studies/ahmed2014.yaml (same DOI 10.1/x)"
    )


def test_dry_run_lists_what_it_would_write_and_writes_nothing(
    base_review: Path, tmp_path: Path
) -> None:
    before = study_files(base_review)
    result = run_import(base_review, write(tmp_path / "export.ris", RIS), "--dry-run")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"would write {base_review}/studies/ahmed2014.yaml from record 1"
    )
    assert "; dry run, nothing written" in result.stderr
    assert study_files(base_review) == before


def test_a_ris_record_without_its_end_line_ends_at_the_next_record(
    base_review: Path, tmp_path: Path
) -> None:
    text = (
        "TY  - JOUR\nAU  - First, F.\nPY  - 2001\nTI  - One\n"
        "TY  - JOUR\nAU  - Second, S.\nPY  - 2002\nTI  - Two\n"
    )
    result = run_import(base_review, write(tmp_path / "open.ris", text))
    assert result.exit_code == 0
    assert "first2001.yaml" in study_files(base_review)
    assert "second2002.yaml" in study_files(base_review)


# -- BibTeX and CSL-JSON -------------------------------------------------------------------


def test_bibtex_entries_are_imported_and_broken_blocks_named(
    base_review: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "library.bib", BIBTEX)
    result = run_import(base_review, source)
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"{source}:9: record 2 (key broken) not imported: cannot be parsed")
    assert errors[1] == (
        f'{source}:14: record 4 ("Nobody wrote this", key anonymous) not imported: '
        "no authors (`author`)"
    )
    assert errors[2] == (
        "5 references: 3 studies written, 0 duplicates skipped, "
        "2 skipped as incomplete or unreadable"
    )
    studies = base_review / "studies"
    assert references_of(studies / "ahmed2014.yaml") == [
        {
            "authors": ["Ahmed, S.", "van der Berg, J.-P."],
            "year": 2014,
            "title": "Talking to a Wall",
            "journal": "Journal of Community Mental Health",
            "role": "main",
        }
    ]
    assert references_of(studies / "worldhealthorganization2019.yaml") == [
        {
            "authors": ["World Health Organization"],
            "year": 2019,
            "title": "Mental health & care",
            "role": "main",
        }
    ]
    assert references_of(studies / "muller2020.yaml") == [
        {
            "authors": ["Müller, J."],
            "year": 2020,
            "title": "Über care",
            "journal": "Z",
            "role": "main",
        }
    ]


def test_bibtex_field_names_ignore_case_and_others_is_et_al(
    base_review: Path, tmp_path: Path
) -> None:
    """`Author =` is `author =` in BibTeX: one author per name, not one per character."""
    text = (
        "@Article{capital2014,\n"
        "  Author = {Capital, Anna and Other, Bob and others},\n"
        "  TITLE = {Upper Title},\n"
        "  Year = {2014},\n"
        "  Journal = {Journal of Care},\n"
        "  DOI = {10.5555/upper},\n"
        "}\n"
    )
    result = run_import(base_review, write(tmp_path / "upper.bib", text))
    assert result.exit_code == 0
    stub = base_review / "studies" / "capital2014.yaml"
    assert references_of(stub) == [
        {
            "authors": ["Capital, A.", "Other, B.", "et al."],
            "year": 2014,
            "title": "Upper Title",
            "journal": "Journal of Care",
            "doi": "10.5555/upper",
            "role": "main",
        }
    ]
    # the report cites the first author and lists "et al." after the named ones
    filled = (
        stub.read_text(encoding="utf-8")
        .replace('- id: ""', "- id: walls", 1)
        .replace('label: ""', "label: Walls", 1)
        .replace('- text: ""', "- text: Nobody hears.", 1)
    )
    stub.write_text(filled, encoding="utf-8")
    report = runner.invoke(app, ["report", str(base_review)])
    assert report.exit_code == 0, report.output
    assert (
        "- **Capital 2014** `capital2014`: Capital, A., Other, B., et al. (2014). Upper Title. "
        "Journal of Care. <https://doi.org/10.5555/upper>\n"
    ) in report.stdout


def test_others_in_any_case_is_et_al_but_in_braces_a_name(
    base_review: Path, tmp_path: Path
) -> None:
    text = (
        "@article{upper, author = {Ahmed, Sara and Others}, title = {One}, year = 2001}\n"
        "@article{braced, author = {Baker, Tom and {others}}, title = {Two}, year = 2002}\n"
    )
    assert run_import(base_review, write(tmp_path / "others.bib", text)).exit_code == 0
    for study, authors in (
        ("ahmed2001", ["Ahmed, S.", "et al."]),
        ("baker2002", ["Baker, T.", "others"]),
    ):
        path = base_review / "studies" / f"{study}.yaml"
        assert read_yaml(path.read_bytes(), path.name).data["references"][0]["authors"] == authors


def test_others_alone_is_no_author_and_a_field_twice_in_two_cases_is_named(
    base_review: Path, tmp_path: Path
) -> None:
    text = (
        "@article{nobody, author = {others}, title = {Unsigned}, year = 2001}\n"
        "@article{twice, author = {A, B}, AUTHOR = {C, D}, title = {Twice}, year = 2002}\n"
    )
    source = write(tmp_path / "odd.bib", text)
    result = run_import(base_review, source)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f'{source}:1: record 1 ("Unsigned", key nobody) not imported: no authors (`author`)',
        f"{source}:2: record 2 (key twice) not imported: gives the field `author` twice "
        "(BibTeX field names ignore case); keep one",
    ]
    assert study_files(base_review) == ["alpha2010.yaml", "beta2012.yaml"]


def test_a_bibtex_key_used_twice_names_the_second_entry(base_review: Path, tmp_path: Path) -> None:
    text = (
        "@article{same, author={A, B}, title={One}, year=2001}\n"
        "@article{same, author={C, D}, title={Two}, year=2002}\n"
    )
    result = run_import(base_review, write(tmp_path / "twice.bib", text))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(
        "record 2 (key same) not imported: an earlier entry has the same key; "
        "give each entry a key of its own"
    )


def test_csl_json_items_are_imported_and_bad_items_named(base_review: Path, tmp_path: Path) -> None:
    source = write(tmp_path / "items.json", json.dumps(CSL))
    result = run_import(base_review, source)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f'{source}: record 2 ("No date given", key item-2) not imported: no year (`issued`)',
        f"{source}: record 3 not imported: is not a JSON object",
    ]
    studies = base_review / "studies"
    assert references_of(studies / "ng2018.yaml") == [
        {
            "authors": ["Ng, M. L.", "NHS England"],
            "year": 2018,
            "title": "Trust and care",
            "journal": "BMJ Open",
            "doi": "10.1136/bmjopen-2018-1",
            "role": "main",
        }
    ]
    assert references_of(studies / "vandenberg2019.yaml") == [
        {"authors": ["van den Berg, A."], "year": 2019, "title": "Beyond", "role": "main"}
    ]


def test_format_option_overrides_the_extension(base_review: Path, tmp_path: Path) -> None:
    source = write(tmp_path / "export.txt", RIS.split("\n\n")[0] + "\n")
    assert run_import(base_review, source).exit_code == 2
    result = run_import(base_review, source, "--format", "ris")
    assert result.exit_code == 0
    assert "ahmed2014.yaml" in study_files(base_review)


# -- what cannot be imported at all --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("refs.txt", "", "cannot tell the format from the extension `.txt`"),
        ("refs.json", "[1, 2", "line 1, column 6: not valid JSON"),
        ("refs.ris", "just some text\n", "no RIS references found; is it a RIS file?"),
        ("refs.bib", "% nothing here\n", "no BibTeX references found"),
    ],
)
def test_unreadable_files_exit_2_with_a_message(
    base_review: Path, tmp_path: Path, name: str, content: str, message: str
) -> None:
    result = run_import(base_review, write(tmp_path / name, content))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_file_not_in_utf8_says_how_to_export_it(base_review: Path, tmp_path: Path) -> None:
    source = tmp_path / "latin1.ris"
    source.write_bytes("TY  - JOUR\nAU  - Müller, J.\n".encode("latin-1"))
    result = run_import(base_review, source)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"metaethno: {source}:2: the file is not UTF-8")


def test_a_missing_file_or_review_exits_2(base_review: Path, tmp_path: Path) -> None:
    assert run_import(base_review, tmp_path / "absent.ris").exit_code == 2
    source = write(tmp_path / "one.ris", RIS)
    result = run_import(tmp_path / "not-a-review", source)
    assert result.exit_code == 2
    assert "no metaethno.yaml" in result.stderr


def test_without_the_import_extra_it_says_how_to_install_it(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rispy", None)  # makes `import rispy` fail
    result = run_import(base_review, write(tmp_path / "one.ris", RIS))
    assert result.exit_code == 2
    assert result.stderr == (
        "metaethno: reading RIS needs the `import` extra, which is not installed; "
        "install it with: pip install 'metaethno[import]'\n"
    )
    monkeypatch.setitem(sys.modules, "bibtexparser", None)
    result = run_import(base_review, write(tmp_path / "one.bib", BIBTEX))
    assert result.exit_code == 2
    assert "reading BibTeX needs the `import` extra" in result.stderr


# -- a broken review, runs at once, records that cannot be written ----------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "title: [Unclosed\n",
            "metaethno.yaml:2:1: error ME002 YAML syntax error: ",
        ),
        (
            "title: Trust\nstudies: 5\n",
            "metaethno.yaml:2:10: error ME103 `studies` should be text, but is the number 5; "
            "put it in quotes to keep it as text",
        ),
        (
            "title: Trust\nstudies: [data, studies]\n",
            "metaethno.yaml:2:10: error ME103 `studies` should be text, but is a list",
        ),
    ],
)
def test_a_broken_metaethno_yaml_stops_the_import_before_writing(
    base_review: Path, tmp_path: Path, config: str, message: str
) -> None:
    (base_review / "metaethno.yaml").write_text(config, encoding="utf-8")
    before = sorted(p.relative_to(base_review) for p in base_review.rglob("*"))
    result = run_import(base_review, write(tmp_path / "one.ris", RIS.split("\n\n")[0] + "\n"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"metaethno: {base_review}/{message}")
    assert result.stderr.endswith(
        "; correct metaethno.yaml first, since it names the folders that new files go in\n"
    )
    assert sorted(p.relative_to(base_review) for p in base_review.rglob("*")) == before


def test_an_error_in_metaethno_yaml_away_from_the_folders_does_not_stop_the_import(
    base_review: Path, tmp_path: Path
) -> None:
    (base_review / "metaethno.yaml").write_text(
        "title: Trust\ntitlex: a typo\nstudies: data\n", encoding="utf-8"
    )
    result = run_import(base_review, write(tmp_path / "one.ris", RIS.split("\n\n")[0] + "\n"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (base_review / "data").iterdir()) == ["ahmed2014.yaml"]


def another_run_writes_first(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """A stand-in for a second import at the same moment: it writes `target` between the
    first one's planning and its writing, once."""
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_the_other_run_writes(dir: Path, prefix: str, suffix: str) -> tuple[int, str]:
        result = real_mkstemp(dir=dir, prefix=prefix, suffix=suffix)
        if not target.exists():
            target.write_text("the other run's study\n")
        return result

    monkeypatch.setattr(
        "metaethno.render.output.tempfile.mkstemp", mkstemp_then_the_other_run_writes
    )


def test_an_id_taken_while_importing_gets_the_next_suffix(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = base_review / "studies" / "ahmed2014.yaml"
    another_run_writes_first(monkeypatch, taken)
    result = run_import(base_review, write(tmp_path / "one.ris", RIS.split("\n\n")[0] + "\n"))
    assert result.exit_code == 0
    assert result.stdout == (
        f"wrote {base_review}/studies/ahmed2014a.yaml from record 1 "
        '("Talking to a wall: care for \\"people\\" # like us", key ahmed-key)\n'
    )
    assert taken.read_text() == "the other run's study\n"
    text = (base_review / "studies" / "ahmed2014a.yaml").read_text(encoding="utf-8")
    assert "id: ahmed2014a  # required" in text
    assert study_files(base_review) == [
        "ahmed2014.yaml",
        "ahmed2014a.yaml",
        "alpha2010.yaml",
        "beta2012.yaml",
    ]


def test_a_very_long_surname_is_cut_and_every_record_is_reported(
    base_review: Path, tmp_path: Path
) -> None:
    records = "\n".join(
        f"TY  - JOUR\nAU  - {surname}, A.\nPY  - 2014\nTI  - Paper {number}\nER  - \n"
        for number, surname in enumerate(["First", "L" * 300, "Third"], start=1)
    )
    result = run_import(base_review, write(tmp_path / "long.ris", records))
    assert result.exit_code == 0
    long_id = "l" * 36 + "2014"
    assert result.stdout == (
        f'wrote {base_review}/studies/first2014.yaml from record 1 ("Paper 1")\n'
        f'wrote {base_review}/studies/{long_id}.yaml from record 2 ("Paper 2")\n'
        f'wrote {base_review}/studies/third2014.yaml from record 3 ("Paper 3")\n'
    )
    assert f"id: {long_id}  # required" in (base_review / "studies" / f"{long_id}.yaml").read_text()


def test_a_record_that_cannot_be_written_is_reported_and_the_next_is_written(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    calls = []

    def fsync_fails_the_second_time(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync_fails_the_second_time)
    records = "\n".join(
        f"TY  - JOUR\nAU  - {surname}, A.\nPY  - 2014\nTI  - Paper {number}\nER  - \n"
        for number, surname in enumerate(["First", "Second", "Third"], start=1)
    )
    source = write(tmp_path / "three.ris", records)
    result = run_import(base_review, source)
    assert result.exit_code == 1
    assert result.stdout == (
        f'wrote {base_review}/studies/first2014.yaml from record 1 ("Paper 1")\n'
        f'wrote {base_review}/studies/third2014.yaml from record 3 ("Paper 3")\n'
    )
    assert result.stderr.splitlines()[:2] == [
        f'{source}:7: record 2 ("Paper 2") not imported: cannot write '
        "studies/second2014.yaml (No space left on device)",
        "3 references: 2 studies written, 0 duplicates skipped, "
        "1 skipped as incomplete or unreadable",
    ]
    assert study_files(base_review) == [
        "alpha2010.yaml",
        "beta2012.yaml",
        "first2014.yaml",
        "third2014.yaml",
    ]


def test_the_suggested_schema_command_is_quoted_for_the_shell(tmp_path: Path) -> None:
    review = tmp_path / "my review"
    shutil.copytree(BASE_REVIEW, review)
    result = run_import(review, write(tmp_path / "one.ris", RIS.split("\n\n")[0] + "\n"))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "metaethno: note: the new files' first line names .metaethno/schema/study.schema.json, "
        "which this review lacks; for editor support run: metaethno schema --output "
        f"'{review}/.metaethno/schema'"
    )


# -- the rules, as functions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("surname", "expected"),
    [
        ("Ahmed", "ahmed2014"),
        ("Øvretveit", "ovretveit2014"),
        ("Müller-Lüdenscheidt", "mullerludenscheidt2014"),
        ("Strauß", "strauss2014"),
        ("Núñez", "nunez2014"),
        ("O'Brien", "obrien2014"),
        ("van der Berg", "vanderberg2014"),
        ("Łukasiewicz", "lukasiewicz2014"),
        ("王", "study2014"),
        (None, "study2014"),
    ],
)
def test_ids_fold_the_surname_to_ascii(surname: str | None, expected: str) -> None:
    assert unique_id(surname, 2014, set()) == expected


def test_unique_ids_take_the_first_free_suffix() -> None:
    assert unique_id("Ahmed", 2014, set()) == "ahmed2014"
    assert unique_id("Ahmed", 2014, {"ahmed2014", "ahmed2014a"}) == "ahmed2014b"
    taken = {"x2014"} | {f"x2014{letter}" for letter in "abcdefghijklmnopqrstuvwxyz"}
    assert unique_id("X", 2014, taken) == "x2014aa"


def test_ids_are_cut_to_40_characters_suffix_included() -> None:
    long = "Q" * 300
    assert unique_id(long, 2014, set()) == "q" * 36 + "2014"
    assert unique_id(long, 2014, {"q" * 36 + "2014"}) == "q" * 35 + "2014a"


@pytest.mark.parametrize(
    ("surname", "given", "expected"),
    [
        ("Ahmed", "Sara", "Ahmed, S."),
        ("Clarke", "Robert James", "Clarke, R. J."),
        ("Clarke", "R.J.", "Clarke, R. J."),
        ("Dubois", "Jean-Paul", "Dubois, J.-P."),
        ("Smith", "SJ", "Smith, S. J."),
        ("World Health Organization", "", "World Health Organization"),
    ],
)
def test_names_become_surname_and_initials(surname: str, given: str, expected: str) -> None:
    assert format_name(surname, given) == expected


def test_dois_and_titles_are_normalised_for_comparison() -> None:
    assert normalise_doi(" https://doi.org/10.1/ABC ") == "10.1/ABC"
    assert normalise_doi("http://dx.doi.org/10.1/x") == "10.1/x"
    assert normalise_doi("doi: 10.1/x") == "10.1/x"
    assert normalise_doi("") is None
    assert normalise_title("Care  and\tCommunity.") == normalise_title("care and community")
    assert normalise_title("Talking-to a wall!") == "talking to a wall"


@given(st.text(st.characters(codec="utf-8"), min_size=1))
def test_any_title_is_written_as_yaml_that_reads_back_the_same(text: str) -> None:
    title = clean(text)
    document = read_yaml(f"title: {yaml_plain_or_quoted(title)}\n".encode(), "stub.yaml")
    assert document.diagnostics == []
    assert document.data == {"title": title}
