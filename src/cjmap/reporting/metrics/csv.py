"""CSV of every metric against its target, one row per metric of each map."""

from __future__ import annotations

from collections.abc import Sequence

from cjmap.reporting.cells import CsvWriter
from cjmap.reporting.metrics.base import MetricRow, MetricsReporter

COLUMNS = ("map", "path", "metric", "name", "value", "target", "better", "unit", "measured",
           "status")


class CsvReporter(MetricsReporter):
    def report(self, rows: Sequence[MetricRow]) -> None:
        writer = CsvWriter(self.stream)
        writer.writerow(COLUMNS)
        for row in rows:
            s = row.state
            writer.writerow([row.map_id, row.path, s.id, s.name, s.value, s.target,
                             None if s.better is None else str(s.better), s.unit, s.measured,
                             str(s.status)])
