"""The trend chart of a map's history (``cjmap history MAP --chart FILE``), via matplotlib.

Three kinds of panel share one time axis: coverage and total pain weight; mean emotion per
stage on the map's emotion scale with its neutral line; and one panel per metric with its
target drawn as a dashed line and the direction that is better in the title. Series differ
in line style and marker as well as colour, so the chart reads in greyscale. A version
that does not load leaves a gap in every line.

The output is the same bytes for the same history: the Agg backend, a font shipped with
matplotlib, a fixed ``svg.hashsalt`` and no dates or software names in the metadata.
matplotlib is imported only here, and only when a chart is asked for.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from cjmap.errors import EnvironmentProblem
from cjmap.history import History, Snapshot
from cjmap.metrics.targets import MetricState
from cjmap.output import atomic_write_bytes
from cjmap.reporting.history.base import direction
from cjmap.terminal import printable

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

STYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
# Okabe-Ito: distinguishable with colour-blindness; styles and markers carry the rest.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
           "#F0E442")
METRIC_COLUMNS = 2
RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.hashsalt": "cjmap",
    # Text stays text in SVG: searchable, selectable, and what tests and screen readers read.
    "svg.fonttype": "none",
    "path.simplify": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Map text is text: "$" is a dollar, not TeX (an odd "$\\frac{$" was an exit 3).
    "text.parse_math": False,
}
METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    "png": {"Software": None},
}


def _style(i: int) -> dict[str, Any]:
    return {"linestyle": STYLES[i % len(STYLES)], "marker": MARKERS[i % len(MARKERS)],
            "color": COLOURS[i % len(COLOURS)], "linewidth": 1.6, "markersize": 5}


def _dates(history: History) -> list[float]:
    """matplotlib's date numbers (days since its epoch) of the versions' commit times."""
    from matplotlib.dates import date2num

    stamps = [dt.datetime.fromisoformat(row.version.date) for row in history.rows]
    return [float(x) for x in date2num(stamps)]  # type: ignore[no-untyped-call]


def _series(history: History, pick: Any) -> list[float]:
    """One value per version (NaN where the version does not load or lacks it)."""
    values = []
    for row in history.rows:
        value = None if row.snapshot is None else pick(row.snapshot)
        values.append(math.nan if value is None else float(value))
    return values


def _ids(history: History, part: str) -> list[tuple[str, str]]:
    from cjmap.reporting.history.base import union_ids

    # Control characters escaped (printable): XML cannot hold them, so an SVG with one
    # would not open at all.
    return [(key, printable(name))
            for key, name in union_ids((snap for _, snap in history.loaded()), part)]


def _coverage_panel(ax: Axes, history: History, dates: list[float]) -> None:
    coverage = _series(history, lambda s: s.coverage * 100)
    weight = _series(history, lambda s: s.pain_weight)
    ax.plot(dates, coverage, label="Coverage (%)", gid="coverage", **_style(0))
    ax.set_ylim(-5, 105)
    ax.set_ylabel("Coverage (%)")
    ax.set_title("Coverage of pain by opportunities, and total pain weight", loc="left")
    right = ax.twinx()
    right.spines["right"].set_visible(True)
    right.spines["top"].set_visible(False)
    right.plot(dates, weight, label="Total pain weight (Σ severity × frequency)",
               gid="pain-weight", **_style(1))
    right.set_ylabel("Total pain weight")
    # A map with no pain at all weighs 0 throughout: the axis still goes up from 0
    # (bottom == top would make matplotlib warn and draw negative weights).
    heaviest = max((w for w in weight if not math.isnan(w)), default=0.0)
    right.set_ylim(bottom=0, top=(heaviest or 1) * 1.15)
    lines = ax.get_lines() + right.get_lines()
    ax.legend(lines, [str(line.get_label()) for line in lines], loc="lower left",
              fontsize=8, frameon=False)


def _emotion_panel(ax: Axes, history: History, dates: list[float]) -> None:
    loaded = history.loaded()
    low, high = loaded[-1][1].scale if loaded else (-2, 2)
    neutral = (low + high) / 2
    ax.axhline(neutral, color="#555555", linewidth=1, linestyle=(0, (1, 2)), zorder=0,
               gid="neutral")
    ax.annotate("neutral", (1, neutral), xycoords=("axes fraction", "data"),
                xytext=(2, 0), textcoords="offset points", va="center", fontsize=8,
                color="#555555")
    for i, (stage_id, name) in enumerate(_ids(history, "stages")):
        values = _series(history, lambda s, sid=stage_id: _mean_of(s, sid))
        ax.plot(dates, values, label=name, gid=f"stage-emotion--{stage_id}", **_style(i))
    ax.set_ylim(low - 0.3, high + 0.3)
    ax.set_yticks(range(low, high + 1))
    ax.set_ylabel(f"Mean emotion ({low}..{high})")
    ax.set_title("Mean emotion per stage", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.06, 1), fontsize=8, frameon=False)


def _mean_of(snap: Snapshot, stage_id: str) -> float | None:
    for mean in snap.stages:
        if mean.id == stage_id:
            return None if mean.value is None else float(mean.value)
    return None


def _metric_of(snap: Snapshot, metric_id: str) -> MetricState | None:
    return next((m for m in snap.metrics if m.id == metric_id), None)


def _metric_panel(ax: Axes, history: History, dates: list[float], metric_id: str,
                  name: str) -> None:
    values = _series(history, lambda s: getattr(_metric_of(s, metric_id), "value", None))
    targets = _series(history, lambda s: getattr(_metric_of(s, metric_id), "target", None))
    latest = next((m for _, s in reversed(history.loaded())
                   if (m := _metric_of(s, metric_id)) is not None), None)
    better = direction(latest.better if latest else None)
    unit = f" ({printable(latest.unit)})" if latest is not None and latest.unit else ""
    # A target holds until it is changed (a version that does not load changes nothing).
    targets = _carried(targets)
    ax.plot(dates, values, label="value", gid=f"metric--{metric_id}", **_style(0))
    _limits(ax, values + targets)
    ax.step(dates, targets, where="post", label="target", gid=f"target--{metric_id}",
            color="#333333", linestyle="--", linewidth=1.2, marker="_", markersize=10)
    if latest is not None and latest.better is not None:
        _shade_better_side(ax, dates, targets, higher=latest.better == "higher")
    ax.set_title(f"{name}{unit}: {better}", loc="left", fontsize=9)
    ax.legend(loc="best", fontsize=7, frameon=False)


def _carried(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in values:
        out.append(out[-1] if math.isnan(value) and out else value)
    return out


def _limits(ax: Axes, values: list[float]) -> None:
    """Room around the values and the target, so the better side of the target shows."""
    known = [v for v in values if not math.isnan(v)]
    if not known:
        return
    low, high = min(known), max(known)
    pad = (high - low) * 0.25 or abs(high) * 0.1 or 1.0
    ax.set_ylim(low - pad, high + pad)


def _shade_better_side(ax: Axes, dates: list[float], targets: list[float], *,
                       higher: bool) -> None:
    """Tint the side of the target line that is better, so direction shows at a glance."""
    known = [t for t in targets if not math.isnan(t)]
    if not known:
        return
    low, high = ax.get_ylim()
    edge = high if higher else low
    ax.fill_between(dates, targets, [edge] * len(dates), step="post", color="#000000",
                    alpha=0.06, linewidth=0, label="better side")
    ax.set_ylim(low, high)


def _time_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def draw(history: History) -> Figure:
    """The figure of one map's history (not yet saved)."""
    from matplotlib.figure import Figure

    dates = _dates(history)
    metrics = _ids(history, "metrics")
    metric_rows = math.ceil(len(metrics) / METRIC_COLUMNS)
    figure = Figure(figsize=(11, 6.4 + 2.4 * metric_rows), layout="constrained")
    grid = figure.add_gridspec(2 + metric_rows, METRIC_COLUMNS,
                               height_ratios=[3, 3] + [2] * metric_rows)
    title = printable(history.loaded()[-1][1].title if history.loaded() else history.path)
    figure.suptitle(f"{title}: {len(history.rows)} versions in git", fontsize=12,
                    x=0.01, ha="left", fontweight="bold")
    panels: list[Axes] = [figure.add_subplot(grid[0, :]), figure.add_subplot(grid[1, :])]
    _coverage_panel(panels[0], history, dates)
    _emotion_panel(panels[1], history, dates)
    for i, (metric_id, name) in enumerate(metrics):
        ax = figure.add_subplot(grid[2 + i // METRIC_COLUMNS, i % METRIC_COLUMNS],
                                sharex=panels[0])
        _metric_panel(ax, history, dates, metric_id, name)
        panels.append(ax)
    failed = [date for date, row in zip(dates, history.rows, strict=True) if not row.ok]
    for ax in panels:
        _time_axis(ax)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        for date in failed:
            ax.axvline(date, color="#999999", linewidth=1, linestyle=(0, (2, 2)), zorder=0)
    for date in failed:
        panels[0].annotate("does not load", (date, 1), xycoords=("data", "axes fraction"),
                           xytext=(3, -3), textcoords="offset points", va="top",
                           fontsize=7, color="#555555")
    return figure


def require_matplotlib(option: str = "--chart") -> ModuleType:
    """matplotlib, or an exit-2 error saying that ``option`` needs it and how to get it."""
    try:
        import matplotlib
    except ImportError:
        raise EnvironmentProblem(f"{option} needs matplotlib: pip install 'cjmap[chart]'") \
            from None
    return matplotlib


def render_chart(history: History, file_format: str, *, option: str = "--chart") -> bytes:
    """The chart as SVG, PNG or PDF bytes; the same history gives the same bytes.

    ``option`` is what asked for it, named in the error when matplotlib is missing."""
    matplotlib = require_matplotlib(option)
    matplotlib.use("Agg", force=False)
    with matplotlib.rc_context(cast(Any, RC)), warnings.catch_warnings():
        # A character the font lacks (an emoji) is drawn as a box; matplotlib's warning
        # about it would print Python source lines to the user's terminal.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure = draw(history)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=file_format, metadata=METADATA[file_format], dpi=110)
    return buffer.getvalue()


def write_chart(history: History, target: Path, inputs: Sequence[str] | Iterable[str] = ()
                ) -> None:
    """Draw the chart to ``target`` (format from its suffix), atomically."""
    file_format = target.suffix.lower().lstrip(".")
    atomic_write_bytes(target, render_chart(history, file_format), inputs)
