"""The metrics lane: each metric measured at a touchpoint, against its target."""

from __future__ import annotations

from cjmap.model import Metric, Touchpoint
from cjmap.render.context import Column, Context
from cjmap.render.geometry import COL_W, PAD, SMALL_LH, SMALL_SIZE
from cjmap.render.lanes.base import fmt_number, touchpoint_lane
from cjmap.render.sketch import Sketch, para
from cjmap.render.text import clean


def fmt_metric(value: float, unit: str | None) -> str:
    if unit and unit.strip().lower() in ("ratio", "share", "fraction"):
        return f"{fmt_number(round(value * 100, 1))}%"
    if unit and unit.strip() in ("%", "percent"):
        return f"{fmt_number(value)}%"
    return fmt_number(value) + (f" {clean(unit)}" if unit else "")


def meets(metric: Metric) -> bool | None:
    """Whether the metric is at or better than its target (None: cannot tell)."""
    if metric.value is None or metric.target is None or metric.better is None:
        return None
    if metric.better.value == "higher":
        return metric.value >= metric.target
    return metric.value <= metric.target


def _figure(metric: Metric, value: float) -> str:
    figure = fmt_metric(value, metric.unit)
    if metric.target is not None:
        target = fmt_metric(metric.target, metric.unit)
        unit = f" {clean(metric.unit)}" if metric.unit else ""
        if unit and figure.endswith(unit):
            figure = figure[: -len(unit)]
        figure += f" \u2192 target {target}"
    return figure


def cell(context: Context, column: Column, touchpoint: Touchpoint, y: float,
         sketch: Sketch) -> float:
    th = context.theme
    top = y
    inner = COL_W - 2 * PAD
    for metric_id in touchpoint.metrics:
        metric = context.metrics.get(metric_id)
        if metric is None:
            continue
        lines = para(metric.name, inner, SMALL_SIZE, SMALL_LH, th.text, bold=True)
        if metric.value is not None:
            met = meets(metric)
            color = th.muted if met is None else th.good if met else th.bad
            lines += para(_figure(metric, metric.value), inner, SMALL_SIZE, SMALL_LH, color)
        y += sketch.text(f"metric:{column.key}:{metric_id}", "metric", column.x + PAD, y,
                         inner, lines) + 4
    return max(0.0, y - top - 4)


LANE = touchpoint_lane("metrics", "Metrics", "measured here", ("metric",), cell,
                      default=False)
