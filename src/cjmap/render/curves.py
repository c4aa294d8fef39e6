"""Curve geometry: cubic Bézier paths through points, split and crossed (pure)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from cjmap.render.scene import Point


def monotone_bezier(points: Sequence[Point]) -> tuple[Point, ...]:
    """Bézier control points of a monotone cubic through ``points`` (x increasing).

    Fritsch-Carlson tangents keep the curve between neighbouring values: it never
    overshoots a peak or crosses the neutral line between two points on one side.
    """
    n = len(points)
    if n < 2:
        return tuple(points)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    slopes = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(n - 1)]
    tangents = [slopes[0]] + [
        0.0 if slopes[i - 1] * slopes[i] <= 0 else (slopes[i - 1] + slopes[i]) / 2
        for i in range(1, n - 1)
    ] + [slopes[-1]]
    for i, slope in enumerate(slopes):
        if slope == 0:
            tangents[i] = tangents[i + 1] = 0.0
            continue
        a, b = tangents[i] / slope, tangents[i + 1] / slope
        norm = a * a + b * b
        if norm > 9:
            scale = 3 / math.sqrt(norm)
            tangents[i], tangents[i + 1] = scale * a * slope, scale * b * slope
    out: list[Point] = [points[0]]
    for i in range(n - 1):
        dx = (xs[i + 1] - xs[i]) / 3
        out += [(xs[i] + dx, ys[i] + tangents[i] * dx),
                (xs[i + 1] - dx, ys[i + 1] - tangents[i + 1] * dx), points[i + 1]]
    return tuple(out)


def pieces(path: Sequence[Point], most: int) -> list[tuple[Point, ...]]:
    """A Bézier path cut into paths of at most ``most`` pieces, each starting where the
    last ended (one path per part keeps every DOT ``pos`` string short)."""
    count = (len(path) - 1) // 3
    if count <= most:
        return [tuple(path)]
    return [tuple(path[3 * k: 3 * min(k + most, count) + 1]) for k in range(0, count, most)]


def polyline(points: Sequence[Point]) -> tuple[Point, ...]:
    """Straight segments as Bézier pieces (control points on the segment ends)."""
    out: list[Point] = [points[0]]
    for a, b in itertools.pairwise(points):
        out += [a, b, b]
    return tuple(out)


def split_bezier(p: Sequence[Point], t: float) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """De Casteljau: one cubic piece -> two pieces meeting at parameter ``t``."""
    def lerp(a: Point, b: Point) -> Point:
        return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)

    p01, p12, p23 = lerp(p[0], p[1]), lerp(p[1], p[2]), lerp(p[2], p[3])
    p012, p123 = lerp(p01, p12), lerp(p12, p23)
    mid = lerp(p012, p123)
    return (p[0], p01, p012, mid), (mid, p123, p23, p[3])


def _bezier_y(p: Sequence[Point], t: float) -> float:
    u = 1 - t
    return u * u * u * p[0][1] + 3 * u * u * t * p[1][1] + 3 * u * t * t * p[2][1] \
        + t * t * t * p[3][1]


def crossing(p: Sequence[Point], y: float) -> float:
    """Parameter where a piece that is monotone in y crosses height ``y`` (bisection)."""
    lo, hi = 0.0, 1.0
    rising = p[3][1] > p[0][1]
    for _ in range(40):
        mid = (lo + hi) / 2
        if (_bezier_y(p, mid) < y) == rising:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2
