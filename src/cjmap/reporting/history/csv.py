"""CSV for spreadsheets: one row per version, oldest first, one column per figure.

Stages, personas and metrics each get columns named after their ids (``emotion:ID``,
``persona:ID``, ``metric:ID``, ``target:ID``, ``status:ID``) over every id any version
has; a cell is empty where a version does not have it. A version that does not load has
its ``problem`` and empty figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from cjmap.history import History, HistoryRow, Snapshot
from cjmap.model import Status
from cjmap.reporting.cells import CsvCell as Cell
from cjmap.reporting.cells import CsvWriter
from cjmap.reporting.history.base import HistoryReporter, union_ids

FIXED = ("map", "commit", "date", "subject", "path", "problem", "reviewed", "touchpoints",
         "pain_points", *(f"opportunities:{s}" for s in Status), "pain_weight", "coverage")

def _fixed(history: History, row: HistoryRow) -> list[Cell]:
    v = row.version
    cells: list[Cell] = [history.path, v.commit, v.date, v.subject, v.path, row.problem]
    snap = row.snapshot
    if snap is None:
        return cells + [None] * (len(FIXED) - len(cells))
    return [*cells, None if snap.reviewed is None else snap.reviewed.isoformat(),
            snap.touchpoints, snap.pain_points, *(snap.opportunities[s] for s in Status),
            float(snap.pain_weight), float(snap.coverage)]


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _variable(snap: Snapshot | None, stages: list[str], personas: list[str],
              metrics: list[str]) -> list[Cell]:
    if snap is None:
        return [None] * (len(stages) + len(personas) + 3 * len(metrics))
    stage = {m.id: m.value for m in snap.stages}
    persona = {m.id: m.value for m in snap.personas}
    metric = {m.id: m for m in snap.metrics}
    cells: list[Cell] = []
    for ids, means in ((stages, stage), (personas, persona)):
        cells += [_float(means.get(i)) for i in ids]
    for i in metrics:
        state = metric.get(i)
        cells += ([state.value, state.target, str(state.status)] if state is not None
                  else [None, None, None])
    return cells


class CsvReporter(HistoryReporter):
    def report(self, histories: Sequence[History]) -> None:
        snaps = [snap for h in histories for _, snap in h.loaded()]
        stages = [i for i, _ in union_ids(snaps, "stages")]
        personas = [i for i, _ in union_ids(snaps, "personas")]
        metrics = [i for i, _ in union_ids(snaps, "metrics")]
        writer = CsvWriter(self.stream)
        writer.writerow([*FIXED, *(f"emotion:{i}" for i in stages),
                         *(f"persona:{i}" for i in personas),
                         *(f"{what}:{i}" for i in metrics
                           for what in ("metric", "target", "status"))])
        for history in histories:
            for row in history.rows:
                writer.writerow(_fixed(history, row)
                                + _variable(row.snapshot, stages, personas, metrics))
