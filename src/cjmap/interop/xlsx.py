"""A map as an XLSX workbook, one sheet per kind of item (docs/interop.md).

Each sheet has its header row frozen, choice columns (status, kinds, severity,
...) with the spreadsheet's own drop-down validation, lists one item per line in
a cell and dates as date cells. Text is always stored as text, never as a
formula, even when it starts with ``=`` (issue 10: such a cell also gets the
"quote prefix" a spreadsheet gives typed text, so editing it keeps it text).
The same map gives the same bytes: the workbook's dates and the zip entries'
timestamps are fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from cjmap.inputs import TooLarge, read_bounded
from cjmap.interop.base import Exported, Imported, Notice
from cjmap.interop.tables import KINDS, Cell, Column, Table, to_tables
from cjmap.interop.tables_read import RawTable, Unreadable, read_tables
from cjmap.model import JourneyMap
from cjmap.reporting.cells import is_formula_like
from cjmap.yamlio import DEFAULT_MAX_BYTES

NAME = "xlsx"
FIXED_TIME = dt.datetime(2000, 1, 1)
"""The workbook's created/modified time when the map has no ``reviewed`` date."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MAX_ROWS = 100_000
MAX_CELL = 32_767
"""Characters a spreadsheet cell holds at most."""
LAST_ROW = 1_048_576
# Workbook XML would read a carriage return back as a line feed, so OOXML writes it as
# "_x000D_" (and a text that itself looks like such an escape gets its "_" escaped).
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ESCAPE_START = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def _escape(text: str) -> str:
    return _ESCAPE_START.sub("_x005F_", text).replace("\r", "_x000D_")


def _unescape(text: str) -> str:
    return _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


_TOP = Alignment(vertical="top")
_WRAPPED = Alignment(vertical="top", wrap_text=True)


FORMULA = Unreadable("holds a formula; cjmap reads values only: type the value instead")


def sheet_name(kind: str) -> str:
    return kind


def _validation(column: Column, letter: str) -> DataValidation:
    validation = DataValidation(
        type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle=f"Not a {column.name}",
        error=f"Choose one of: {', '.join(column.choices)}")
    validation.add(f"{letter}2:{letter}{LAST_ROW}")
    return validation


def _set(sheet: Worksheet, row: int, column: int, value: Cell, where: str,
         notices: list[Notice]) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            notices.append(Notice("control characters a workbook cannot hold were left out",
                                  where))
        if len(value) > MAX_CELL:
            notices.append(Notice(f"over {MAX_CELL} characters: spreadsheets cut it short",
                                  where))
    cell.value = _escape(value) if isinstance(value, str) else value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if is_formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    # Rows are as tall as their longest list; every cell reads from the top of its row.
    cell.alignment = _WRAPPED if isinstance(value, str) else _TOP


def _sheet(workbook: Workbook, table: Table, notices: list[Notice]) -> None:
    sheet = workbook.create_sheet(sheet_name(table.kind))
    bold = Font(bold=True)
    for c, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=c, value=column.name)
        cell.font = bold
        letter = get_column_letter(c)
        longest = max([len(column.name), *(len(str(row[c - 1]).split("\n")[0])
                                           for row in table.rows if row[c - 1] is not None)])
        sheet.column_dimensions[letter].width = min(max(longest + 2, 8), 60)
        if column.choices:
            sheet.add_data_validation(_validation(column, letter))
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row, start=1):
            if value is not None:
                where = f"sheet {table.kind}, row {r}, column {get_column_letter(c)}"
                _set(sheet, r, c, value, where, notices)
    sheet.freeze_panes = "A2"


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated :data:`ZIP_TIME` (zip entries carry
    the time they were written, which would make every export differ)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write(journey: JourneyMap, *, persona: str | None = None) -> Exported:
    """One workbook with a sheet per kind of item; ``persona`` does not apply."""
    tables, notices = to_tables(journey)
    if persona is not None:
        notices.append(Notice("the workbook holds every persona's emotions; the persona "
                              "option is not used"))
    workbook = Workbook()
    for default_sheet in workbook.worksheets:
        workbook.remove(default_sheet)
    for table in tables:
        _sheet(workbook, table, notices)
    stamp = (dt.datetime.combine(journey.reviewed, dt.time()) if journey.reviewed
             else FIXED_TIME)
    workbook.properties.creator = "cjmap"
    workbook.properties.title = journey.title
    workbook.properties.created = workbook.properties.modified = stamp
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which sets "modified" to the current time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return Exported({"": _fixed_zip(buffer.getvalue())}, tuple(notices))


def _normal(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


def _where(kind: str, titles: dict[str, str]) -> str:
    return f"sheet {titles.get(kind, sheet_name(kind))}"


def _raw_table(kind: str, sheet: Any, notices: list[Notice]) -> RawTable | None:
    """The cells of ``sheet`` (a formula as :data:`FORMULA`); None when it is too large."""
    if sheet.max_row > MAX_ROWS:
        notices.append(Notice(f"more than {MAX_ROWS} rows", f"sheet {sheet.title}", True))
        return None
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        values: list[Any] = []
        for cell in cells:
            if cell.data_type == "f":
                values.append(FORMULA)
            elif isinstance(cell.value, str):
                values.append(_unescape(cell.value))
            else:
                values.append(cell.value)
        rows.append((number, values))
    header = rows[0][1] if rows else []
    return RawTable(kind, header, rows[1:])


def _open(path: Path) -> tuple[Any, Notice | None]:
    where = path.name
    try:
        # The one bounded reader of every input (docs/limits.md): a pipe or device is refused.
        data = read_bounded(str(path), DEFAULT_MAX_BYTES)
    except TooLarge:
        limit = DEFAULT_MAX_BYTES // (1024 * 1024)
        return None, Notice(f"the file is over the {limit} MiB limit", where, True)
    # Any other refusal (a directory, a pipe, a device, no such file) is an InputError
    # left to propagate: exit 2 in one line, as for a Mermaid file (docs/cli.md).
    try:
        return load_workbook(io.BytesIO(data), data_only=False), None
    except Exception as exc:  # openpyxl raises many kinds on a file that is not a workbook
        return None, Notice(f"not an XLSX workbook ({type(exc).__name__}: {exc})"[:300],
                            where, True)


def read(path: Path) -> Imported:
    """The map in an XLSX workbook written by :func:`write` (and edited by a person)."""
    origin = f"imported from {path.name} (XLSX workbook)"
    workbook, problem = _open(path)
    if problem is not None:
        return Imported({}, (problem,), origin)
    notices: list[Notice] = []
    tables: dict[str, RawTable] = {}
    titles: dict[str, str] = {}
    for sheet in workbook.worksheets:
        kind = _normal(sheet.title)
        if kind not in KINDS or kind in titles:
            notices.append(Notice("not a table of the map; it is not read",
                                  f"sheet {sheet.title}"))
            continue
        titles[kind] = sheet.title
        table = _raw_table(kind, sheet, notices)
        if table is not None:
            tables[kind] = table

    def where(kind: str, row: int | None, column: int | None) -> str:
        place = _where(kind, titles)
        if row is not None:
            place += f", row {row}"
        if column is not None:
            place += f", column {get_column_letter(column + 1)}"
        return place

    return read_tables(tables, where, origin, notices)
