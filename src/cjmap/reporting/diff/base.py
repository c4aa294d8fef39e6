"""What every diff format shares: the report being written and how values read."""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from typing import Any

from cjmap.diff import Change, ChangeKind, DiffResult, Highlight, HighlightKind
from cjmap.reporting.base import Reporter
from cjmap.reporting.text import number, plural, signed


@dataclass(frozen=True, slots=True)
class DiffReport:
    """One diff (``cjmap diff OLD NEW``) or the diffs of every changed map (``--git``).

    ``base`` is the revision given to ``--git``, None for a single diff.
    """

    results: tuple[DiffResult, ...]
    base: str | None = None

    @property
    def identical(self) -> bool:
        return all(r.identical for r in self.results)


DiffReporter = Reporter[DiffReport]


KIND_ORDER = (ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.CHANGED, ChangeKind.MOVED,
              ChangeKind.RENAMED)

HIGHLIGHT_GROUPS: tuple[tuple[str, tuple[HighlightKind, ...]], ...] = (
    ("Emotion", (HighlightKind.EMOTION_RISE, HighlightKind.EMOTION_DROP)),
    ("Pain points", (HighlightKind.PAIN_NEW, HighlightKind.PAIN_RESOLVED,
                     HighlightKind.PAIN_SEVERITY)),
    ("Opportunities", (HighlightKind.OPPORTUNITY_STATUS,)),
    ("Metrics", (HighlightKind.METRIC_VALUE,)),
)


def grouped(highlights: tuple[Highlight, ...]) -> list[tuple[str, list[Highlight]]]:
    groups = []
    for title, kinds in HIGHLIGHT_GROUPS:
        members = [h for h in highlights if h.kind in kinds]
        if members:
            groups.append((title, members))
    return groups


def value(v: Any) -> str:
    """A value as a reviewer reads it: JSON, so texts are quoted and lists bracketed."""
    if v is None:
        return "(none)"
    if isinstance(v, float):
        return number(v)
    return json.dumps(v, ensure_ascii=False)


def summary(result: DiffResult) -> str:
    """``5 changes: 1 added, 1 removed, 2 changed, 1 moved`` or ``no changes``."""
    if result.identical:
        return "no changes"
    counts = result.counts()
    total = len(result.changes)
    parts = [f"{counts[k]} {k.value}" for k in KIND_ORDER if counts[k]]
    return f"{plural(total, 'change')}: {', '.join(parts)}"


def highlight_text(h: Highlight) -> tuple[str, str]:
    """(marker, sentence) for one highlight, in plain words."""
    kind = h.kind
    if kind in (HighlightKind.EMOTION_RISE, HighlightKind.EMOTION_DROP):
        marker = "▲" if kind is HighlightKind.EMOTION_RISE else "▼"
        who = f" for {h.persona}" if h.persona else ""
        return marker, f"{signed(h.delta)} {h.title}{who}: emotion {h.old} → {h.new}"
    if kind is HighlightKind.PAIN_NEW:
        return "+", f"new pain point: {h.title} (severity {h.new})"
    if kind is HighlightKind.PAIN_RESOLVED:
        return "✓", f"resolved pain point: {h.title} (was severity {h.old})"
    if kind is HighlightKind.PAIN_SEVERITY:
        return "!", f"{h.title}: severity {h.old} → {h.new} ({signed(h.delta)})"
    if kind is HighlightKind.OPPORTUNITY_STATUS:
        return "→", f"{h.title}: {h.old} → {h.new}"
    return "≈", _metric_text(h)


def _metric_text(h: Highlight) -> str:
    text = f"{h.title}: {number(h.old)} → {number(h.new)}"
    details = []
    if h.delta is not None:
        details.append(signed(h.delta))
    if h.target is not None:
        details.append(f"target {number(h.target)}")
    if h.better is not None:
        details.append(f"{h.better} is better")
    if details:
        text += f" ({', '.join(details)})"
    if h.verdict is not None:
        text += f": {h.verdict}"
    if h.met_target:
        text += ", target met"
    return text


def lines(old_line: int | None, new_line: int | None) -> str:
    if old_line is not None and new_line is not None:
        return f"line {old_line} → {new_line}"
    if new_line is not None:
        return f"new line {new_line}"
    if old_line is not None:
        return f"old line {old_line}"
    return ""


SHORT_LIST = 8


def out_of_order(old: list[str], new: list[str]) -> list[str]:
    """The fewest ids that moved: those outside a longest run kept in the old order."""
    position = {item: i for i, item in enumerate(old)}
    seq = [position[item] for item in new]
    tails: list[int] = []  # patience sorting for the longest increasing subsequence
    tail_index: list[int] = []
    previous = [-1] * len(seq)
    for i, p in enumerate(seq):
        k = bisect.bisect_left(tails, p)
        if k == len(tails):
            tails.append(p)
            tail_index.append(i)
        else:
            tails[k] = p
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k else -1
    kept: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.add(i)
        i = previous[i]
    return [item for i, item in enumerate(new) if i not in kept]


IDENTICAL = "No changes: both versions describe the same map."


def short_verdict(result: DiffResult) -> str | None:
    """All there is to say of a diff with no changes to list: the versions are the same,
    or one side has no map at all (:func:`whole_map`); None for any other diff."""
    return IDENTICAL if result.identical else whole_map(result)


def whole_map(result: DiffResult) -> str | None:
    """``Map added: "Title" (id)`` when one side has no map at all, else None."""
    if len(result.changes) != 1 or result.changes[0].item_kind != "map" or (
        result.changes[0].path
    ):
        return None
    c = result.changes[0]
    title = c.new if c.kind is ChangeKind.ADDED else c.old
    return f"Map {c.kind.value}: {value(title)} ({c.item_id})"


def where(path: str) -> str:
    return path or "(the whole map)"


def change_text(c: Change) -> str:
    """What happened, after the path: ``-1 → 1``, ``from stages[consideration]``..."""
    if c.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        title = c.new if c.kind is ChangeKind.ADDED else c.old
        return value(title) if title else ""
    if c.kind is ChangeKind.RENAMED:
        return f"{c.old} → {c.new}"
    if c.kind is ChangeKind.MOVED:
        if c.item_id is None:
            if len(c.new) <= SHORT_LIST:
                return f"reordered: {', '.join(c.old)} → {', '.join(c.new)}"
            moved = out_of_order(c.old, c.new)
            shown = ", ".join(moved[:SHORT_LIST]) + (", …" if len(moved) > SHORT_LIST else "")
            return f"reordered: {len(moved)} of {len(c.new)} moved ({shown})"
        return f"from {where(c.old)} to {where(c.new)}"
    return f"{value(c.old)} → {value(c.new)}"


def used_by_sentence(maps: tuple[str, ...]) -> str:
    """For a library's diff: the maps its change reaches."""
    return f"Library used by {len(maps)} map{'s' if len(maps) != 1 else ''}: {', '.join(maps)}"
