"""The history-reporter interface and the tables that the human formats share.

Numbers are rounded for people as ``cjmap score`` rounds them (:func:`num`); JSON and CSV
carry full floats.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from cjmap.history import History, HistoryRow, Snapshot
from cjmap.history.rows import Mean
from cjmap.metrics.targets import MetricState
from cjmap.model import Better, Status
from cjmap.reporting.base import Reporter
from cjmap.reporting.grid import Grid
from cjmap.reporting.text import num, percent, plural
from cjmap.score import exact

NONE = "–"


HistoryReporter = Reporter[Sequence[History]]


def short(commit: str) -> str:
    return commit[:7]


def day(date: str) -> str:
    """``2026-03-01T10:00:00+00:00`` -> ``2026-03-01`` (the committer's own calendar day)."""
    return date[:10]


def opportunity_text(counts: dict[Status, int]) -> str:
    """``2 idea, 1 done``: the statuses that have any, in the format's order."""
    parts = [f"{n} {status}" for status, n in counts.items() if n]
    return ", ".join(parts) if parts else "none"


def maybe(value: object) -> str:
    return NONE if value is None else str(value)


def value_text(value: float | None) -> str:
    return NONE if value is None else num(exact(value))


_SIGN = {Better.HIGHER: "≥ ", Better.LOWER: "≤ "}
_DIRECTION = {Better.HIGHER: "higher is better", Better.LOWER: "lower is better"}


def direction(better: Better | None) -> str:
    return _DIRECTION[better] if better is not None else "direction not stated"


def target_text(state: MetricState) -> str:
    """``≥ 4.5`` (higher is better), ``≤ 0.55`` (lower is better), ``4.5``, or ``–``."""
    if state.target is None:
        return NONE
    sign = _SIGN[state.better] if state.better is not None else ""
    return sign + value_text(state.target)


def _parts(snap: Snapshot, part: str) -> Sequence[Mean | MetricState]:
    if part == "metrics":
        return snap.metrics
    return snap.stages if part == "stages" else snap.personas


def union_ids(snapshots: Iterable[Snapshot], part: str) -> list[tuple[str, str]]:
    """(id, name) of every stage, persona or metric in any version, by first appearance
    from the newest version back (so the current order leads)."""
    seen: dict[str, str] = {}
    for snap in reversed(list(snapshots)):
        for item in _parts(snap, part):
            seen.setdefault(item.id, item.name)
    return list(seen.items())


def _version_cells(row: HistoryRow) -> tuple[str, str]:
    return short(row.version.commit), day(row.version.date)


def versions_grid(history: History) -> Grid:
    rows = []
    for row in history.rows:
        snap = row.snapshot
        if snap is None:
            problem = "does not load (below)" if row.findings else str(row.problem)
            rows.append((*_version_cells(row), NONE, NONE, NONE, NONE, NONE, problem))
            continue
        rows.append((*_version_cells(row), maybe(snap.reviewed), str(snap.touchpoints),
                     str(snap.pain_points), num(snap.pain_weight), percent(snap.coverage),
                     opportunity_text(snap.opportunities)))
    return Grid("Versions (oldest first)",
                ("Commit", "Date", "Reviewed", "Touchpoints", "Pain points", "Pain weight",
                 "Coverage", "Opportunities"),
                tuple(rows), frozenset({3, 4, 5, 6}), "No versions.")


def _mean_text(value: Fraction | None) -> str:
    return NONE if value is None else num(value)


def _means_grid(history: History, part: str, title: str) -> Grid:
    loaded = history.loaded()
    ids = union_ids((snap for _, snap in loaded), part)
    rows = []
    for row, snap in loaded:
        means = {m.id: m.value for m in _parts(snap, part) if isinstance(m, Mean)}
        rows.append((*_version_cells(row),
                     *(_mean_text(means.get(i)) for i, _ in ids)))
    scale = f" (scale {loaded[-1][1].scale[0]}..{loaded[-1][1].scale[1]})" if loaded else ""
    return Grid(title + scale, ("Commit", "Date", *(i for i, _ in ids)),
                tuple(rows) if ids else (), frozenset(range(2, 2 + len(ids))), "None.")


def stage_grid(history: History) -> Grid:
    return _means_grid(history, "stages", "Mean emotion by stage")


def persona_grid(history: History) -> Grid:
    return _means_grid(history, "personas", "Mean emotion by persona")


def metric_grid(history: History) -> Grid:
    """One row per metric of each version: a long table stays readable at any count."""
    rows = []
    for row, snap in history.loaded():
        for state in snap.metrics:
            rows.append((*_version_cells(row), state.id, value_text(state.value),
                         target_text(state), str(state.status)))
    return Grid("Metrics against their targets",
                ("Commit", "Date", "Metric", "Value", "Target", "Standing"), tuple(rows),
                frozenset({3, 4}), "No metrics.")


def grids(history: History) -> list[Grid]:
    return [versions_grid(history), stage_grid(history), persona_grid(history),
            metric_grid(history)]


def problem_lines(history: History) -> list[str]:
    """Each version that does not load, with the findings that say why."""
    out = []
    for row in history.rows:
        if row.snapshot is None:
            where = f"{short(row.version.commit)} {day(row.version.date)} {row.version.path}"
            if not row.findings:
                out.append(f"{where}: {row.problem}")
                continue
            out.append(f"{where}:")
            out.extend(f"    {f.concise}" for f in row.findings)
    return out


def shallow_line(history: History) -> str | None:
    if not history.shallow:
        return None
    return ("This repository is a shallow clone: versions older than the ones shown are "
            "not in it (git fetch --unshallow brings them).")


def summary_line(history: History) -> str:
    loaded = len(history.loaded())
    total = len(history.rows)
    failed = total - loaded
    text = f"{plural(total, 'version')} of {history.path}"
    if failed:
        text += f", {failed} of which do{'es' if failed == 1 else ''} not load"
    return text

