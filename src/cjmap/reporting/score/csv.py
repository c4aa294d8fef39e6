"""CSV for spreadsheets: one row per ranked opportunity, across all maps, in combined order.

Done and dropped opportunities are not ranked and not listed. Numbers are full floats;
``addresses`` is a ``;``-separated list of pain ids.
"""

from __future__ import annotations

from cjmap.reporting.cells import CsvWriter
from cjmap.reporting.score.base import ScoreReporter, explain_opportunity
from cjmap.score import ScoreResult

COLUMNS = ("rank", "map", "path", "map_rank", "opportunity", "title", "status", "method",
           "priority", "pain_weight", "impact", "effort", "confidence", "addresses",
           "map_coverage")


class CsvReporter(ScoreReporter):
    def report(self, result: ScoreResult) -> None:
        writer = CsvWriter(self.stream)
        writer.writerow(COLUMNS + (("explain",) if self.explain else ()))
        for row in result.shown_combined():
            o = row.opportunity
            cells: list[str | int | float | None] = [
                row.rank, row.card.map_id, row.card.path, o.rank, o.id, o.title,
                str(o.status), str(o.method), float(o.priority), float(o.pain_weight),
                o.impact, o.effort, float(o.confidence), ";".join(p.id for p in o.addresses),
                float(row.card.coverage.value),
            ]
            if self.explain:
                cells.append(explain_opportunity(o))
            writer.writerow(cells)
