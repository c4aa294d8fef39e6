"""``cjmap score --by X --format json``: the roll-up as one document (docs/scoring.md)."""

from __future__ import annotations

import json
from typing import Any

from cjmap.reporting.rollup.base import (
    RollupReporter,
    explain_coverage,
    explain_emotion,
    explain_weight,
    shown_opportunities,
)
from cjmap.rollup import Group, RollupResult

JSON_FORMAT_VERSION = 1


class JsonReporter(RollupReporter):
    def report(self, result: RollupResult) -> None:
        low, high = result.scale
        document = {
            "version": JSON_FORMAT_VERSION,
            "by": str(result.by),
            "method": str(result.score.method),
            "top": result.top,
            "maps": [{"id": c.map_id, "path": c.path} for c in result.score.cards],
            "emotion_scale": {"min": low, "max": high},
            "rescaled": result.rescaled,
            "groups": [self._group(g, result) for g in result.groups],
        }
        json.dump(document, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")

    def _group(self, g: Group, result: RollupResult) -> dict[str, Any]:
        coverage = g.coverage
        mean = g.mean_emotion
        out: dict[str, Any] = {
            "key": g.key,
            "label": g.label,
            "names": list(g.names),
            "maps": list(g.maps),
            "pain_count": len(g.pains),
            "pain_weight": float(g.pain_weight),
            "coverage": {"value": float(coverage.value),
                         "covered_weight": float(coverage.covered_weight),
                         "total_weight": float(coverage.total_weight),
                         "covered_pains": coverage.covered_pains,
                         "total_pains": coverage.total_pains},
            "mean_emotion": None if mean is None else float(mean),
            "emotion_count": len(g.emotions),
            "pains": [{"map": p.card.map_id, "path": p.card.path, "id": p.pain.id,
                       "weight": float(p.pain.weight), "covered": p.pain.covered,
                       "pointer": p.pain.pointer} for p in g.pains],
            "opportunities_total": len(g.opportunities),
            "opportunities": [
                {"rank": row.rank, "map": row.card.map_id, "path": row.card.path,
                 "id": row.opportunity.id, "title": row.opportunity.title,
                 "status": str(row.opportunity.status),
                 "priority": float(row.opportunity.priority)}
                for row in shown_opportunities(g, result)],
        }
        if self.explain:
            out["explain"] = {"pain_weight": explain_weight(g),
                              "coverage": explain_coverage(g),
                              "mean_emotion": explain_emotion(g)}
        return out
