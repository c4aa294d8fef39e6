"""Markdown for a pull-request comment or a wiki page: one section per map, pipe tables."""

from __future__ import annotations

from cjmap.reporting.grid import Grid, markdown_lines
from cjmap.reporting.markdown import escape as escape_markdown
from cjmap.reporting.score import base
from cjmap.reporting.text import plural
from cjmap.score import Scorecard, ScoreResult


def escape(text: str) -> str:
    """User text as literal Markdown (:func:`cjmap.reporting.markdown.escape`), with the
    ``\\<`` spelling this report has always used."""
    return escape_markdown(text, line_start=False, angles="backslash")


class MarkdownReporter(base.ScoreReporter):
    def report(self, result: ScoreResult) -> None:
        count = len(result.cards)
        self._line(f"# cjmap score: {plural(count, 'map')}")
        self._line()
        for card in result.cards:
            self._card(card, result)
        if count > 1:
            self._line("## Combined")
            self._line()
            self._line(escape(f"Combined {base.coverage_line(result.coverage)}."))
            if self.explain:
                self._line()
                self._line(escape(f"Computed as: {base.explain_coverage(result.coverage)}."))
            self._line()
            self._grid(base.combined_grid(result), "###")

    def _line(self, text: str = "") -> None:
        self.stream.write(text + "\n")

    def _card(self, card: Scorecard, result: ScoreResult) -> None:
        self._line(f"## {escape(card.title)} ({escape(card.map_id)})")
        self._line()
        line = f"File {escape(card.path)}: {escape(base.coverage_line(card.coverage))}."
        gate = base.gate_line(card, result)
        if gate:
            line += " " + (f"**{escape(gate)}**" if "below" in gate else escape(gate))
        self._line(line)
        if self.explain:
            self._line()
            how = base.explain_coverage(card.coverage, card)
            self._line(escape(f"Coverage computed as: {how}."))
        self._line()
        for grid in base.card_grids(card, result, self.explain):
            self._grid(grid, "###")

    def _grid(self, grid: Grid, level: str) -> None:
        for line in markdown_lines(grid, level, escape):
            self._line(line)
