"""The default human output: rich tables that fit 100 columns, colour only on a terminal."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cjmap.history import History
from cjmap.reporting.grid import Grid
from cjmap.reporting.history.base import (
    HistoryReporter,
    grids,
    problem_lines,
    shallow_line,
    summary_line,
)

WIDTH = 100
_SHORT = {"Touchpoints": "TPs", "Pain points": "Pains", "Pain weight": "Σw",
          "Coverage": "Cover"}


class TableReporter(HistoryReporter):
    def report(self, histories: Sequence[History]) -> None:
        # Off a terminal the tables are laid out for 100 columns and the padding rich adds
        # to the right is stripped; on a terminal rich uses the terminal's width.
        buffer = None if self.color else io.StringIO()
        self.console = Console(file=buffer or self.stream, force_terminal=self.color,
                               no_color=not self.color, highlight=False,
                               width=None if self.color else WIDTH)
        for history in histories:
            self._history(history)
        if buffer is not None:
            self.stream.writelines(line.rstrip() + "\n"
                                   for line in buffer.getvalue().splitlines())

    def _history(self, history: History) -> None:
        console = self.console
        console.print(Text(summary_line(history), style="bold underline"))
        note = shallow_line(history)
        if note:
            console.print(Text(note, style="bold yellow"))
        console.print()
        for grid in grids(history):
            self._grid(grid)
        problems = problem_lines(history)
        if problems:
            console.print(Text("Versions that do not load", style="bold"))
            for line in problems:
                console.print(Text(line), overflow="fold")
            console.print()

    def _grid(self, grid: Grid) -> None:
        console = self.console
        if not grid.rows:
            console.print(Text(grid.title, style="bold"))
            console.print(Text(f"  {grid.empty}", style="dim"))
            console.print()
            return
        table = Table(title=grid.title, title_justify="left", title_style="bold",
                      box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
                      pad_edge=False, padding=(0, 1), collapse_padding=True)
        for i, header in enumerate(grid.headers):
            # Commits and dates stay whole; everything else may wrap to fit the width.
            table.add_column(_SHORT.get(header, header),
                             justify="right" if i in grid.numeric else "left",
                             no_wrap=i < 2, overflow="fold")
        for row in grid.rows:
            table.add_row(*(Text(cell) for cell in row))
        console.print(table)
        console.print()
