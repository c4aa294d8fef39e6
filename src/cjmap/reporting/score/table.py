"""The default human output: rich tables, one section per map, colour only on a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from cjmap import terminal
from cjmap.reporting.fit import Fit
from cjmap.reporting.grid import Grid
from cjmap.reporting.richgrid import draw_grid as rich_grid
from cjmap.reporting.richgrid import stripped_lines
from cjmap.reporting.score.base import (
    ScoreReporter,
    card_grids,
    combined_grid,
    coverage_line,
    explain_coverage,
    gate_line,
)
from cjmap.score import Scorecard, ScoreResult
from cjmap.terminal import printable

# How each column gives way on a narrow terminal (cjmap.reporting.fit): titles are
# shortened, lists of ids wrap between ids; ids and numbers stay whole.
_PROSE = frozenset({"Title", "Name"})
_TOKENS = frozenset({"Where", "Addresses", "Dropped opportunities", "Computed as",
                     "Top opportunities"})

# Short headers for the number columns keep a ranking within a 100-column terminal.
_SHORT = {"Pain weight": "Σw", "Impact": "Imp", "Effort": "Eff", "Confidence": "Conf",
          "Severity": "Sev", "Frequency": "Freq", "Touchpoints": "TPs",
          "Pain points": "Pains"}


class TableReporter(ScoreReporter):
    for_people = True

    def report(self, result: ScoreResult) -> None:
        # Off a terminal nothing is wrapped (a file or a pipe gets whole lines) and the
        # padding rich adds to the right of tables is stripped.
        with stripped_lines(self.stream, self.color) as stream:
            self.console = terminal.console(stream, self.color, soft_wrap=False)
            if self.wide:  # --wide: as off a terminal, whole lines however long
                self.console.width = 10_000
            for card in result.cards:
                self._card(card, result)
            if len(result.cards) > 1:
                self._combined(result)

    def _combined(self, result: ScoreResult) -> None:
        self.console.print(Text("Combined", style="bold underline"))
        self.console.print(Text(f"Combined {coverage_line(result.coverage)}"))
        if self.explain:
            self.console.print(Text(f"  = {explain_coverage(result.coverage)}", style="dim"))
        self.console.print()
        self._grid(combined_grid(result))

    def _card(self, card: Scorecard, result: ScoreResult) -> None:
        console = self.console
        heading = Text()
        heading.append(printable(card.title), style="bold underline")
        heading.append(printable(f"  {card.map_id}  {card.path}"), style="dim")
        console.print(heading)
        line = Text(coverage_line(card.coverage))
        gate = gate_line(card, result)
        if gate:
            line.append("  ")
            line.append(gate, style="bold red" if "below" in gate else "green")
        console.print(line)
        if self.explain:
            console.print(Text(f"  = {explain_coverage(card.coverage, card)}", style="dim"))
        console.print()
        for grid in card_grids(card, result, self.explain):
            self._grid(grid)

    def _grid(self, grid: Grid) -> None:
        draw_grid(self.console, grid, fit=self.color and not self.wide)


def _kind(_: int, header: str) -> Fit:
    return Fit.PROSE if header in _PROSE else Fit.TOKENS if header in _TOKENS else Fit.WHOLE


def draw_grid(console: Console, grid: Grid, *, fit: bool) -> None:
    """One grid of ``score`` (or its roll-up) as a rich table; with ``fit``, laid out for
    the console's width."""
    rich_grid(console, grid, short=_SHORT, kind=_kind, fit=fit, wrap_min_width=8,
              cell=printable)
