"""``cjmap score --by X``: the roll-up as a rich table, colour only on a terminal."""

from __future__ import annotations

import io

from cjmap import terminal
from cjmap.reporting.rollup.base import RollupReporter, rollup_grid
from cjmap.reporting.score.table import draw_grid
from cjmap.rollup import RollupResult


class TableReporter(RollupReporter):
    for_people = True

    def report(self, result: RollupResult) -> None:
        # As the score table: off a terminal nothing is wrapped and right padding is stripped.
        buffer = None if self.color else io.StringIO()
        console = terminal.console(buffer or self.stream, self.color, soft_wrap=False)
        draw_grid(console, rollup_grid(result, self.explain))
        if buffer is not None:
            self.stream.writelines(line.rstrip() + "\n"
                                   for line in buffer.getvalue().splitlines())
