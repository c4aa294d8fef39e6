"""Maps as spreadsheets and CSV tables (docs/interop.md, "Spreadsheets and CSV").

Real files throughout: workbooks written and edited with openpyxl, CSV files read
with Python's csv module. Expected values come from docs/interop.md and the small
map below, not from the program's output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjmap.interop import csv_tables, xlsx
from cjmap.interop.base import Imported
from cjmap.load import load_bytes
from cjmap.model import JourneyMap
from cjmap.reporting.cells import neutralise, restore
from cjmap.yamlio import dump
from helpers import EXAMPLE_MAPS, ROOT, journey_at

TEMPLATE_MAPS = sorted((ROOT / "src" / "cjmap" / "templates").glob("*.cjmap.yaml"))
MAPS = EXAMPLE_MAPS + TEMPLATE_MAPS

SMALL = """\
cjmap: 1
id: small
title: Small shop
reviewed: 2026-10-01
x-board: Review board
personas:
  - {id: parent, name: Parent}
  - {id: student, name: Student}
channels:
  - {id: web, name: Web shop, kind: digital}
  - {id: store, name: Store, kind: physical}
stages:
  - id: discover
    name: Discover
    touchpoints:
      - id: ad
        name: Advert
        channel: web
        actions: [Sees an ad, Clicks it]
        emotion: {parent: 1, student: -1}
        x-source: [panel, 2026]
  - id: buy
    name: Buy
    touchpoints:
      - id: checkout
        name: Checkout
        channel: web
        emotion: -1
        pain_points:
          - {id: fees, title: Surprise fees, severity: 4, frequency: 0.5}
    pain_points:
      - {id: queues, title: Long queues, severity: 2}
opportunities:
  - {id: show-fees, title: Show fees early, addresses: [fees], impact: 4, effort: 2,
     status: planned}
"""


def small() -> JourneyMap:
    loaded = load_bytes(SMALL.encode(), "small.cjmap.yaml")
    assert loaded.journey is not None, loaded.findings
    return loaded.journey


def as_map(imported: Imported) -> JourneyMap:
    """What ``cjmap import`` would write, loaded back as a map file is."""
    loaded = load_bytes(dump(imported.data).encode(), "imported.cjmap.yaml")
    assert loaded.journey is not None, loaded.findings
    return loaded.journey


def save_xlsx(journey: JourneyMap, tmp_path: Path, name: str = "map.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(xlsx.write(journey).files[""])
    return path


def save_csv(journey: JourneyMap, tmp_path: Path) -> Path:
    directory = tmp_path / "tables"
    directory.mkdir()
    for name, content in csv_tables.write(journey).files.items():
        (directory / name).write_bytes(content)
    return directory


# -- round trips -------------------------------------------------------------------------

def standalone(example: Path) -> JourneyMap:
    """The example as every command sees it (its libraries' items merged in) and without
    ``uses``: tables hold a whole map, library items included, and no library paths."""
    return journey_at(example).model_copy(update={"uses": []})


ROUND_TRIPS: dict[str, tuple[Callable[[JourneyMap, Path], Path], Callable[[Path], Imported]]] = {
    "xlsx": (save_xlsx, xlsx.read),
    "csv": (save_csv, csv_tables.read),
}
"""Each table format: how a map is saved into tmp_path, and how the saved file is read back."""


@pytest.mark.parametrize("table_format", ROUND_TRIPS)
@pytest.mark.parametrize("example", MAPS, ids=lambda p: p.name)
def test_examples_round_trip_through_tables(example: Path, table_format: str,
                                            tmp_path: Path) -> None:
    save, read = ROUND_TRIPS[table_format]
    journey = standalone(example)
    imported = read(save(journey, tmp_path))
    assert imported.notices == ()
    assert as_map(imported) == journey


def test_equality_sees_extensions_and_the_round_trip_keeps_them(tmp_path: Path) -> None:
    journey = small()
    back = as_map(xlsx.read(save_xlsx(journey, tmp_path)))
    assert back.extensions == {"x-board": "Review board"}
    touchpoint = back.stages[0].touchpoints[0]
    assert touchpoint.extensions == {"x-source": ["panel", 2026]}
    changed = SMALL.replace("x-board: Review board", "x-board: Other board")
    assert load_bytes(changed.encode(), "m").journey != journey


# -- the workbook ------------------------------------------------------------------------

def test_workbook_has_a_sheet_per_kind_frozen_headers_and_drop_downs(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(save_xlsx(small(), tmp_path))
    assert workbook.sheetnames == ["map", "personas", "channels", "evidence", "metrics",
                                   "stages", "touchpoints", "pain_points", "opportunities"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
    lists = {sheet.title: {str(v.sqref).split(":")[0]: v.formula1
                           for v in sheet.data_validations.dataValidation
                           if v.type == "list"}
             for sheet in workbook.worksheets}
    assert lists["map"] == {"E2": '"current,future"'}
    assert lists["channels"] == {"C2": '"digital,physical,human"'}
    assert lists["pain_points"] == {"F2": '"1,2,3,4,5"'}
    assert lists["opportunities"]["H2"] == '"idea,planned,in_progress,done,dropped"'
    assert lists["evidence"]["B2"].startswith('"survey,interview,analytics')


def test_workbook_cells_hold_ids_lists_and_per_persona_emotions(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(save_xlsx(small(), tmp_path))["touchpoints"]
    header = [cell.value for cell in sheet[1]]
    assert header[:11] == ["stage", "id", "name", "description", "channel", "personas",
                           "actions", "thoughts", "emotion", "emotion:parent",
                           "emotion:student"]
    assert header[-1] == "x-source"
    ad = [cell.value for cell in sheet[2]]
    assert ad[:3] == ["discover", "ad", "Advert"]
    assert ad[4] == "web"
    assert ad[6] == "Sees an ad\nClicks it"
    assert ad[8:11] == [None, 1, -1]
    assert ad[-1] == "[panel, 2026]"
    assert [cell.value for cell in sheet[3]][8] == -1
    pains = openpyxl.load_workbook(tmp_path / "map.xlsx")["pain_points"]
    assert [c.value for c in pains[3]][:3] == ["buy", None, "queues"]  # a stage's own pain


def test_same_map_gives_the_same_bytes_with_fixed_dates(tmp_path: Path) -> None:
    first = xlsx.write(small()).files[""]
    assert xlsx.write(small()).files[""] == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert properties.created == properties.modified == dt.datetime(2026, 10, 1)


# -- CSV ---------------------------------------------------------------------------------

def test_csv_files_are_rfc4180_and_parse_with_the_csv_module(tmp_path: Path) -> None:
    directory = save_csv(small(), tmp_path)
    names = sorted(p.name for p in directory.iterdir())
    assert names == sorted(f"{kind}.csv" for kind in (
        "map", "personas", "channels", "evidence", "metrics", "stages", "touchpoints",
        "pain_points", "opportunities"))
    raw = (directory / "touchpoints.csv").read_bytes()
    assert raw.startswith(b"stage,id,name,description,channel,personas,")
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") == 3  # header and two rows
    with (directory / "touchpoints.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:5] == ["stage", "id", "name", "description", "channel"]
    assert rows[1][6] == "Sees an ad\nClicks it"
    assert rows[1][8:11] == ["", "1", "-1"]  # numbers are plain, never quoted
    with (directory / "pain_points.csv").open(newline="", encoding="utf-8") as handle:
        pains = list(csv.DictReader(handle))
    assert pains[0]["severity"] == "4" and pains[0]["frequency"] == "0.5"
    assert pains[1]["touchpoint"] == "" and pains[1]["stage"] == "buy"


# -- formulas ----------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("https://evil.example","click")', "@SUM(A1:A9)", "+1+1", "-2+3",
            "\tindented", "\rreturn", "'=already quoted"]


def formula_map() -> JourneyMap:
    journey = small()
    stage = journey.stages[0]
    touchpoint = stage.touchpoints[0].model_copy(update={
        "name": FORMULAS[0], "actions": FORMULAS[1:3], "thoughts": FORMULAS[3:5],
        "description": FORMULAS[5], "owner": FORMULAS[6]})
    stages = [stage.model_copy(update={"touchpoints": [touchpoint]}), *journey.stages[1:]]
    # OOXML escapes as text: a literal "_x000D_" must not come back as a carriage return.
    return journey.model_copy(update={"title": "=1+1", "summary": "a _x000D_ b\rc",
                                      "stages": stages})


def test_formula_like_text_is_a_string_cell_in_xlsx(tmp_path: Path) -> None:
    journey = formula_map()
    path = save_xlsx(journey, tmp_path)
    workbook = openpyxl.load_workbook(path)
    assert workbook["map"]["C2"].value == "=1+1"
    assert workbook["map"]["C2"].data_type == "s"
    name = workbook["touchpoints"]["C2"]
    assert (name.value, name.data_type) == (FORMULAS[0], "s")
    assert workbook["touchpoints"]["G2"].data_type == "s"
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets")]
    assert not any(b"<f>" in sheet or b"<f " in sheet for sheet in sheets)
    assert as_map(xlsx.read(path)) == journey


def test_formula_like_text_gets_an_apostrophe_in_csv(tmp_path: Path) -> None:
    journey = formula_map()
    directory = save_csv(journey, tmp_path)
    with (directory / "touchpoints.csv").open(newline="", encoding="utf-8") as handle:
        row = next(iter(csv.DictReader(handle)))
    assert row["name"] == "'" + FORMULAS[0]
    assert row["actions"] == "'@SUM(A1:A9)\n+1+1"
    assert row["description"] == "'\rreturn"
    assert row["owner"] == "''=already quoted"
    assert as_map(csv_tables.read(directory)) == journey


@pytest.mark.parametrize(("text", "cell"), [
    ("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("-2", "'-2"), ("+3", "'+3"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("'=x", "''=x"), ("plain", "plain"),
    ("'plain", "'plain"), ("a=b", "a=b"), ("", "")])
def test_neutralise_by_hand(text: str, cell: str) -> None:
    assert neutralise(text) == cell
    assert restore(cell) == text


@given(st.text())
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_formula_like_text_as_text(tmp_path: Path) -> None:
    """A real spreadsheet program opens the workbook and computes nothing in it."""
    save_xlsx(formula_map(), tmp_path, "formula.xlsx")
    # Filter options: comma, double quote, UTF-8, from line 1, ..., every sheet (-1).
    options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", options, "formula.xlsx"], cwd=tmp_path, check=True,
                   capture_output=True, timeout=180)
    with (tmp_path / "formula-map.csv").open(newline="", encoding="utf-8") as handle:
        assert next(iter(csv.DictReader(handle)))["title"] == "=1+1"  # not 2
    with (tmp_path / "formula-touchpoints.csv").open(newline="", encoding="utf-8") as handle:
        row = next(iter(csv.DictReader(handle)))
    assert row["name"] == FORMULAS[0]  # not "click"
    assert row["actions"].splitlines() == FORMULAS[1:3]
