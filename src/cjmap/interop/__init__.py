"""Maps in and out of other formats: Mermaid journeys, spreadsheets, CSV (docs/interop.md).

A format is one module (see :mod:`cjmap.interop.base`) and one line in :data:`FORMATS`;
modules are imported only when their format is used.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

FORMATS: dict[str, str] = {
    "mermaid": "cjmap.interop.mermaid",
    "xlsx": "cjmap.interop.xlsx",
    "csv": "cjmap.interop.csv_tables",
}
"""Format name -> the module that reads and writes it."""

SUFFIXES: dict[str, str] = {".mmd": "mermaid", ".mermaid": "mermaid", ".xlsx": "xlsx",
                            ".csv": "csv"}
"""File suffix -> format, for ``cjmap import`` without ``--from`` (a directory is csv)."""


def format_module(name: str) -> ModuleType:
    """The module of format ``name`` (one of :data:`FORMATS`)."""
    return importlib.import_module(FORMATS[name])


def guess_format(path: Path) -> str | None:
    """The format a file's suffix names, ``csv`` for a directory, else None."""
    if path.is_dir():
        return "csv"
    return SUFFIXES.get(path.suffix.lower())
