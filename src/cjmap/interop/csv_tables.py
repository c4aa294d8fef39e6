"""A map as CSV files, one per kind of item, in a directory (docs/interop.md).

The files are RFC 4180: UTF-8 without a byte-order mark, CRLF line ends (the
RFC's), fields quoted only when they must be. Text that a spreadsheet would run
as a formula gets a leading apostrophe (:mod:`cjmap.reporting.cells`) and loses it
again on import. Numbers are written so that Python reads back the same value.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from cjmap.errors import InputError
from cjmap.inputs import NoSuchFile, TooLarge, read_bounded
from cjmap.interop.base import Exported, Imported, Notice
from cjmap.interop.tables import KINDS, Cell, to_tables
from cjmap.interop.tables_read import RawTable, read_tables
from cjmap.model import JourneyMap
from cjmap.reporting.cells import neutralise, restore
from cjmap.yamlio import DEFAULT_MAX_BYTES

NAME = "csv"
SUFFIX = ".csv"


def file_name(kind: str) -> str:
    return kind + SUFFIX


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return neutralise(cell)
    if isinstance(cell, float):
        return repr(cell)
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def write(journey: JourneyMap, *, persona: str | None = None) -> Exported:
    """One CSV file per kind of item; ``persona`` does not apply (every persona is kept)."""
    tables, notices = to_tables(journey)
    if persona is not None:
        notices.append(Notice("CSV tables hold every persona's emotions; the persona "
                              "option is not used"))
    files: dict[str, bytes] = {}
    for table in tables:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(table.header)
        writer.writerows([_text(cell) for cell in row] for row in table.rows)
        files[file_name(table.kind)] = buffer.getvalue().encode("utf-8")
    return Exported(files, tuple(notices))


def _directory(path: Path) -> Path:
    """The directory of the tables: ``path`` itself, or the one a table file is in."""
    return path if path.is_dir() else path.parent


def _read_file(kind: str, path: Path) -> tuple[RawTable | None, Notice | None]:
    where = file_name(kind)
    try:
        # The one bounded reader of every input (docs/limits.md): a pipe or device is refused.
        text = read_bounded(str(path), DEFAULT_MAX_BYTES).decode("utf-8-sig")
    except TooLarge:
        limit = DEFAULT_MAX_BYTES // (1024 * 1024)
        return None, Notice(f"the file is over the {limit} MiB limit", where, True)
    except NoSuchFile:
        return None, Notice(f"there is no {where} in {path.parent}", where, True)
    except UnicodeDecodeError as exc:
        return None, Notice(f"not UTF-8 text (byte {exc.start + 1})", where, True)
    except InputError as exc:
        return None, Notice(f"cannot read it ({str(exc).removeprefix(f'{path}: ')})", where,
                            True)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        return None, Notice(f"not CSV as RFC 4180 writes it ({exc})",
                            f"{where}, line {reader.line_num}", True)
    if not records:
        return None, Notice("the file is empty: it needs at least a header row", where, True)
    rows = [(number, [restore(cell) for cell in record])
            for number, record in enumerate(records[1:], start=2)]
    return RawTable(kind, records[0], rows), None


def read(path: Path) -> Imported:
    """The map in a directory of CSV files (``path`` may also be one of them)."""
    directory = _directory(path)
    tables: dict[str, RawTable] = {}
    notices: list[Notice] = []
    for kind in KINDS:
        table, notice = _read_file(kind, directory / file_name(kind))
        if notice is not None:
            notices.append(notice)
        if table is not None:
            tables[kind] = table

    def where(kind: str, row: int | None, column: int | None) -> str:
        place = file_name(kind)
        if row is not None:
            place += f", row {row}"
        header = tables[kind].header if kind in tables else []
        if column is not None and column < len(header):
            place += f", column {header[column]}"
        return place

    if notices:
        return Imported({}, tuple(notices), f"imported from {directory} (CSV tables)")
    return read_tables(tables, where, f"imported from {directory} (CSV tables)")
