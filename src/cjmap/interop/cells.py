"""Text cells that spreadsheets would execute, made inert (docs/interop.md).

A spreadsheet program opening a CSV file treats a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(...)``,
``@SUM(...)``): text from a map must never run as one. The usual defence is a
leading apostrophe, which spreadsheets read as "this is text". :func:`neutralise`
adds it and :func:`restore` removes it again, so a CSV round trip gives back the
exact text: text that already starts with apostrophes before such a character
gets one more, and :func:`restore` takes exactly one away.

XLSX needs no apostrophe: a text cell is stored as a string, never as a formula
(see :mod:`cjmap.interop.xlsx`). Every CSV writer of cjmap uses this module.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""

QUOTE = "'"


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
