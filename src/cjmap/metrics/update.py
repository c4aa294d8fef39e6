"""Setting metrics' values from a CSV file by editing only the lines that change.

The edit is made by ruamel.yaml's round trip (``cjmap.metrics.roundtrip``, imported only
when a map is edited) and then checked: the line diff may touch only the changed values'
lines and add only ``value``/``measured`` lines, and the new text, loaded by cjmap's own
loader, must give the map with just those values changed. Where the round trip cannot keep
the file's style, the edit is made in place at the loader's positions
(``cjmap.metrics.positional``) and checked the same way (docs/history.md, "How the edit is
made").

All or nothing (docs/history.md): every problem in the CSV is reported with its line, and
then nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from cjmap.load import LoadedMap, load_bytes
from cjmap.metrics.positional import TextUpdate, set_values_in_place
from cjmap.model import JourneyMap
from cjmap.suggest import did_you_mean
from cjmap.yamlio import _BOMS, LINE_BREAK

COLUMNS = ("metric", "value", "date")
REQUIRED = ("metric", "value")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class ValueRow:
    """One row of the CSV: a metric id, its new value and the date it was measured."""

    line: int
    metric: str
    value: float
    date: dt.date | None


class RowProblem(NamedTuple):
    """What is wrong with the CSV at ``line``."""

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
    # Plain decimal notation only: float() also takes "1_000", "١٢" and "１２", which no
    # spreadsheet writes and a reader of the CSV would not take for the number stored.
    if not _DECIMAL.fullmatch(text):
        return None
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
    if any(c.strip() for c in cells[len(where):]):
        # "nps,4,5" is a decimal comma more often than a note: never half a value.
        problems.append(RowProblem(line, f"{len(cells)} cells where the header has "
                                         f"{len(where)}; quote a value holding a comma, and "
                                         "write numbers with a decimal point"))
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
    value = float(value)  # an int is a float to the type checker, but has no is_integer()
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text and "." not in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def _expected(journey: JourneyMap, rows: dict[str, ValueRow], today: dt.date) -> Any:
    data = journey.model_dump()
    for metric in data["metrics"]:
        row = rows.get(metric["id"])
        if row is not None:
            metric["value"] = row.value
            metric["measured"] = row.date or today
    return data


@dataclass(frozen=True, slots=True)
class MetricUpdate:
    """The new value and measured date of the metric at ``index`` in ``metrics``."""

    index: int
    value: float
    measured: dt.date


class _Rejected(Exception):
    """An edit that may not be written: it changed ``line`` or did not give the map wanted."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"{line}: {reason}")


def apply_values(raw: bytes, loaded: LoadedMap, rows: Sequence[ValueRow], today: dt.date
                 ) -> tuple[bytes, list[Change]]:
    """The map's new bytes with each row's value and measured date set, and the changes.

    ``loaded`` is ``raw`` loaded (it must have loaded without findings); a row without a
    date is taken as measured ``today``. ruamel.yaml's round trip makes the edit; where it
    would change any other line, the edit is made in place at the loader's positions.
    """
    assert loaded.journey is not None
    by_id = {row.metric: row for row in rows}
    updates: list[MetricUpdate] = []
    changes: list[Change] = []
    for index, metric in enumerate(loaded.journey.metrics):
        row = by_id.get(metric.id)
        if row is not None:
            measured = row.date or today
            updates.append(MetricUpdate(index, row.value, measured))
            changes.append(Change(metric.id, metric.value, row.value, measured))
    expected = _expected(loaded.journey, by_id, today)
    rejected: list[_Rejected] = []
    for edit in (round_trip_edit, in_place_edit):
        try:
            return _checked(raw, loaded, edit(loaded, updates), updates, expected), changes
        except _Rejected as why:
            rejected.append(why)
    # The in-place edit touches only the values' own characters: failing is a bug in cjmap.
    raise RuntimeError(f"{loaded.path}: setting the metrics failed ({rejected[-1]}); "
                       "nothing was written")


def round_trip_edit(loaded: LoadedMap, updates: Sequence[MetricUpdate]) -> str:
    """The new text, made by ruamel.yaml (imported only here: all else reads with libyaml)."""
    from cjmap.metrics.roundtrip import CannotRoundTrip, set_values

    try:
        return set_values(loaded.source.text, updates)
    except CannotRoundTrip as exc:
        raise _Rejected(exc.line, f"ruamel.yaml cannot read it: {exc}") from None


def in_place_edit(loaded: LoadedMap, updates: Sequence[MetricUpdate]) -> str:
    return set_values_in_place(loaded, [
        TextUpdate(u.index, number_text(u.value), u.measured.isoformat()) for u in updates])


def _checked(raw: bytes, loaded: LoadedMap, text: str, updates: Sequence[MetricUpdate],
             expected: Any) -> bytes:
    """``text`` encoded like ``raw``, if only the lines it should change differ and it
    loads as the expected map; raises _Rejected otherwise."""
    unexpected = unexpected_line(loaded, text, [u.index for u in updates])
    if unexpected is not None:
        line, old = unexpected
        raise _Rejected(line, f"it would also change this line: {old.strip()!r}")
    new_raw = _encode(text, raw)
    check = load_bytes(new_raw, loaded.path)
    if check.journey is None or check.findings or check.journey.model_dump() != expected:
        raise _Rejected(1, "loaded again, it does not give the expected map")
    return new_raw


# -- the check: which lines may differ ------------------------------------------------------

_SET_KEY = re.compile(r"(^|[{,\s])(value|measured)\s*:")


def _lines(text: str) -> list[str]:
    """The lines of ``text``, each with its own line break (so a changed break shows)."""
    ends = [m.end() for m in LINE_BREAK.finditer(text)]
    starts = [0, *ends]
    lines = [text[a:b] for a, b in zip(starts, ends, strict=False)]
    return [*lines, text[starts[-1]:]] if starts[-1] < len(text) else lines


def _allowed(loaded: LoadedMap, indexes: Sequence[int]) -> tuple[set[int], int, list[str]]:
    """Lines that may change, how many lines are added, and comments that must stay."""
    source = loaded.source
    allowed: set[int] = set()
    added = 0
    comments = []
    for index in indexes:
        base = f"/metrics/{index}"
        mapping = source.locate(base)
        flow = source.line_text(mapping.line)[mapping.column - 1 : mapping.column] == "{"
        if flow:
            allowed.update(range(mapping.line, mapping.end_line + 1))
        for key in ("value", "measured"):
            if not source.has(f"{base}/{key}"):
                added += 0 if flow else 1
                continue
            span = source.locate(f"{base}/{key}")
            allowed.update(range(span.line, span.end_line + 1))
            tail = source.line_text(span.end_line)[span.end_column - 1 :].strip()
            if tail.startswith("#"):
                comments.append(tail)
    return allowed, added, comments


def unexpected_line(loaded: LoadedMap, new_text: str, indexes: Sequence[int]
                    ) -> tuple[int, str] | None:
    """The first line (number, old text) that the edit changed but should not have.

    Only the lines of the changed metrics' ``value`` and ``measured`` (the whole line of a
    flow mapping) may differ, and the only lines added are new ``value``/``measured`` ones;
    a comment after a changed value must still be there.
    """
    allowed, expected_added, comments = _allowed(loaded, indexes)
    old, new = _lines(loaded.source.text), _lines(new_text)
    breaks = {"", *LINE_BREAK.findall(loaded.source.text)}
    added = 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        outside = [i for i in range(i1, i2) if i + 1 not in allowed]
        strange = [j for j in range(j1, j2) if not _SET_KEY.search(new[j])
                   or new[j][len(new[j].rstrip("\r\n\x85\u2028\u2029")):] not in breaks]
        if outside or strange:
            at = outside[0] if outside else min(i1, len(old) - 1)
            return at + 1, old[at] if old else ""
        added += (j2 - j1) - (i2 - i1)
    if added != expected_added or not all(
            any(line.rstrip("\r\n").endswith(c) for line in new) for c in comments):
        first = min(allowed, default=1)
        return first, loaded.source.line_text(first)
    return None


def _encode(text: str, raw: bytes) -> bytes:
    """The text in the encoding of the original file, with its byte-order mark if it had one."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return bom + text.encode(name)
    return text.encode("utf-8")
