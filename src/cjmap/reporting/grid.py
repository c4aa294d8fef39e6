"""A table that several human formats show: in Markdown (here) or with rich (each
command's ``table`` format, which decides how its columns wrap)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Grid:
    """One table: headers, string cells, and what to say when it is empty."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int]
    """Indexes of columns that hold numbers (right-aligned)."""
    empty: str
    note: str | None = None


def markdown_lines(grid: Grid, level: str, escape: Callable[[str], str]) -> list[str]:
    """The grid as a Markdown section: a ``level`` heading, a pipe table (or the empty
    text) and the note, every text put through ``escape``; each part ends with a blank
    line."""
    lines = [f"{level} {escape(grid.title)}", ""]
    if not grid.rows:
        return [*lines, escape(grid.empty), ""]
    lines.append("| " + " | ".join(escape(h) for h in grid.headers) + " |")
    lines.append("|" + "|".join("---:" if i in grid.numeric else "---"
                                for i in range(len(grid.headers))) + "|")
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in grid.rows]
    lines.append("")
    if grid.note:
        lines += [f"_{escape(grid.note)}_", ""]
    return lines
