"""Tables back into a map: the reading half of :mod:`cjmap.interop.tables`.

The XLSX and CSV readers hand over each table as raw rows (whatever the cells
hold) and say how a cell is named (``sheet touchpoints, row 4, column C`` or
``touchpoints.csv, row 4, column name``). Everything that is wrong comes back as a
:class:`~cjmap.interop.base.Notice` with that place, never as an exception: broken
tables and cells are errors, references to ids the map does not define are
warnings with a "did you mean" (the map is written and lint reports them too).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from cjmap.index import build_index
from cjmap.interop.assemble import assemble
from cjmap.interop.base import Imported, Notice
from cjmap.interop.tables import (
    COLUMNS,
    EMOTION,
    EXTENSION,
    KINDS,
    LIST_SEPARATOR,
    PERSONA_EMOTION,
    Column,
    Row,
)
from cjmap.model import JourneyMap
from cjmap.suggest import did_you_mean
from cjmap.yamlio import parse_flow

Where = Callable[[str, int | None, int | None], str]
"""(table, row number, column index) -> a place for a Notice; ``None`` leaves it out."""


@dataclass(slots=True)
class RawTable:
    """A table as read: its header cells and its rows with their row numbers."""

    kind: str
    header: Sequence[Any]
    rows: Sequence[tuple[int, Sequence[Any]]]


class CellError(ValueError):
    """A cell whose content does not fit its column."""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A cell the file format gives no value for (a formula), and why: readers put
    it in a table so that the problem is reported with the cell's place."""

    reason: str


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    raise CellError(f"cannot read {value!r} as text")


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError("expected a whole number, found a true/false value")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise CellError(f"expected a whole number, found {_describe(value)}")


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise CellError("expected a number, found a true/false value")
    number: int | float | None = value if isinstance(value, int | float) else None
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            try:
                number = float(value.strip())
            except ValueError:
                number = None
    if number is None or not math.isfinite(number):
        raise CellError(f"expected a number, found {_describe(value)}")
    return number


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellError(f"expected a date like 2026-10-01, found {_describe(value)}")


def _describe(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    return repr(value)


def _extension(value: Any) -> Any:
    if isinstance(value, str):
        return parse_flow(value)[0]
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


def cell_value(column: Column, value: Any) -> Any:
    """A cell's content as the value of its field; raises CellError."""
    if isinstance(value, Unreadable):
        raise CellError(value.reason)
    if column.name.startswith(EXTENSION):
        return _extension(value)
    if column.type == "list":
        return [line for line in _text(value).replace("\r\n", "\n").split(LIST_SEPARATOR)
                if line]
    if column.type == "int":
        return _integer(value)
    if column.type == "float":
        return _number(value)
    if column.type == "date":
        return _date(value)
    return _text(value)


def _empty(value: Any) -> bool:
    return value is None or value == ""


@dataclass(slots=True)
class _Reader:
    where: Where
    notices: list[Notice] = field(default_factory=list)
    bad_cells: set[str] = field(default_factory=set)
    """Cells already reported: the map's own check would only add "Field required"."""

    def error(self, message: str, where: str) -> None:
        self.notices.append(Notice(message, where, error=True))

    def header(self, table: RawTable) -> list[Column | None] | None:
        """The column of each header cell (None: ignored); None when unusable."""
        known = {column.name: column for column in COLUMNS[table.kind]}
        columns: list[Column | None] = []
        seen: set[str] = set()
        usable = True
        for index, raw in enumerate(table.header):
            if isinstance(raw, Unreadable):
                self.error(f"a column name {raw.reason}", self.where(table.kind, 1, index))
                usable = False
                columns.append(None)
                continue
            name = "" if raw is None else _text(raw).strip()
            if not name:
                columns.append(None)
                continue
            column = known.get(name)
            if column is None and name.startswith((EXTENSION, PERSONA_EMOTION)):
                column = Column(name, "int" if name.startswith(PERSONA_EMOTION) else "text")
            place = self.where(table.kind, 1, index)
            if column is None:
                self.error(f"{name!r} is not a column of {table.kind}"
                           f"{did_you_mean(name, known)}", place)
                usable = False
            elif name in seen:
                self.error(f"column {name!r} appears twice", place)
                usable = False
            seen.add(name)
            columns.append(column)
        for column in COLUMNS[table.kind]:
            if column.required and column.name not in seen:
                self.error(f"the header has no column {column.name!r}",
                           self.where(table.kind, 1, None))
                usable = False
        return columns if usable else None

    def rows(self, table: RawTable, columns: list[Column | None]) -> list[Row]:
        rows: list[Row] = []
        for number, cells in table.rows:
            if all(_empty(cell) for cell in cells):
                continue
            row = Row(table.kind, number, {}, {}, self.where(table.kind, number, None))
            for index, column in enumerate(columns):
                if column is None:
                    continue
                place = self.where(table.kind, number, index)
                row.places[column.name] = place
                raw = cells[index] if index < len(cells) else None
                if _empty(raw):
                    continue
                try:
                    row.values[column.name] = cell_value(column, raw)
                except CellError as exc:
                    self.error(f"{column.name}: {exc}", place)
                    self.bad_cells.add(place)
            rows.append(row)
        return rows


def read_tables(tables: dict[str, RawTable], where: Where, origin: str,
                notices: Sequence[Notice] = ()) -> Imported:
    """The map the tables hold (one per kind of :data:`KINDS`), with every problem."""
    reader = _Reader(where, list(notices))
    rows: dict[str, list[Row]] = {}
    for kind in KINDS:
        table = tables.get(kind)
        if table is None:
            reader.error(f"there is no {kind} table", where(kind, None, None))
            continue
        columns = reader.header(table)
        if columns is not None:
            rows[kind] = reader.rows(table, columns)
    if len(rows) == len(KINDS) and not rows["map"]:
        reader.error("the map table has no row under its header", where("map", None, None))
    if len(rows) < len(KINDS) or not rows["map"]:
        return Imported({}, tuple(reader.notices), origin)
    data, places = assemble(rows, reader.notices)
    _check(data, places, reader.notices, reader.bad_cells)
    return Imported(data, tuple(reader.notices), origin)


def _place(pointer: str, places: dict[str, str]) -> str:
    while pointer:
        if pointer in places:
            return places[pointer]
        pointer = pointer.rpartition("/")[0]
    return places.get("", "")


def _pointer(loc: Sequence[int | str]) -> str:
    # A touchpoint's emotion is validated through tagged branches; the tags are not keys.
    parts = [str(part) for i, part in enumerate(loc)
             if not (i and loc[i - 1] == EMOTION and part in ("single", "per-persona"))]
    return "".join(f"/{part}" for part in parts)


def _check(data: dict[str, Any], places: dict[str, str], notices: list[Notice],
           reported: set[str]) -> None:
    """Validate the map, placing each problem on the cell it comes from (once)."""
    try:
        journey = JourneyMap.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = error["loc"]
            named = [str(part) for part in loc if isinstance(part, str)]
            label = f"{named[-1]}: " if named else ""
            place = _place(_pointer(loc), places)
            if place not in reported:
                notices.append(Notice(label + error["msg"], place, error=True))
        return
    index = build_index(journey)
    for reference in index.references:
        if index.defines(reference.target, reference.kind):
            continue
        hint = did_you_mean(reference.target, index.ids_of(reference.kind))
        notices.append(Notice(f"no {reference.kind.noun} has the id {reference.target!r}{hint}",
                              _place(reference.pointer, places)))
