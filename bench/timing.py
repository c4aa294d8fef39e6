"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence


def best_seconds(func: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` runs of ``func``, in seconds (the least disturbed by
    other work on the machine)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


class Clock:
    """Wall-clock and CPU time of each phase of a run, in milliseconds: ``lap(name)``
    ends the phase ``name`` (the phase tables of bench/lint_phases.py and
    bench/render_phases.py)."""

    def __init__(self) -> None:
        self.times: dict[str, tuple[float, float]] = {}
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.times[name] = ((wall - self.wall) * 1000, (cpu - self.cpu) * 1000)
        self.wall, self.cpu = wall, cpu


def median_rows(samples: Sequence[dict[str, list[float]]],
                phases: Sequence[tuple[str, str]], heading: str, width: int) -> list[str]:
    """Rows of a table: the median wall-clock and CPU milliseconds of each phase over
    ``samples`` (one ``Clock.times`` of each fresh process), and their sum."""
    rows = [f"{heading:<{width + 2}} wall ms  CPU ms"]
    total_wall = total_cpu = 0.0
    for key, label in phases:
        wall = statistics.median(s[key][0] for s in samples)
        cpu = statistics.median(s[key][1] for s in samples)
        total_wall, total_cpu = total_wall + wall, total_cpu + cpu
        rows.append(f"  {label:<{width}} {wall:7.1f} {cpu:7.1f}")
    rows.append(f"  {'sum of the medians':<{width}} {total_wall:7.1f} {total_cpu:7.1f}")
    return rows
