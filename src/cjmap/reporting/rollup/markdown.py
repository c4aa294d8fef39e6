"""``cjmap score --by X --format markdown``: the roll-up as a pipe table."""

from __future__ import annotations

from cjmap.reporting.grid import markdown_lines
from cjmap.reporting.rollup.base import RollupReporter, rollup_grid
from cjmap.reporting.score.markdown import escape
from cjmap.rollup import RollupResult


class MarkdownReporter(RollupReporter):
    def report(self, result: RollupResult) -> None:
        for line in markdown_lines(rollup_grid(result, self.explain), "#", escape):
            self.stream.write(line + "\n")
