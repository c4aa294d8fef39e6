"""What the user chose: persona, lanes and theme."""

from __future__ import annotations

from dataclasses import dataclass

from cjmap.errors import UsageError
from cjmap.render.context import DEFAULT_MAX_TOUCHPOINTS, ENV_MAX_TOUCHPOINTS
from cjmap.render.lanes import DEFAULT_LANES
from cjmap.render.themes import LIGHT, Theme


@dataclass(frozen=True, slots=True)
class RenderOptions:
    persona: str | None = None
    lanes: tuple[str, ...] = DEFAULT_LANES
    theme: Theme = LIGHT
    max_touchpoints: int = DEFAULT_MAX_TOUCHPOINTS


def max_touchpoints(value: str | None) -> int:
    """The limit from the environment variable's ``value`` (None or empty: the default)."""
    if value is None or not value.strip():
        return DEFAULT_MAX_TOUCHPOINTS
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if limit < 1:
        raise UsageError(f"{ENV_MAX_TOUCHPOINTS}={value!r}: give the most touchpoints a "
                         f"picture may draw, a whole number above 0 "
                         f"(default {DEFAULT_MAX_TOUCHPOINTS:,})")
    return limit


__all__ = ["DEFAULT_MAX_TOUCHPOINTS", "ENV_MAX_TOUCHPOINTS", "RenderOptions", "max_touchpoints"]
