"""A :class:`~cjmap.reporting.grid.Grid` drawn with rich, shared by each command's
``table`` format; each format says how its columns give way on a narrow terminal
(cjmap.reporting.fit) and how headers shorten."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cjmap.reporting.fit import Fit, fitted_widths, table_width
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
              kind: Callable[[int, str], Fit], fit: bool, wrap_min_width: int | None = None,
              cell: Callable[[str], str] = str) -> None:
    """One grid as a rich table (or its title and empty text), its note, then a blank line.

    ``kind(index, header)`` says how a column gives way on a narrow terminal
    (cjmap.reporting.fit): with ``fit`` the table is laid out for the console's width,
    titles shortened with an ellipsis, lists wrapped between ids, ids and numbers whole
    (a table whose ids alone are wider than the console is wider than it). Without it
    the columns that are not ``WHOLE`` may wrap, at least ``wrap_min_width`` wide.
    ``short`` shortens headers; ``cell`` prepares each cell's text.
    """
    if not grid.rows:
        console.print(Text(grid.title, style="bold"))
        console.print(Text(f"  {grid.empty}", style="dim"))
        console.print()
        return
    table = Table(title=grid.title, title_justify="left", title_style="bold",
                  box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
                  pad_edge=False, padding=(0, 1), collapse_padding=True)
    headers = [short.get(h, h) for h in grid.headers]
    rows = [[cell(text) for text in row] for row in grid.rows]
    kinds = [kind(i, h) for i, h in enumerate(grid.headers)]
    widths: list[int | None] = (list(fitted_widths(headers, rows, kinds, console.width))
                                if fit else [None] * len(headers))
    for i, (header, how, width) in enumerate(zip(headers, kinds, widths, strict=True)):
        wrap = how is not Fit.WHOLE
        table.add_column(header, justify="right" if i in grid.numeric else "left",
                         # Fitted, a header may wrap between words (its cells fit).
                         width=width, no_wrap=how is Fit.PROSE if fit else not wrap,
                         min_width=wrap_min_width if wrap and not fit else None,
                         overflow="ellipsis" if fit and how is Fit.PROSE else "fold")
    for row in rows:
        table.add_row(*(Text(text) for text in row))
    available = console.width
    console.width = max(available, table_width(widths))
    console.print(table)
    console.width = available
    if grid.note:
        console.print(Text(grid.note, style="dim"))
    console.print()
