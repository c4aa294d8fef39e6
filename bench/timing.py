"""Timing helper shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_seconds(func: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` runs of ``func``, in seconds (the least disturbed by
    other work on the machine)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best
