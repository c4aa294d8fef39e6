"""``cjmap score --by X``: the roll-up as a rich table, colour only on a terminal."""

from __future__ import annotations

from cjmap import terminal
from cjmap.reporting.richgrid import stripped_lines
from cjmap.reporting.rollup.base import RollupReporter, rollup_grid
from cjmap.reporting.score.table import draw_grid
from cjmap.rollup import RollupResult


class TableReporter(RollupReporter):
    for_people = True

    def report(self, result: RollupResult) -> None:
        # As the score table: off a terminal nothing is wrapped and right padding is stripped.
        with stripped_lines(self.stream, self.color) as stream:
            console = terminal.console(stream, self.color, soft_wrap=False)
            if self.wide:  # --wide: as off a terminal, whole lines however long
                console.width = 10_000
            draw_grid(console, rollup_grid(result, self.explain),
                      fit=self.color and not self.wide)
