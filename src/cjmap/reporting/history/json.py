"""JSON for programs: the shape of ``schemas/history.schema.json`` (docs/history.md).

``format`` is the version of this shape; it changes only when a field changes meaning or
goes away. Numbers are full floats; each version's ``figures`` is null when it does not
load, and then ``problem`` and ``findings`` say why.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cjmap.history import History, HistoryRow, Snapshot
from cjmap.history.rows import Mean
from cjmap.metrics.targets import MetricState
from cjmap.reporting.history.base import HistoryReporter

FORMAT = 1


def _means(means: Sequence[Mean]) -> list[dict[str, Any]]:
    return [{"id": m.id, "name": m.name,
             "mean": None if m.value is None else float(m.value)} for m in means]


def metric_json(state: MetricState) -> dict[str, Any]:
    return {"id": state.id, "name": state.name, "value": state.value,
            "target": state.target, "better": None if state.better is None else str(state.better),
            "unit": state.unit, "measured": state.measured, "status": str(state.status)}


def _figures(snap: Snapshot) -> dict[str, Any]:
    return {
        "map_id": snap.map_id,
        "title": snap.title,
        "reviewed": None if snap.reviewed is None else snap.reviewed.isoformat(),
        "touchpoints": snap.touchpoints,
        "pain_points": snap.pain_points,
        "opportunities": {str(status): n for status, n in snap.opportunities.items()},
        "pain_weight": float(snap.pain_weight),
        "coverage": float(snap.coverage),
        "emotion_scale": {"min": snap.scale[0], "max": snap.scale[1]},
        "stage_emotions": _means(snap.stages),
        "persona_emotions": _means(snap.personas),
        "metrics": [metric_json(m) for m in snap.metrics],
    }


def _version(row: HistoryRow) -> dict[str, Any]:
    v = row.version
    return {
        "commit": v.commit,
        "date": v.date,
        "subject": v.subject,
        "path": v.path,
        "problem": row.problem,
        "findings": [{"code": f.code, "severity": str(f.severity), "message": f.message,
                      "line": f.line, "column": f.column} for f in row.findings],
        "figures": None if row.snapshot is None else _figures(row.snapshot),
    }


class JsonReporter(HistoryReporter):
    def report(self, histories: Sequence[History]) -> None:
        document = {
            "format": FORMAT,
            "maps": [{"path": h.path, "shallow": h.shallow,
                      "versions": [_version(row) for row in h.rows]} for h in histories],
        }
        json.dump(document, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
