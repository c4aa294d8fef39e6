"""``cjmap score --by X --format csv``: one row per group, full floats."""

from __future__ import annotations

from cjmap.reporting.cells import CsvWriter
from cjmap.reporting.rollup.base import RollupReporter, explain_group, shown_opportunities
from cjmap.rollup import RollupResult

COLUMNS = ("by", "key", "label", "names", "maps", "pain_count", "pain_weight", "coverage",
           "covered_weight", "mean_emotion", "emotion_count", "top_opportunities")


class CsvReporter(RollupReporter):
    def report(self, result: RollupResult) -> None:
        writer = CsvWriter(self.stream)
        writer.writerow(COLUMNS + (("explain",) if self.explain else ()))
        for g in result.groups:
            mean = g.mean_emotion
            cells: list[str | int | float | None] = [
                str(result.by), g.key or "", g.label, ";".join(g.names), ";".join(g.maps),
                len(g.pains), float(g.pain_weight), float(g.coverage.value),
                float(g.coverage.covered_weight), "" if mean is None else float(mean),
                len(g.emotions),
                ";".join(f"{row.card.map_id}/{row.opportunity.id}"
                         for row in shown_opportunities(g, result)),
            ]
            if self.explain:
                cells.append(explain_group(g))
            writer.writerow(cells)
