"""What a diff finds: changes, highlights and the result holding both (docs/diff.md).

Plain records, no JSON shape (that is ``jsonshape``) and no comparing (``compare``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cjmap.model import JourneyMap, Kind
from cjmap.source import SourceMap

JsonValue = Any
# The item kind of a change to the map's own fields; the others are the model's Kind values.
MAP = "map"


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"
    RENAMED = "renamed"


class HighlightKind(StrEnum):
    EMOTION_RISE = "emotion-rise"
    EMOTION_DROP = "emotion-drop"
    PAIN_NEW = "pain-new"
    PAIN_RESOLVED = "pain-resolved"
    PAIN_SEVERITY = "pain-severity"
    OPPORTUNITY_STATUS = "opportunity-status"
    METRIC_VALUE = "metric-value"


@dataclass(frozen=True, slots=True)
class Side:
    """One version of a map: the model (None for a file that does not exist on this
    side, e.g. a map added since the base revision), its source and a label."""

    journey: JourneyMap | None
    source: SourceMap
    label: str


@dataclass(frozen=True, slots=True)
class Change:
    """One difference.

    ``path`` is where the change is in the new version (in the old one for a removal),
    like ``stages[consideration].touchpoints[product-page].emotion``; ``old_path`` is
    set when the item was elsewhere before (moved, renamed). ``field`` is the part of
    the path after the item (``emotion[busy-parent]``), None for whole-item changes.
    ``item_kind`` is a :class:`~cjmap.model.Kind` value or :data:`MAP`.
    Lines are 1-based, None where the version has no such item.
    """

    kind: ChangeKind
    item_kind: str
    item_id: str | None
    path: str
    field: str | None = None
    old: JsonValue = None
    new: JsonValue = None
    old_path: str | None = None
    old_line: int | None = None
    new_line: int | None = None


@dataclass(frozen=True, slots=True)
class Highlight:
    """Something a reviewer wants to see first, with the numbers behind it.

    ``delta`` is new - old for emotions, severities and metric values. For metrics,
    ``verdict`` is ``better`` or ``worse`` (judged by ``better`` or, without it, by the
    distance to ``target``) and ``met_target`` whether the new value reaches the target.
    """

    kind: HighlightKind
    item_kind: str
    item_id: str
    path: str
    title: str
    persona: str | None = None
    old: JsonValue = None
    new: JsonValue = None
    delta: int | float | None = None
    target: float | None = None
    better: str | None = None
    verdict: str | None = None
    met_target: bool | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class DiffResult:
    old_label: str
    new_label: str
    old_map_id: str | None
    new_map_id: str | None
    changes: tuple[Change, ...]
    highlights: tuple[Highlight, ...]
    # For a library: the maps that use it (docs/portfolio.md), when the diff knows them.
    used_by: tuple[str, ...] = ()

    @property
    def identical(self) -> bool:
        return not self.changes

    def counts(self) -> dict[ChangeKind, int]:
        """Changes by kind, every kind present (zero when none)."""
        counts = dict.fromkeys(ChangeKind, 0)
        for change in self.changes:
            counts[change.kind] += 1
        return counts

    def item_counts(self) -> dict[str, dict[ChangeKind, int]]:
        """Per item kind: items added, removed, renamed, moved, and items changed (an item
        with three changed fields counts once). Only kinds with changes are present."""
        table: dict[str, dict[ChangeKind, int]] = {}
        changed: set[tuple[str, str | None, str]] = set()
        for c in self.changes:
            row = table.setdefault(c.item_kind, dict.fromkeys(ChangeKind, 0))
            if c.kind is ChangeKind.CHANGED:
                key = (c.item_kind, c.item_id, c.path.rsplit(".", 1)[0] if c.field else c.path)
                if key in changed:
                    continue
                changed.add(key)
            row[c.kind] += 1
        order = [MAP, *(kind.value for kind in Kind)]
        return {k: table[k] for k in order if k in table}
