"""The order changes are reported in: journey order, then what happened (docs/diff.md).

Each change gets a :class:`SortKey`. ``place`` says where in the journey: at the new
version's item (its ordinal in the walk), or, for an item removed, right after the
last item before it in the old version that is still there. ``phase`` orders what
happened to one item; ``rank`` and ``name`` order its fields.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class Phase(IntEnum):
    """What happened to an item, in the order it is reported."""

    ITEM = 0  # added, removed or renamed
    MOVED = 1  # to another parent
    FIELD = 2  # one of its fields changed
    EXTENSION = 3  # one of its x- keys changed
    ORDER = 4  # the order of the items in one of its lists changed


class Place(NamedTuple):
    """Where a change sits in the journey.

    ``anchor`` is the new version's ordinal of the item (-1: the map itself).
    ``after_removal`` is 1 for a removed item, which sits after the item at ``anchor``
    (the last one before it in the old version that is still there), in the order of
    ``old_ordinal`` among other removed items there.
    """

    anchor: int
    after_removal: int = 0
    old_ordinal: int = 0


MAP_PLACE = Place(-1)


def at_item(ordinal: int) -> Place:
    return Place(ordinal)


def after(anchor: int, old_ordinal: int) -> Place:
    """The place of an item removed since the old version."""
    return Place(anchor, 1, old_ordinal)


class SortKey(NamedTuple):
    place: Place
    phase: Phase
    rank: int = 0  # the field's position in its model
    name: str = ""  # a persona or an x- key, for fields with several changes
