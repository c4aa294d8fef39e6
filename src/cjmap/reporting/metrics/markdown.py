"""A Markdown table of every metric against its target (text escaped as in diff reports)."""

from __future__ import annotations

from collections.abc import Sequence

from cjmap.reporting.markdown import escape as md
from cjmap.reporting.metrics.base import MetricRow, MetricsReporter, headers, row_cells


class MarkdownReporter(MetricsReporter):
    def report(self, rows: Sequence[MetricRow]) -> None:
        write = self.stream.write
        write("## Metrics against their targets\n\n")
        if not rows:
            write("No metrics.\n")
            return
        shown = headers(rows)
        write("| " + " | ".join(shown) + " |\n")
        write("|" + "|".join("---:" if h in ("Value", "Target") else "---"
                             for h in shown) + "|\n")
        for row in rows:
            write("| " + " | ".join(md(c) for c in row_cells(row, shown)) + " |\n")
