"""Where a metric stands against its target (docs/history.md, "Metrics").

A metric is *on target* when its value is at or beyond the target in the direction that
``better`` names (``higher``: value ≥ target; ``lower``: value ≤ target) and *off target*
otherwise. Without a value, a target or a direction nothing can be said, and the status
says which of them is missing rather than guessing a direction from the metric's kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from cjmap.model import Better, Metric


class TargetStatus(StrEnum):
    ON_TARGET = "on target"
    OFF_TARGET = "off target"
    NO_TARGET = "no target"
    NO_VALUE = "no value"
    NO_DIRECTION = "no direction"


@dataclass(frozen=True, slots=True)
class MetricState:
    """One metric as a map states it, with its standing against the target."""

    id: str
    name: str
    value: float | None
    target: float | None
    better: Better | None
    unit: str | None
    measured: str | None
    """ISO date the value was measured, when the map says."""
    status: TargetStatus


def target_status(value: float | None, target: float | None,
                  better: Better | None) -> TargetStatus:
    if target is None:
        return TargetStatus.NO_TARGET
    if value is None:
        return TargetStatus.NO_VALUE
    if better is None:
        return TargetStatus.NO_DIRECTION
    reached = value >= target if better is Better.HIGHER else value <= target
    return TargetStatus.ON_TARGET if reached else TargetStatus.OFF_TARGET


def metric_state(metric: Metric) -> MetricState:
    measured = metric.measured
    return MetricState(
        id=metric.id, name=metric.name, value=metric.value, target=metric.target,
        better=metric.better, unit=metric.unit,
        measured=measured.isoformat() if measured is not None else None,
        status=target_status(metric.value, metric.target, metric.better))


def metric_states(metrics: Sequence[Metric]) -> tuple[MetricState, ...]:
    return tuple(metric_state(m) for m in metrics)
