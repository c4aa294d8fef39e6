"""A :class:`~cjmap.reporting.grid.Grid` drawn with rich, shared by each command's
``table`` format; each format says which columns may wrap and how headers shorten."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cjmap.reporting.grid import Grid


@contextmanager
def stripped_lines(stream: TextIO, color: bool) -> Iterator[TextIO]:
    """Where a table reporter's console writes: ``stream`` on a terminal; off one, a buffer
    whose lines reach ``stream`` with the padding rich adds to their right stripped."""
    if color:
        yield stream
        return
    buffer = io.StringIO()
    yield buffer
    stream.writelines(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def draw_grid(console: Console, grid: Grid, *, short: Mapping[str, str],
              wraps: Callable[[int, str], bool], wrap_min_width: int | None = None,
              cell: Callable[[str], str] = str) -> None:
    """One grid as a rich table (or its title and empty text), its note, then a blank line.

    ``wraps(index, header)`` says whether a column may wrap (then it is at least
    ``wrap_min_width`` wide); ``short`` shortens headers; ``cell`` prepares each cell's text.
    """
    if not grid.rows:
        console.print(Text(grid.title, style="bold"))
        console.print(Text(f"  {grid.empty}", style="dim"))
        console.print()
        return
    table = Table(title=grid.title, title_justify="left", title_style="bold",
                  box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
                  pad_edge=False, padding=(0, 1), collapse_padding=True)
    for i, header in enumerate(grid.headers):
        wrap = wraps(i, header)
        table.add_column(short.get(header, header),
                         justify="right" if i in grid.numeric else "left",
                         no_wrap=not wrap, min_width=wrap_min_width if wrap else None,
                         overflow="fold")
    for row in grid.rows:
        table.add_row(*(Text(cell(text)) for text in row))
    console.print(table)
    if grid.note:
        console.print(Text(grid.note, style="dim"))
    console.print()
