"""Rich table of every metric against its target; colour only on a terminal."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cjmap.metrics.targets import TargetStatus
from cjmap.reporting.metrics.base import MetricRow, MetricsReporter, headers, row_cells
from cjmap.terminal import printable

_STYLE = {TargetStatus.ON_TARGET: "green", TargetStatus.OFF_TARGET: "bold red"}


class TableReporter(MetricsReporter):
    def report(self, rows: Sequence[MetricRow]) -> None:
        buffer = None if self.color else io.StringIO()
        console = Console(file=buffer or self.stream, force_terminal=self.color,
                          no_color=not self.color, highlight=False,
                          width=None if self.color else 100)
        if not rows:
            console.print("No metrics.")
        else:
            table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
                          pad_edge=False, padding=(0, 1), collapse_padding=True)
            shown = headers(rows)
            for header in shown:
                # Only the name wraps: ids, numbers and dates stay whole.
                table.add_column(header, justify="right" if header in ("Value", "Target")
                                 else "left", overflow="fold", no_wrap=header != "Name",
                                 min_width=10 if header == "Name" else None)
            for row in rows:
                table.add_row(*(Text(printable(c)) for c in row_cells(row, shown)),
                              style=_STYLE.get(row.state.status, ""))
            console.print(table)
        if buffer is not None:
            self.stream.writelines(line.rstrip() + "\n"
                                   for line in buffer.getvalue().splitlines())
