"""The actions lane: what the customer does at each touchpoint, as a bulleted list."""

from __future__ import annotations

from cjmap.render.lanes.base import bullet_lane

LANE = bullet_lane("actions", "Actions", "what they do", ("action", "doing"), "action",
                   lambda touchpoint: touchpoint.actions, lambda theme: theme.text)
