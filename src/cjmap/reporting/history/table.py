"""The default human output: rich tables that fit 100 columns, colour only on a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
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
from cjmap.reporting.richgrid import draw_grid, stripped_lines
from cjmap.terminal import printable

WIDTH = 100
_SHORT = {"Touchpoints": "TPs", "Pain points": "Pains", "Pain weight": "Σw",
          "Coverage": "Cover"}


class TableReporter(HistoryReporter):
    def report(self, histories: Sequence[History]) -> None:
        # Off a terminal the tables are laid out for 100 columns and the padding rich adds
        # to the right is stripped; on a terminal rich uses the terminal's width.
        with stripped_lines(self.stream, self.color) as stream:
            self.console = Console(file=stream, force_terminal=self.color,
                                   no_color=not self.color, highlight=False,
                                   width=None if self.color else WIDTH)
            for history in histories:
                self._history(history)

    def _history(self, history: History) -> None:
        console = self.console
        console.print(Text(printable(summary_line(history)), style="bold underline"))
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
                console.print(Text(printable(line)), overflow="fold")
            console.print()

    def _grid(self, grid: Grid) -> None:
        # Commits and dates stay whole; everything else may wrap to fit the width.
        draw_grid(self.console, grid, short=_SHORT, wraps=lambda i, _: i >= 2)
