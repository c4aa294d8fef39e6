"""Markdown for a pull-request comment or a wiki page: one section per map, pipe tables.

Map text is escaped with :func:`cjmap.reporting.markdown.escape`, which also keeps ``@team`` and
``#123`` from notifying anyone or linking an issue.
"""

from __future__ import annotations

from collections.abc import Sequence

from cjmap.history import History
from cjmap.reporting.grid import Grid, markdown_lines
from cjmap.reporting.history.base import (
    HistoryReporter,
    grids,
    problem_lines,
    shallow_line,
    summary_line,
)
from cjmap.reporting.markdown import escape as md


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
        for line in markdown_lines(grid, "###", md):
            self._line(line)
