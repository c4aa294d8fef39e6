"""A stable JSON document of the scorecards (shape documented in docs/scoring.md).

Numbers are full floats, unrounded; with ``--explain`` each item also has an ``explain``
object: the name of each number -> the terms it was computed from.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from cjmap.reporting.score.base import (
    ScoreReporter,
    explain_coverage,
    explain_opportunity,
    explain_pain,
    explain_stage_emotion,
    explain_stage_weight,
)
from cjmap.score import (
    Coverage,
    OpportunityScore,
    PainScore,
    Scorecard,
    ScoreResult,
    StageScore,
)

JSON_FORMAT_VERSION = 1


def _f(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


class JsonReporter(ScoreReporter):
    def report(self, result: ScoreResult) -> None:
        minimum = result.min_coverage
        document: dict[str, Any] = {
            "version": JSON_FORMAT_VERSION,
            "method": str(result.method),
            "top": result.top,
            "min_coverage": _f(minimum),
            "maps": [self._card(card, result) for card in result.cards],
            "combined": {
                "coverage": self._coverage(result.coverage, None, None),
                "opportunities": [
                    {"rank": row.rank, "map": row.card.map_id, "path": row.card.path,
                     "map_rank": row.opportunity.rank, "id": row.opportunity.id,
                     "title": row.opportunity.title, "status": str(row.opportunity.status),
                     "priority": float(row.opportunity.priority)}
                    for row in result.shown_combined()
                ],
            },
        }
        json.dump(document, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")

    def _card(self, card: Scorecard, result: ScoreResult) -> dict[str, Any]:
        minimum = result.min_coverage
        return {
            "path": card.path,
            "id": card.map_id,
            "title": card.title,
            "emotion_scale": {"min": card.scale[0], "max": card.scale[1]},
            "coverage": self._coverage(card.coverage, card,
                                       None if minimum is None
                                       else card.coverage.value >= minimum),
            "ranked_total": len(card.ranked),
            "opportunities": [self._opportunity(o) for o in result.shown(card.ranked)],
            "closed": [self._opportunity(o) for o in card.closed],
            "unaddressed_pains": [self._pain(p) for p in card.unaddressed],
            "pains": [self._pain(p) for p in card.pains],
            "stages": [self._stage(s) for s in card.stages],
        }

    def _coverage(self, coverage: Coverage, card: Scorecard | None,
                  meets: bool | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": float(coverage.value),
            "covered_weight": float(coverage.covered_weight),
            "total_weight": float(coverage.total_weight),
            "covered_pains": coverage.covered_pains,
            "total_pains": coverage.total_pains,
        }
        if card is not None:
            out["meets_minimum"] = meets
        if self.explain:
            out["explain"] = {"value": explain_coverage(coverage, card)}
        return out

    def _explained(self, out: dict[str, Any],
                   explain: Callable[[], dict[str, str]]) -> dict[str, Any]:
        """``out``, with ``--explain`` also its ``explain`` object (name -> terms)."""
        if self.explain:
            out["explain"] = explain()
        return out

    def _opportunity(self, o: OpportunityScore) -> dict[str, Any]:
        return self._explained({
            "rank": o.rank,
            "id": o.id,
            "title": o.title,
            "status": str(o.status),
            "impact": o.impact,
            "effort": o.effort,
            "confidence": float(o.confidence),
            "confidence_default": not o.confidence_given,
            "addresses": [p.id for p in o.addresses],
            "unknown_addresses": list(o.unknown),
            "pain_weight": float(o.pain_weight),
            "priority": float(o.priority),
            "pointer": o.pointer,
        }, lambda: {"priority": explain_opportunity(o)})

    def _pain(self, p: PainScore) -> dict[str, Any]:
        return self._explained({
            "id": p.id,
            "title": p.title,
            "stage": p.stage,
            "touchpoint": p.touchpoint,
            "severity": p.severity,
            "frequency": float(p.frequency),
            "frequency_default": not p.frequency_given,
            "weight": float(p.weight),
            "covered": p.covered,
            "addressed_by": list(p.addressed_by),
            "dropped_by": list(p.dropped_by),
            "pointer": p.pointer,
        }, lambda: {"weight": explain_pain(p)})

    def _stage(self, s: StageScore) -> dict[str, Any]:
        return self._explained({
            "id": s.id,
            "name": s.name,
            "touchpoints": s.touchpoints,
            "pain_count": len(s.pains),
            "pain_weight": float(s.pain_weight),
            "mean_emotion": _f(s.mean_emotion),
            "emotion_touchpoints": len(s.emotions),
        }, lambda: {"pain_weight": explain_stage_weight(s),
                    "mean_emotion": explain_stage_emotion(s)})
