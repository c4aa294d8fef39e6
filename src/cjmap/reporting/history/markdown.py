"""Markdown for a pull-request comment or a wiki page: one section per map, pipe tables.

Map text is escaped with the diff report's :func:`md`, which also keeps ``@team`` and
``#123`` from notifying anyone or linking an issue.
"""

from __future__ import annotations

from collections.abc import Sequence

from cjmap.diffreport.markdown import md
from cjmap.history import History
from cjmap.reporting.history.base import (
    Grid,
    HistoryReporter,
    grids,
    problem_lines,
    shallow_line,
    summary_line,
)


class MarkdownReporter(HistoryReporter):
    def report(self, histories: Sequence[History]) -> None:
        for history in histories:
            self._history(history)

    def _line(self, text: str = "") -> None:
        self.stream.write(text + "\n")

    def _history(self, history: History) -> None:
        self._line(f"## History: {md(summary_line(history))}")
        self._line()
        note = shallow_line(history)
        if note:
            self._line(f"**{md(note)}**")
            self._line()
        for grid in grids(history):
            self._grid(grid)
        problems = problem_lines(history)
        if problems:
            self._line("### Versions that do not load")
            self._line()
            for line in problems:
                self._line(f"- {md(line.strip())}")
            self._line()

    def _grid(self, grid: Grid) -> None:
        self._line(f"### {md(grid.title)}")
        self._line()
        if not grid.rows:
            self._line(md(grid.empty))
            self._line()
            return
        self._line("| " + " | ".join(md(h) for h in grid.headers) + " |")
        self._line("|" + "|".join("---:" if i in grid.numeric else "---"
                                  for i in range(len(grid.headers))) + "|")
        for row in grid.rows:
            self._line("| " + " | ".join(md(cell) for cell in row) + " |")
        self._line()
