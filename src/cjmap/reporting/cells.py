"""Text cells that spreadsheets would execute, made inert (docs/interop.md).

A spreadsheet program opening a CSV file treats a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(...)``,
``@SUM(...)``): text from a map must never run as one. The usual defence is a
leading apostrophe, which spreadsheets read as "this is text". :func:`neutralise`
adds it and :func:`restore` removes it again, so a CSV round trip gives back the
exact text: text that already starts with apostrophes before such a character
gets one more, and :func:`restore` takes exactly one away.

XLSX needs no apostrophe: a text cell is stored as a string, never as a formula
(see :mod:`cjmap.interop.xlsx`). Every CSV writer of cjmap uses this module: the
map exports of :mod:`cjmap.interop.csv_tables` call :func:`neutralise`, and every
``--format csv`` reporter writes through :class:`CsvWriter`. It lives in the
reporting layer, not in :mod:`cjmap.interop`, so that reporters need not import
the interop package.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""

QUOTE = "'"
_CRLF = "\r\n"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def _needs_quote(text: str) -> bool:
    # "'=x" must gain a quote too, or restore() would turn it into "=x".
    return is_formula_like(text.lstrip(QUOTE))


def neutralise(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet executes; :func:`restore` undoes it."""
    return QUOTE + text if _needs_quote(text) else text


def restore(cell: str) -> str:
    """The text :func:`neutralise` was given for ``cell``."""
    if cell.startswith(QUOTE) and _needs_quote(cell[1:]):
        return cell[1:]
    return cell


CsvCell = str | int | float | None
"""What a CSV reporter writes: text, a number, or nothing (an empty cell)."""


def inert_row(cells: Iterable[CsvCell]) -> list[CsvCell]:
    """``cells`` with every text cell neutralised; numbers are data and stay as they are.

    A negative number such as ``-0.5`` in a number column is not text: a spreadsheet
    reads it as the number it is, so it gets no apostrophe.
    """
    return [neutralise(cell) if isinstance(cell, str) else cell for cell in cells]


class CsvWriter:
    """A :func:`csv.writer` that neutralises every text cell it writes (header too).

    A cell holding a line break is always quoted, whatever the line ending: Python's
    writer quotes only the characters of its own line terminator, so with ``"\n"`` a
    carriage return inside a cell would be written bare and read back as the end of
    the row. Each row is therefore written with ``"\r\n"`` (quoting both) and then ended
    with ``lineterminator``.
    """

    def __init__(self, stream: TextIO, *, lineterminator: str = "\n") -> None:
        self._stream = stream
        self._end = lineterminator
        self._row = io.StringIO(newline="")
        self._writer = csv.writer(self._row, lineterminator=_CRLF)

    def writerow(self, cells: Iterable[CsvCell]) -> None:
        self._row.seek(0)
        self._row.truncate()
        self._writer.writerow(inert_row(cells))
        self._stream.write(self._row.getvalue().removesuffix(_CRLF) + self._end)
