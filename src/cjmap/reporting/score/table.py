"""The default human output: rich tables, one section per map, colour only on a terminal."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cjmap import terminal
from cjmap.reporting.grid import Grid
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

# On a narrow terminal only these columns wrap; ids and numbers stay whole.
_PROSE = frozenset({"Title", "Name", "Where", "Addresses", "Dropped opportunities",
                    "Computed as", "Top opportunities"})

# Short headers for the number columns keep a ranking within a 100-column terminal.
_SHORT = {"Pain weight": "Σw", "Impact": "Imp", "Effort": "Eff", "Confidence": "Conf",
          "Severity": "Sev", "Frequency": "Freq", "Touchpoints": "TPs",
          "Pain points": "Pains"}


class TableReporter(ScoreReporter):
    for_people = True

    def report(self, result: ScoreResult) -> None:
        # Off a terminal nothing is wrapped (a file or a pipe gets whole lines) and the
        # padding rich adds to the right of tables is stripped.
        buffer = None if self.color else io.StringIO()
        self.console = terminal.console(buffer or self.stream, self.color, soft_wrap=False)
        for card in result.cards:
            self._card(card, result)
        if len(result.cards) > 1:
            self.console.print(Text("Combined", style="bold underline"))
            self.console.print(Text(f"Combined {coverage_line(result.coverage)}"))
            if self.explain:
                self.console.print(Text(f"  = {explain_coverage(result.coverage)}",
                                        style="dim"))
            self.console.print()
            self._grid(combined_grid(result))
        if buffer is not None:
            self.stream.writelines(line.rstrip() + "\n"
                                   for line in buffer.getvalue().splitlines())

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
        draw_grid(self.console, grid)


def draw_grid(console: Console, grid: Grid) -> None:
    """One grid as a rich table (or its title and empty text), then a blank line."""
    if not grid.rows:
        console.print(Text(grid.title, style="bold"))
        console.print(Text(f"  {grid.empty}", style="dim"))
        console.print()
        return
    table = Table(title=grid.title, title_justify="left", title_style="bold",
                  box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
                  pad_edge=False, padding=(0, 1), collapse_padding=True)
    for i, header in enumerate(grid.headers):
        wrap = header in _PROSE
        table.add_column(_SHORT.get(header, header),
                         justify="right" if i in grid.numeric else "left",
                         no_wrap=not wrap, min_width=8 if wrap else None,
                         overflow="fold")
    for row in grid.rows:
        table.add_row(*(Text(printable(cell)) for cell in row))
    console.print(table)
    if grid.note:
        console.print(Text(grid.note, style="dim"))
    console.print()
