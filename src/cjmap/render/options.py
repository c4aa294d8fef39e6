"""What the user chose: persona, lanes and theme."""

from __future__ import annotations

from dataclasses import dataclass

from cjmap.render.lanes import DEFAULT_LANES
from cjmap.render.themes import LIGHT, Theme


@dataclass(frozen=True, slots=True)
class RenderOptions:
    persona: str | None = None
    lanes: tuple[str, ...] = DEFAULT_LANES
    theme: Theme = LIGHT
