"""The default human output: rich tables, one section per map, colour only on a terminal."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cjmap import terminal
from cjmap.reporting.fit import Fit, fitted_widths, table_width
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

# How each column may give way on a narrow terminal (cjmap.reporting.fit): titles are
# shortened, lists of ids wrap between ids; ids and numbers stay whole.
_PROSE = frozenset({"Title", "Name"})
_TOKENS = frozenset({"Where", "Addresses", "Dropped opportunities", "Computed as",
                     "Top opportunities"})

# Short headers for the number columns keep a ranking within a 100-column terminal.
_SHORT = {"Pain weight": "Σw", "Impact": "Imp", "Effort": "Eff", "Confidence": "Conf",
          "Severity": "Sev", "Frequency": "Freq", "Touchpoints": "TPs",
          "Pain points": "Pains"}


def _kind(header: str) -> Fit:
    return Fit.PROSE if header in _PROSE else Fit.TOKENS if header in _TOKENS else Fit.WHOLE


class TableReporter(ScoreReporter):
    for_people = True

    def report(self, result: ScoreResult) -> None:
        # Off a terminal nothing is wrapped (a file or a pipe gets whole lines) and the
        # padding rich adds to the right of tables is stripped.
        buffer = None if self.color else io.StringIO()
        self.console = terminal.console(buffer or self.stream, self.color, soft_wrap=False)
        if self.wide:  # --wide: as off a terminal, whole lines however long
            self.console.width = 10_000
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
        draw_grid(self.console, grid, fit=self.color and not self.wide)


def draw_grid(console: Console, grid: Grid, *, fit: bool) -> None:
    """One grid as a rich table (or its title and empty text), then a blank line; with
    ``fit``, laid out for the console's width (cjmap.reporting.fit)."""
    if not grid.rows:
        console.print(Text(grid.title, style="bold"))
        console.print(Text(f"  {grid.empty}", style="dim"))
        console.print()
        return
    table = Table(title=grid.title, title_justify="left", title_style="bold",
                  box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
                  pad_edge=False, padding=(0, 1), collapse_padding=True)
    headers = [_SHORT.get(h, h) for h in grid.headers]
    rows = [[printable(cell) for cell in row] for row in grid.rows]
    kinds = [_kind(h) for h in grid.headers]
    # Off a terminal (or with --wide) the console is unbounded: every cell whole.
    widths: list[int | None] = (list(fitted_widths(headers, rows, kinds, console.width))
                                if fit else [None] * len(headers))
    for i, (header, kind, width) in enumerate(zip(headers, kinds, widths, strict=True)):
        table.add_column(header, justify="right" if i in grid.numeric else "left",
                         # Fitted, a header may wrap between words (its cells fit).
                         width=width, no_wrap=kind is Fit.PROSE or (
                             kind is Fit.WHOLE and width is None),
                         min_width=8 if kind is not Fit.WHOLE and width is None else None,
                         overflow="ellipsis" if kind is Fit.PROSE else "fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    # Ids too long for the terminal together: wider than it, rather than cut.
    terminal_width = console.width
    console.width = max(terminal_width, table_width(widths))
    console.print(table)
    console.width = terminal_width
    if grid.note:
        console.print(Text(grid.note, style="dim"))
    console.print()
