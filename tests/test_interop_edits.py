"""Spreadsheets edited by an analyst, and broken ones, imported (docs/interop.md).

The edits are made with openpyxl on a real workbook, as a spreadsheet program would
save them; every problem must come back as a Notice naming sheet, row and column.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmap.interop import csv_tables, xlsx
from cjmap.interop.base import Imported, Notice
from test_interop_tables import as_map, save_csv, save_xlsx, small


def errors(imported: Imported) -> list[Notice]:
    return [notice for notice in imported.notices if notice.error]


Edit = tuple[str, str, str | int | None]
"""(sheet, cell, new value) as an analyst types it."""


def edited(tmp_path: Path, *edits: Edit) -> Imported:
    """Export the small map, make ``edits`` with openpyxl, import it again."""
    path = save_xlsx(small(), tmp_path)
    book = openpyxl.load_workbook(path)
    for sheet, cell, value in edits:
        book[sheet][cell] = value
    book.save(path)
    return xlsx.read(path)


def test_an_analysts_edits_come_back_as_a_map(tmp_path: Path) -> None:
    path = save_xlsx(small(), tmp_path)
    book = openpyxl.load_workbook(path)
    # A new touchpoint at the end of "buy", with its channel misspelt (column E).
    book["touchpoints"].append(["buy", "receipt", "Receipt email", None, "wbe"])
    book["pain_points"]["F2"] = 5  # fees: severity 4 -> 5
    stages = book["stages"]  # buy before discover
    first = [cell.value for cell in stages[2]]
    for column, value in enumerate([cell.value for cell in stages[3]], start=1):
        stages.cell(row=2, column=column, value=value)
    for column, value in enumerate(first, start=1):
        stages.cell(row=3, column=column, value=value)
    book.save(path)

    imported = xlsx.read(path)
    assert imported.ok, imported.notices
    assert [str(n) for n in imported.notices] == [
        "sheet touchpoints, row 4, column E: no channel has the id 'wbe' "
        "(did you mean 'web'?)"]
    journey = as_map(imported)
    assert [stage.id for stage in journey.stages] == ["buy", "discover"]
    assert [t.id for t in journey.stages[0].touchpoints] == ["checkout", "receipt"]
    assert journey.stages[0].touchpoints[1].channel == "wbe"
    assert journey.stages[0].touchpoints[0].pain_points[0].severity == 5
    assert journey.stages[1].touchpoints[0].emotion == {"parent": 1, "student": -1}


@pytest.mark.parametrize(("edits", "where", "message"), [
    ([("pain_points", "F1", None)], "sheet pain_points, row 1",
     "the header has no column 'severity'"),
    ([("pain_points", "F2", "high")], "sheet pain_points, row 2, column F",
     "severity: expected a whole number, found the text 'high'"),
    ([("pain_points", "F2", 7)], "sheet pain_points, row 2, column F",
     "severity: Input should be less than or equal to 5"),
    ([("personas", "D2", "half")], "sheet personas, row 2, column D",
     "share: expected a number, found the text 'half'"),
    ([("evidence", "A2", "e"), ("evidence", "C2", "Survey"), ("evidence", "E2", "soon")],
     "sheet evidence, row 2, column E",
     "date: expected a date like 2026-10-01, found the text 'soon'"),
    ([("pain_points", "F2", "=2+2")], "sheet pain_points, row 2, column F",
     "severity: holds a formula; cjmap reads values only: type the value instead"),
    ([("pain_points", "C1", "=B1")], "sheet pain_points, row 1, column C",
     "a column name holds a formula; cjmap reads values only: type the value instead"),
    ([("pain_points", "G1", "frequncy")], "sheet pain_points, row 1, column G",
     "'frequncy' is not a column of pain_points (did you mean 'frequency'?)"),
    ([("touchpoints", "A3", "by")], "sheet touchpoints, row 3, column A",
     "no stage has the id 'by' (did you mean 'buy'?); the row is left out"),
    ([("pain_points", "B2", "chekout")], "sheet pain_points, row 2, column B",
     "no touchpoint has the id 'chekout' (did you mean 'checkout'?); the row is left out"),
    ([("touchpoints", "C3", None)], "sheet touchpoints, row 3, column C",
     "name: Field required"),
    ([("touchpoints", "J3", 1)], "sheet touchpoints, row 3, column I",
     "give one emotion or one per persona, not both"),
    ([("opportunities", "D2", None)], "sheet opportunities, row 2, column D",
     "addresses: Field required"),
])
def test_broken_workbooks_name_the_cell(tmp_path: Path, edits: list[Edit], where: str,
                                        message: str) -> None:
    imported = edited(tmp_path, *edits)
    assert [n for n in imported.notices if n.where == where] == [
        Notice(message, where, error=True)]  # once, not again as "Field required"
    assert not imported.ok


def test_a_missing_sheet(tmp_path: Path) -> None:
    path = save_xlsx(small(), tmp_path)
    book = openpyxl.load_workbook(path)
    del book["channels"]
    book.save(path)
    imported = xlsx.read(path)
    assert imported.notices == (Notice("there is no channels table", "sheet channels", True),)


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("just some text\n")
    imported = xlsx.read(path)
    [notice] = imported.notices
    assert notice.error and notice.where == "notes.xlsx"
    assert notice.message.startswith("not an XLSX workbook")
    assert imported.data == {}


def test_sheet_names_an_analyst_might_write_and_extra_sheets(tmp_path: Path) -> None:
    path = save_xlsx(small(), tmp_path)
    book = openpyxl.load_workbook(path)
    book["pain_points"].title = "Pain points"
    book.create_sheet("Notes")["A1"] = "ask finance about fees"
    book.save(path)
    imported = xlsx.read(path)
    assert imported.notices == (Notice("not a table of the map; it is not read",
                                       "sheet Notes"),)
    assert as_map(imported) == small()


def test_rows_left_empty_are_skipped_and_numbers_in_text_cells_are_text(
        tmp_path: Path) -> None:
    path = save_xlsx(small(), tmp_path)
    book = openpyxl.load_workbook(path)
    book["stages"].insert_rows(2)
    book["map"]["C2"] = 2026
    book.save(path)
    imported = xlsx.read(path)
    assert imported.ok, imported.notices
    assert as_map(imported).title == "2026"


# -- CSV ---------------------------------------------------------------------------------

def rewrite(path: Path, row: int, column: str, value: str) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def test_csv_problems_name_file_row_and_column(tmp_path: Path) -> None:
    directory = save_csv(small(), tmp_path)
    rewrite(directory / "touchpoints.csv", 3, "emotion", "sad")
    rewrite(directory / "touchpoints.csv", 2, "channel", "wbe")
    imported = csv_tables.read(directory)
    assert Notice("emotion: expected a whole number, found the text 'sad'",
                  "touchpoints.csv, row 3, column emotion", error=True) in imported.notices
    assert Notice("no channel has the id 'wbe' (did you mean 'web'?)",
                  "touchpoints.csv, row 2, column channel") in imported.notices


def test_csv_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    directory = save_csv(small(), tmp_path)
    (directory / "metrics.csv").unlink()
    (directory / "stages.csv").write_bytes(b"id,name\r\n\xff\xfe,x\r\n")
    imported = csv_tables.read(directory)
    wheres = sorted((notice.where, notice.error) for notice in imported.notices)
    assert wheres == [("metrics.csv", True), ("stages.csv", True)]
    assert imported.data == {}


def test_csv_read_from_one_of_its_files(tmp_path: Path) -> None:
    directory = save_csv(small(), tmp_path)
    assert as_map(csv_tables.read(directory / "map.csv")) == small()


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 cut short", b"a,b\r\n1,2\r\n"])
def test_files_that_are_not_workbooks(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "m.xlsx"
    path.write_bytes(content)
    [notice] = xlsx.read(path).notices
    assert notice.error and notice.message.startswith("not an XLSX workbook")


def test_a_map_sheet_without_its_row(tmp_path: Path) -> None:
    path = save_xlsx(small(), tmp_path)
    book = openpyxl.load_workbook(path)
    book["map"].delete_rows(2)
    book.save(path)
    assert xlsx.read(path).notices == (
        Notice("the map table has no row under its header", "sheet map", True),)


def test_csv_with_broken_quoting(tmp_path: Path) -> None:
    directory = save_csv(small(), tmp_path)
    (directory / "stages.csv").write_bytes(b'id,name\r\nbuy,"Buy\r\nsell,Sell\r\n')
    [notice] = csv_tables.read(directory).notices
    assert notice.error and notice.where.startswith("stages.csv, line ")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(["stage", "id", "name", "emotion", "emotion:parent", "actions",
                               "x-source"]),
       text=st.text(max_size=30))
def test_any_text_in_any_cell_is_read_without_an_exception(
        tmp_path_factory: pytest.TempPathFactory, column: str, text: str) -> None:
    directory = save_csv(small(), tmp_path_factory.mktemp("fuzz"))
    rewrite(directory / "touchpoints.csv", 2, column, text)
    imported = csv_tables.read(directory)
    assert imported.ok or any(n.where.startswith("touchpoints.csv, row 2")
                              for n in imported.notices if n.error)
