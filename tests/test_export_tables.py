"""`metaethno export xlsx` and `export csv`: the review's tables for spreadsheets."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

import metaethno
from metaethno.analysis.synthesis import analyse
from metaethno.checks.run import check_review
from metaethno.cli import app
from metaethno.render.tables import CSV_FILES, build_tables
from metaethno.render.xlsx import MAX_WIDTH
from metaethno.review.loaded import Review

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[1]  # the bundled example review
SHEETS = [
    "Studies",
    "Appraisal",
    "Translation grid",
    "Translations",
    "Refutations",
    "Cumulative translation",
    "CERQual",
]
FILES = [
    "studies.csv",
    "appraisal.csv",
    "translation-grid.csv",
    "translations.csv",
    "refutations.csv",
    "cumulative.csv",
    "cerqual.csv",
]


def invoke(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    print(result.output)
    return result


def expected_rows(review: Review) -> dict[str, int]:
    """Row counts worked out from the review itself, one per table."""
    concepts = review.concepts.values()
    translations = [t for c in concepts for t in c.translations]
    return {
        "Studies": len(review.studies),
        "Appraisal": len(review.studies),
        "Translation grid": sum(1 for c in concepts if c.translations),
        "Translations": len(translations),
        "Refutations": sum(1 for t in translations if t.relation == "refutational"),
        "Cumulative translation": len(review.studies),
        "CERQual": len(review.concepts),
    }


# -- xlsx ----------------------------------------------------------------------------------


def test_the_workbook_has_a_sheet_per_table_with_frozen_headers(tmp_path: Path) -> None:
    output = tmp_path / "review.xlsx"
    result = invoke("export", "xlsx", str(EXAMPLE), "-o", str(output))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {output}: sheets {', '.join(SHEETS)}\n"
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == SHEETS
    counts = expected_rows(check_review(EXAMPLE).review)
    assert counts["Refutations"] > 0  # the example exercises every table
    for sheet in workbook.worksheets:
        assert sheet.max_row - 1 == counts[sheet.title], sheet.title
        assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith("2")
        assert all(cell.font.bold for cell in sheet[1])
        for letter, dimension in sheet.column_dimensions.items():
            assert dimension.width <= MAX_WIDTH + 2, (sheet.title, letter)


def test_sheets_hold_the_reviews_values(base_review: Path, tmp_path: Path) -> None:
    output = tmp_path / "review.xlsx"
    assert invoke("export", "xlsx", str(base_review), "-o", str(output)).exit_code == 0
    workbook = openpyxl.load_workbook(output)
    studies = list(workbook["Studies"].iter_rows(values_only=True))
    assert studies[0][:4] == ("Study ID", "Study", "Year", "References")
    assert studies[1][:3] == ("alpha2010", "Alpha 2010", 2010)
    assert studies[1][7] == 12  # sample size, a number
    appraisal = list(workbook["Appraisal"].iter_rows(values_only=True))
    assert appraisal[1][:7] == ("alpha2010", "Alpha 2010", "CASP", None, "Yes", "No", "Can't tell")
    assert appraisal[2][:4] == ("beta2012", "Beta 2012", None, None)
    assert workbook["Appraisal"]["E1"].comment.text == (
        "Was there a clear statement of the aims of the research?"
    )
    grid = list(workbook["Translation grid"].iter_rows(values_only=True))
    assert grid == [
        ("Higher-order concept", "Concept", "Alpha 2010", "Beta 2012", "n"),
        ("Trust", "Being heard", "Not being heard", "Dismissed", 2),
        (None, "Trust", "Wariness", "Guarded", 2),
    ]
    cerqual = list(workbook["CERQual"].iter_rows(values_only=True))
    assert [row[:4] for row in cerqual[1:]] == [
        ("being-heard", "Being heard", "Being listened to is the ground of care.", 2),
        ("trust", "Trust", None, 2),
    ]


def test_long_text_wraps_and_text_like_a_formula_stays_text(
    base_review: Path, tmp_path: Path
) -> None:
    concept = base_review / "concepts" / "being-heard.yaml"
    long = "A long interpretation. " * 10
    concept.write_text(
        concept.read_text()
        .replace("label: Being heard", 'label: "=SUM(A1:A9)"')
        .replace("Being listened to is the ground of care.", long.strip())
    )
    output = tmp_path / "review.xlsx"
    assert invoke("export", "xlsx", str(base_review), "-o", str(output)).exit_code == 0
    sheet = openpyxl.load_workbook(output)["CERQual"]
    assert sheet["B2"].value == "=SUM(A1:A9)"
    assert sheet["B2"].data_type == "s"
    assert sheet["C2"].alignment.wrap_text
    assert sheet.column_dimensions["C"].width == MAX_WIDTH + 2


def test_text_like_an_error_stays_text_and_tall_rows_align_at_the_top(
    base_review: Path, tmp_path: Path
) -> None:
    concept = base_review / "concepts" / "being-heard.yaml"
    concept.write_text(
        concept.read_text()
        .replace("label: Being heard", 'label: "#N/A"')
        .replace("Being listened to is the ground of care.", "A long interpretation. " * 10)
    )
    output = tmp_path / "review.xlsx"
    assert invoke("export", "xlsx", str(base_review), "-o", str(output)).exit_code == 0
    sheet = openpyxl.load_workbook(output)["CERQual"]
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("#N/A", "s")
    assert sheet.row_dimensions[2].height == 4 * 15
    tall_row = [cell for cell in sheet[2] if cell.value is not None]
    assert len(tall_row) > 3
    assert all(cell.alignment.vertical == "top" for cell in tall_row)


def test_xlsx_never_overwrites_without_force(base_review: Path, tmp_path: Path) -> None:
    output = tmp_path / "review.xlsx"
    output.write_bytes(b"mine")
    result = invoke("export", "xlsx", str(base_review), "-o", str(output))
    assert result.exit_code == 2
    assert result.stderr == f"metaethno: {output}: already exists; pass --force to overwrite it\n"
    assert output.read_bytes() == b"mine"
    assert invoke("export", "xlsx", str(base_review), "-o", str(output), "--force").exit_code == 0
    assert openpyxl.load_workbook(output).sheetnames == SHEETS
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_xlsx_without_the_extra_says_how_to_install_it(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if the extra were not installed
    result = invoke("export", "xlsx", str(base_review), "-o", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 2
    assert "pip install 'metaethno[xlsx]'" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_exports_refuse_a_review_with_errors(base_review: Path, tmp_path: Path) -> None:
    study = base_review / "studies" / "beta2012.yaml"
    study.write_text(study.read_text() + "colour: blue\n")
    result = invoke("export", "xlsx", str(base_review), "-o", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 1
    assert "error ME101 unknown key `colour`" in result.stderr
    result = invoke("export", "csv", str(base_review), str(tmp_path / "tables"))
    assert result.exit_code == 1
    assert not (tmp_path / "r.xlsx").exists()
    assert not (tmp_path / "tables").exists()


# -- csv -----------------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_csv_files_hold_the_same_tables(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    result = invoke("export", "csv", str(EXAMPLE), str(folder))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {folder}: {', '.join(FILES)}\n"
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    counts = expected_rows(check_review(EXAMPLE).review)
    workbook_path = tmp_path / "review.xlsx"
    assert invoke("export", "xlsx", str(EXAMPLE), "-o", str(workbook_path)).exit_code == 0
    workbook = openpyxl.load_workbook(workbook_path)
    for sheet_name, file in zip(SHEETS, FILES, strict=True):
        rows = read_csv(folder / file)
        assert len(rows) - 1 == counts[sheet_name], file
        headers = next(workbook[sheet_name].iter_rows(max_row=1, values_only=True))
        assert tuple(rows[0]) == headers, file


def test_each_refutation_header_names_its_column(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    assert invoke("export", "csv", str(EXAMPLE), str(folder)).exit_code == 0
    rows = read_csv(folder / "refutations.csv")
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Concept ID"] == "community-networks-empower"
    assert first["Studies supporting it"].startswith("Adeyemi 2011; Adebayo 2003; ")
    assert first["Number of studies supporting it"] == "17"


def test_the_csv_files_checked_before_loading_are_those_written() -> None:
    assert tuple(t.file for t in build_tables(analyse(check_review(EXAMPLE).review))) == CSV_FILES


def test_the_grid_csv_is_what_translate_writes(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    assert invoke("export", "csv", str(EXAMPLE), str(folder)).exit_code == 0
    translated = invoke("translate", str(EXAMPLE), "--format", "csv")
    assert translated.exit_code == 0
    grid = (folder / "translation-grid.csv").read_text(encoding="utf-8")
    assert grid == translated.stdout


def test_csv_refuses_to_overwrite_and_writes_nothing_without_force(
    base_review: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "appraisal.csv").write_text("mine\n")
    result = invoke("export", "csv", str(base_review), str(folder))
    assert result.exit_code == 2
    assert result.stderr == (
        f"metaethno: {folder / 'appraisal.csv'}: already exists; pass --force to overwrite it\n"
    )
    assert [p.name for p in folder.iterdir()] == ["appraisal.csv"]
    assert invoke("export", "csv", str(base_review), str(folder), "--force").exit_code == 0
    assert read_csv(folder / "appraisal.csv")[0][:3] == ["Study ID", "Study", "Tool"]


def test_csv_with_one_folder_exports_the_current_review(
    base_review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(base_review)
    result = invoke("export", "csv", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert read_csv(tmp_path / "out" / "studies.csv")[1][0] == "alpha2010"
    assert invoke("export", "csv", "a", "b", "c").exit_code == 2


def test_csv_writes_nothing_when_a_target_is_a_folder(base_review: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    (out / "cerqual.csv").mkdir(parents=True)
    result = invoke("export", "csv", str(base_review), str(out), "--force")
    assert result.exit_code == 2
    assert result.stderr == f"metaethno: {out / 'cerqual.csv'}: is a folder; give a file name\n"
    assert sorted(p.name for p in out.iterdir()) == ["cerqual.csv"]


def test_one_module_writes_csv() -> None:
    """Every CSV output goes through `render_csv` of render/tables.py: one dialect, one
    treatment of empty cells, for spreadsheets and for the tools that read the tables."""
    package = Path(metaethno.__file__).parent
    writers = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "csv.writer(" in path.read_text(encoding="utf-8")
    )
    assert writers == ["render/tables.py"]


def test_the_workbook_is_ready_to_print(base_review: Path, tmp_path: Path) -> None:
    """The header row on every page, wide sheets landscape and one page wide, and rows as tall
    as the lines their wrapped text takes."""
    concept = base_review / "concepts" / "being-heard.yaml"
    long = "A long interpretation. " * 10  # 230 characters: 4 lines at 60
    concept.write_text(
        concept.read_text().replace("Being listened to is the ground of care.", long.strip())
    )
    output = tmp_path / "review.xlsx"
    assert invoke("export", "xlsx", str(base_review), "-o", str(output)).exit_code == 0
    workbook = openpyxl.load_workbook(output)
    for sheet in workbook.worksheets:
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr is not None
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert workbook["CERQual"].page_setup.orientation == "landscape"
    assert workbook["Cumulative translation"].page_setup.orientation != "landscape"
    assert workbook["CERQual"].row_dimensions[2].height == 4 * 15
    assert workbook["CERQual"].row_dimensions[3].height is None
