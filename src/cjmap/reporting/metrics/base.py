"""The metrics-list reporter interface and the cells the human formats share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjmap.metrics.targets import MetricState
from cjmap.reporting.base import Reporter
from cjmap.reporting.history.base import NONE, target_text, value_text

HEADERS = ("Map", "Metric", "Name", "Value", "Target", "Measured", "Standing")


@dataclass(frozen=True, slots=True)
class MetricRow:
    path: str
    map_id: str
    state: MetricState


MetricsReporter = Reporter[Sequence[MetricRow]]


def cells(row: MetricRow) -> tuple[str, ...]:
    s = row.state
    unit = f" {s.unit}" if s.unit and s.value is not None else ""
    return (row.map_id, s.id, s.name, value_text(s.value) + unit, target_text(s),
            s.measured or NONE, str(s.status))


def headers(rows: Sequence[MetricRow]) -> tuple[str, ...]:
    """The Map column only when the rows come from more than one map."""
    return HEADERS if len({r.path for r in rows}) > 1 else HEADERS[1:]


def row_cells(row: MetricRow, shown: tuple[str, ...]) -> tuple[str, ...]:
    return cells(row)[len(HEADERS) - len(shown):]
