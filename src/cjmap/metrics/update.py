"""Setting metrics' values from a CSV file by editing only the lines that change.

The edit is made on the text, at the positions cjmap's own loader reports for each value
(:class:`cjmap.source.SourceMap`), not by loading and dumping the YAML: every comment,
blank line, key order, quoting style and ``x-`` key stays byte for byte, and a diff of the
file shows exactly the values that changed and the ``measured`` lines. (A round-trip YAML
library would be a second parser that could read the file differently from cjmap, and it
re-indents and re-wraps what it does not keep verbatim.) The edited text is loaded again
and must give the same map with just those values changed; otherwise nothing is written.

All or nothing (docs/history.md): every problem in the CSV is reported with its line, and
then nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cjmap.load import LoadedMap, load_bytes
from cjmap.model import JourneyMap
from cjmap.suggest import did_you_mean
from cjmap.yamlio import _BOMS, LINE_BREAK

COLUMNS = ("metric", "value", "date")
REQUIRED = ("metric", "value")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class ValueRow:
    """One row of the CSV: a metric id, its new value and the date it was measured."""

    line: int
    metric: str
    value: float
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Change:
    """What one row changed in the map."""

    metric: str
    old_value: float | None
    new_value: float
    measured: dt.date


class UpdateFailed(Exception):
    """The CSV has problems (each with its line); nothing may be written."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = tuple(problems)


def _header(row: list[str]) -> tuple[dict[str, int], list[RowProblem]]:
    names = [cell.strip().lower() for cell in row]
    problems = [RowProblem(1, f"unknown column {cell!r}{did_you_mean(cell, COLUMNS)}; the "
                              "columns are metric, value and (optional) date")
                for cell in names if cell not in COLUMNS]
    problems += [RowProblem(1, f"column {name!r} appears more than once")
                 for name in COLUMNS if names.count(name) > 1]
    problems += [RowProblem(1, f"the header row has no {name!r} column")
                 for name in REQUIRED if name not in names]
    return {name: names.index(name) for name in COLUMNS if name in names}, problems


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _date(text: str) -> dt.date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _row(cells: list[str], where: dict[str, int], line: int, known: Sequence[str]
         ) -> tuple[ValueRow | None, list[RowProblem]]:
    def cell(name: str) -> str:
        i = where.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    problems = []
    metric, value_text, date_text = cell("metric"), cell("value"), cell("date")
    if not metric:
        problems.append(RowProblem(line, "no metric id"))
    elif metric not in known:
        problems.append(RowProblem(line, f"unknown metric {metric!r}"
                                         f"{did_you_mean(metric, known)}"))
    value = _number(value_text)
    if value is None:
        problems.append(RowProblem(line, f"value {value_text!r} is not a number"
                                   if value_text else "no value"))
    date = _date(date_text) if date_text else None
    if date_text and date is None:
        problems.append(RowProblem(line, f"date {date_text!r} is not a date (YYYY-MM-DD)"))
    if problems or value is None:
        return None, problems
    return ValueRow(line, metric, value, date), []


def parse_values(text: str, known: Sequence[str]) -> list[ValueRow]:
    """The rows of a ``metric,value[,date]`` CSV with a header; raises UpdateFailed."""
    reader = csv.reader(text.splitlines(keepends=True))
    problems: list[RowProblem] = []
    rows: list[ValueRow] = []
    where: dict[str, int] | None = None
    seen: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if where is None:
                where, header_problems = _header(cells)
                problems += header_problems
                if header_problems:
                    break
                continue
            row, row_problems = _row(cells, where, line, known)
            metric = cells[where["metric"]].strip() if where["metric"] < len(cells) else ""
            if metric in seen:
                row_problems.append(RowProblem(line, f"metric {metric!r} is already set on "
                                                     f"line {seen[metric]}"))
            elif metric:
                seen[metric] = line
            problems += row_problems
            if row is not None and not row_problems:
                rows.append(row)
    except csv.Error as exc:
        problems.append(RowProblem(reader.line_num, f"not valid CSV: {exc}"))
    if where is None and not problems:
        problems.append(RowProblem(1, "no header row (metric,value,date)"))
    if problems:
        raise UpdateFailed(problems)
    return rows


# -- the edit ------------------------------------------------------------------------------

def number_text(value: float) -> str:
    """How a value is written in YAML: ``42``, ``0.65``, ``1.0e-05`` (YAML 1.1 reads
    ``1e-05`` as text, so an exponent always gets a decimal point)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text and "." not in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


@dataclass(frozen=True, slots=True)
class _Edit:
    offset: int
    end: int
    text: str


class _Text:
    """Offsets of (line, column) positions, and each line's own line break."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        self.breaks = [m.group() for m in LINE_BREAK.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def line_end(self, line: int) -> int:
        """The offset of the line break that ends ``line`` (or of the end of the text)."""
        if line < len(self.starts):
            return self.starts[line] - len(self.breaks[line - 1])
        return len(self.text)

    def newline(self, line: int) -> str:
        return self.breaks[min(line, len(self.breaks)) - 1] if self.breaks else "\n"


def _replace(loaded: LoadedMap, lines: _Text, pointer: str, new: str) -> _Edit:
    span = loaded.source.locate(pointer)
    start = lines.offset(span.line, span.column)
    end = lines.offset(span.end_line, span.end_column)
    old = lines.text[start:end]
    if old[:1] in ("'", '"'):  # keep the quoting the author chose
        new = old[0] + new + old[0]
    elif not old:  # `value:` with nothing after it
        new = " " + new
    return _Edit(start, end, new)


def _insert(loaded: LoadedMap, lines: _Text, base: str, after: str, key: str, text: str
            ) -> _Edit:
    """``key: text`` as a new entry of the metric at ``base``, after its ``after`` entry."""
    mapping = loaded.source.locate(base)
    anchor = loaded.source.locate(f"{base}/{after}")
    if lines.text[lines.offset(mapping.line, mapping.column)] == "{":  # a flow mapping
        at = lines.offset(anchor.end_line, anchor.end_column)
        return _Edit(at, at, f", {key}: {text}")
    key_span = loaded.source.positions.key_span(f"{base}/id")
    indent = " " * ((key_span.column if key_span else anchor.column) - 1)
    at = lines.line_end(anchor.end_line)
    return _Edit(at, at, f"{lines.newline(anchor.end_line)}{indent}{key}: {text}")


def _metric_edits(loaded: LoadedMap, lines: _Text, index: int, row: ValueRow,
                  measured: dt.date) -> list[_Edit]:
    base = f"/metrics/{index}"
    has = loaded.source.has
    edits = []
    new_entries = []
    for key, text in (("value", number_text(row.value)), ("measured", measured.isoformat())):
        if has(f"{base}/{key}"):
            edits.append(_replace(loaded, lines, f"{base}/{key}", text))
        else:
            new_entries.append((key, text))
    if new_entries:
        # New entries go after `value` (after `id` when there was none), value first.
        after = "value" if has(f"{base}/value") else "id"
        pieces = [_insert(loaded, lines, base, after, key, text) for key, text in new_entries]
        edits.append(_Edit(pieces[0].offset, pieces[0].end, "".join(p.text for p in pieces)))
    return edits


def _expected(journey: JourneyMap, rows: dict[str, ValueRow], today: dt.date) -> Any:
    data = journey.model_dump()
    for metric in data["metrics"]:
        row = rows.get(metric["id"])
        if row is not None:
            metric["value"] = row.value
            metric["measured"] = row.date or today
    return data


def apply_values(raw: bytes, loaded: LoadedMap, rows: Sequence[ValueRow], today: dt.date
                 ) -> tuple[bytes, list[Change]]:
    """The map's new bytes with each row's value and measured date set, and the changes.

    ``loaded`` is ``raw`` loaded (it must have loaded without findings); a row without a
    date is taken as measured ``today``.
    """
    assert loaded.journey is not None
    by_id = {row.metric: row for row in rows}
    lines = _Text(loaded.source.text)
    edits: list[_Edit] = []
    changes: list[Change] = []
    for index, metric in enumerate(loaded.journey.metrics):
        row = by_id.get(metric.id)
        if row is None:
            continue
        measured = row.date or today
        edits += _metric_edits(loaded, lines, index, row, measured)
        changes.append(Change(metric.id, metric.value, row.value, measured))
    text = lines.text
    for edit in sorted(edits, key=lambda e: e.offset, reverse=True):
        text = text[: edit.offset] + edit.text + text[edit.end :]
    new_raw = _encode(text, raw)
    check = load_bytes(new_raw, loaded.path)
    if check.journey is None or check.findings or (
        check.journey.model_dump() != _expected(loaded.journey, by_id, today)
    ):
        raise RuntimeError(f"{loaded.path}: editing the metrics in place did not give the "
                           "expected map; nothing was written")
    return new_raw, changes


def _encode(text: str, raw: bytes) -> bytes:
    """The text in the encoding of the original file, with its byte-order mark if it had one."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return bom + text.encode(name)
    return text.encode("utf-8")
