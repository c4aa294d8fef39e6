"""Highlights: what a reviewer wants to see first, derived from a diff's changes.

One small function per kind of highlight, looked up by the item kind a change is
about (:data:`_DERIVERS`); docs/diff.md lists the kinds and their numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from cjmap.diff.changes import Change, ChangeKind, Highlight, HighlightKind
from cjmap.diff.items import Entry, Version
from cjmap.model import Kind, Metric, Opportunity, PainPoint, Persona, Touchpoint

# Rises and drops share a rank so that emotions read in journey order.
_HIGHLIGHT_ORDER = {
    HighlightKind.EMOTION_RISE: 0, HighlightKind.EMOTION_DROP: 0, HighlightKind.PAIN_NEW: 1,
    HighlightKind.PAIN_RESOLVED: 2, HighlightKind.PAIN_SEVERITY: 3,
    HighlightKind.OPPORTUNITY_STATUS: 4, HighlightKind.METRIC_VALUE: 5,
}


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _delta(old: int | float, new: int | float) -> int | float:
    if isinstance(old, int) and isinstance(new, int):
        return new - old
    return round(new - old, 10)


def _emotion_pairs(change: Change) -> Iterator[tuple[str | None, int, int]]:
    """(persona or None, old, new) for each emotion comparison the change allows."""
    old, new = change.old, change.new
    if change.field != "emotion":  # one persona: emotion[<id>]
        persona = (change.field or "")[len("emotion["):-1]
        if isinstance(old, int) and isinstance(new, int):
            yield persona, old, new
        return
    if isinstance(old, int) and isinstance(new, int):
        yield None, old, new
    elif isinstance(old, int) and isinstance(new, dict):  # one emotion became per persona
        for persona, value in sorted(new.items()):
            yield persona, old, value
    elif isinstance(old, dict) and isinstance(new, int):
        for persona, value in sorted(old.items()):
            yield persona, value, new


def _metric_verdict(metric: Metric, old: float, new: float) -> tuple[str | None, bool | None]:
    better = metric.better.value if metric.better else None
    target = metric.target
    met: bool | None = None
    if target is not None:
        if better == "lower":
            met = new <= target
        elif better == "higher":
            met = new >= target
        else:
            met = new == target
    if new == old:
        return None, met
    if better is not None:
        return ("better" if (new > old) == (better == "higher") else "worse"), met
    if target is not None:
        return ("better" if abs(new - target) < abs(old - target) else "worse"), met
    return None, met


def _emotions(c: Change, here: Entry | None, old: Version) -> Iterator[Highlight]:
    """An emotion that rose or dropped, per persona."""
    if c.kind is not ChangeKind.CHANGED or not (c.field or "").startswith("emotion"):
        return
    if here is None or not isinstance(here.item, Touchpoint):
        return
    for persona, a, v in _emotion_pairs(c):
        if a == v:
            continue
        kind = HighlightKind.EMOTION_RISE if v > a else HighlightKind.EMOTION_DROP
        path = here.path + ".emotion" + (f"[{persona}]" if persona else "")
        yield Highlight(kind, c.item_kind, here.id, path, here.item.name, persona, a, v, v - a,
                        line=c.new_line)


def _pain_presence(c: Change, here: Entry | None, old: Version) -> Iterator[Highlight]:
    """A pain point new in this version, or resolved (gone) since the old one."""
    if c.kind not in (ChangeKind.ADDED, ChangeKind.REMOVED):
        return
    where = here if c.kind is ChangeKind.ADDED else _entry(old, c)
    if where is None or not isinstance(where.item, PainPoint):
        return
    new = c.kind is ChangeKind.ADDED
    severity = where.item.severity
    yield Highlight(HighlightKind.PAIN_NEW if new else HighlightKind.PAIN_RESOLVED,
                    c.item_kind, where.id, where.path, where.item.title,
                    old=None if new else severity, new=severity if new else None,
                    line=c.new_line or c.old_line)


def _pain_severity(c: Change, here: Entry | None, old: Version) -> Iterator[Highlight]:
    if c.field != "severity" or here is None or not isinstance(here.item, PainPoint):
        return
    yield Highlight(HighlightKind.PAIN_SEVERITY, c.item_kind, here.id, here.path,
                    here.item.title, None, c.old, c.new, c.new - c.old, line=c.new_line)


def _opportunity_status(c: Change, here: Entry | None, old: Version) -> Iterator[Highlight]:
    if c.field != "status" or here is None or not isinstance(here.item, Opportunity):
        return
    yield Highlight(HighlightKind.OPPORTUNITY_STATUS, c.item_kind, here.id, here.path,
                    here.item.title, None, c.old, c.new, line=c.new_line)


def _metric_value(c: Change, here: Entry | None, old: Version) -> Iterator[Highlight]:
    """A metric's new value, judged better or worse and against its target."""
    if c.field != "value" or here is None or not isinstance(here.item, Metric):
        return
    metric = here.item
    x, y = _number(c.old), _number(c.new)
    verdict, met = (None, None)
    if x is not None and y is not None:
        verdict, met = _metric_verdict(metric, x, y)
    yield Highlight(HighlightKind.METRIC_VALUE, c.item_kind, here.id, here.path, metric.name,
                    None, c.old, c.new,
                    _delta(x, y) if x is not None and y is not None else None,
                    metric.target, metric.better.value if metric.better else None,
                    verdict, met, line=c.new_line)


_Deriver = Callable[[Change, Entry | None, Version], Iterator[Highlight]]
# By the item kind a change is about: the highlights it may give.
_DERIVERS: dict[str, tuple[_Deriver, ...]] = {
    Kind.TOUCHPOINT: (_emotions,),
    Kind.PAIN_POINT: (_pain_presence, _pain_severity),
    Kind.OPPORTUNITY: (_opportunity_status,),
    Kind.METRIC: (_metric_value,),
}


def _entry(version: Version, change: Change) -> Entry | None:
    return version.items.get((change.item_kind, change.item_id or ""))


def derive_highlights(changes: Iterable[Change], old: Version,
                      new: Version) -> list[Highlight]:
    """The highlights of a diff: by kind (see ``_HIGHLIGHT_ORDER``), then in the order
    of the changes they come from."""
    found: list[tuple[int, int, Highlight]] = []
    for position, c in enumerate(changes):
        derivers = _DERIVERS.get(c.item_kind, ())
        if not derivers:
            continue
        here = _entry(new, c)
        for derive in derivers:
            found += [(_HIGHLIGHT_ORDER[h.kind], position, h) for h in derive(c, here, old)]
    found.sort(key=lambda f: (f[0], f[1]))
    names = _persona_names(new, old)
    return [replace(h, persona_name=names.get(h.persona)) if h.persona else h
            for _, _, h in found]


def _persona_names(*versions: Version) -> dict[str, str]:
    """How to name each persona in a sentence: its name (from the first version that
    has it), or ``name (id)`` when two personas share that name."""
    names: dict[str, str] = {}
    for version in versions:
        for (kind, item_id), entry in version.items.items():
            if kind == Kind.PERSONA and isinstance(entry.item, Persona):
                names.setdefault(item_id, entry.item.name)
    shared = Counter(names.values())
    return {i: name if shared[name] == 1 else f"{name} ({i})" for i, name in names.items()}
