"""JSON of every metric against its target: ``{"format": 1, "metrics": [...]}``.

Each item is the metric object of ``cjmap history --format json`` plus ``map`` and ``path``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from cjmap.reporting.history.json import metric_json
from cjmap.reporting.metrics.base import MetricRow, MetricsReporter

FORMAT = 1


class JsonReporter(MetricsReporter):
    def report(self, rows: Sequence[MetricRow]) -> None:
        items = [{"map": row.map_id, "path": row.path, **metric_json(row.state)}
                 for row in rows]
        json.dump({"format": FORMAT, "metrics": items}, self.stream, indent=2,
                  ensure_ascii=False)
        self.stream.write("\n")
