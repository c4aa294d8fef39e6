"""The lane registry: every lane the picture can have, in its default order.

To add a lane, write a module here with a ``LANE`` (see ``base.py`` and
docs/architecture.md, "How to add a lane") and list it in ``REGISTRY``; the
``--lanes`` choices, their help and their validation all come from this list.
"""

from __future__ import annotations

from collections.abc import Sequence

from cjmap.errors import UsageError
from cjmap.render.lanes import (
    actions,
    backstage,
    emotion,
    metrics,
    opportunities,
    pains,
    thoughts,
    touchpoints,
)
from cjmap.render.lanes.base import Lane

REGISTRY: tuple[Lane, ...] = (
    touchpoints.LANE,
    actions.LANE,
    thoughts.LANE,
    emotion.LANE,
    pains.LANE,
    opportunities.LANE,
    backstage.LANE,
    metrics.LANE,
)
BY_NAME: dict[str, Lane] = {lane.name: lane for lane in REGISTRY}
LANES: tuple[str, ...] = tuple(lane.name for lane in REGISTRY)
DEFAULT_LANES: tuple[str, ...] = tuple(lane.name for lane in REGISTRY if lane.default)
LANE_TITLES: dict[str, tuple[str, str]] = {
    lane.name: (lane.title, lane.subtitle) for lane in REGISTRY}
_ALIASES: dict[str, str] = {alias: lane.name for lane in REGISTRY for alias in lane.aliases}


def lanes_help() -> str:
    """The lanes a user may choose, for the command's help."""
    return (f"Comma-separated lanes, in order: {', '.join(LANES)} "
            f"[default: {', '.join(DEFAULT_LANES)}].")


def parse_lanes(spec: str | Sequence[str] | None) -> tuple[str, ...]:
    """``"emotion,pains"`` -> ``("emotion", "pains")``; unknown or repeated lanes are errors.

    The messages name no option: the command says which option the lanes came from.
    """
    if spec is None:
        return DEFAULT_LANES
    parts = spec.split(",") if isinstance(spec, str) else list(spec)
    chosen: list[str] = []
    for part in parts:
        name = part.strip().lower()
        if not name:
            continue
        name = _ALIASES.get(name, name)
        if name not in BY_NAME:
            raise UsageError(f"unknown lane {part.strip()!r}; choose from {', '.join(LANES)}")
        if name in chosen:
            raise UsageError(f"lane {name!r} is listed twice")
        chosen.append(name)
    if not chosen:
        raise UsageError(f"no lane given; choose from {', '.join(LANES)}")
    return tuple(chosen)


__all__ = ["BY_NAME", "DEFAULT_LANES", "LANES", "LANE_TITLES", "REGISTRY", "Lane",
           "lanes_help", "parse_lanes"]
