"""The backstage lane: what happens behind the scenes at each touchpoint."""

from __future__ import annotations

from cjmap.render.lanes.base import bullet_lane

LANE = bullet_lane("backstage", "Backstage", "behind the scenes", (), "backstage",
                   lambda touchpoint: touchpoint.backstage, lambda theme: theme.muted,
                   default=False)
