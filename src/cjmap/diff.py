"""Semantic diff of two versions of a map: items matched by id, never by list position.

``diff_maps(old, new)`` compares two :class:`Side` values (a loaded map, its source
positions and a label) and returns a :class:`DiffResult`: the changes, sorted in
journey order, and the highlights a reviewer reads first, derived from those changes.

Decisions worth knowing (docs/diff.md explains them for users):

- Items are matched by ``(kind, id)``. An id that appears twice in one version (a
  CJ101 lint error) is matched as ``id#2``, ``id#3``... so the diff still works.
- A *rename* is a removed and an added item of the same kind whose own content
  (every field except the id and the nested items) is similar enough: a similarity
  of at least :data:`RENAME_THRESHOLD` (0.8). Similarity is the mean over the
  fields either side sets of 1 for equal values, the difflib ratio for two texts and
  0 otherwise. Pairs are taken best first. Renames are found for the referenced
  kinds first (personas, channels, evidence, metrics, pains before the touchpoints
  and opportunities that refer to them), and references to a renamed id are
  followed, so renaming a pain point does not also report every ``addresses`` list.
- A *move* is an item under another parent (a touchpoint in another stage, a pain
  point on another touchpoint or stage). A changed order among the items that stay
  in one list is reported once per list, as a ``moved`` change on the list's path
  whose old and new values are the order of those items' ids.
- Lists of ids (``personas``, ``evidence``, ``metrics``, ``addresses``) compare as
  sets: their order carries no meaning. Lists of texts (actions, thoughts, goals...)
  compare in order.
- Per-persona emotions compare per persona (``emotion[busy-parent]``).

The module is pure: no printing, no files, no git.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import Enum, StrEnum
from typing import Any

from pydantic import BaseModel

from cjmap.index import Item, Kind, build_index
from cjmap.model import JourneyMap, Metric, Opportunity, PainPoint, Touchpoint
from cjmap.source import SourceMap

RENAME_THRESHOLD = 0.8
# Above this many removed x added pairs of one kind, only exact-content renames are
# looked for, so a diff of two unrelated huge maps stays fast.
FUZZY_RENAME_LIMIT = 40_000
JSON_VERSION = 1

JsonValue = Any


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


# Item kinds as they appear in output (``pain_point`` rather than the index's "pain point").
ITEM_KINDS: dict[Kind, str] = {
    Kind.PERSONA: "persona",
    Kind.CHANNEL: "channel",
    Kind.EVIDENCE: "evidence",
    Kind.METRIC: "metric",
    Kind.STAGE: "stage",
    Kind.TOUCHPOINT: "touchpoint",
    Kind.PAIN_POINT: "pain_point",
    Kind.OPPORTUNITY: "opportunity",
}
MAP = "map"
# The order renames are looked for in: what is referred to before what refers to it.
_RENAME_ORDER = ("persona", "channel", "evidence", "metric", "stage", "pain_point",
                 "touchpoint", "opportunity")
_NESTED = frozenset({"touchpoints", "pain_points"})
_MAP_LISTS = ("personas", "channels", "evidence", "metrics", "stages", "opportunities")
# Fields holding ids, by item kind, and the kind of item they refer to.
_REFERENCES: dict[str, dict[str, str]] = {
    "touchpoint": {"channel": "channel", "personas": "persona", "metrics": "metric",
                   "evidence": "evidence"},
    "pain_point": {"personas": "persona", "evidence": "evidence"},
    "opportunity": {"addresses": "pain_point", "metrics": "metric"},
}


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

    def to_json(self) -> dict[str, JsonValue]:
        return {"kind": self.kind.value, "item_kind": self.item_kind, "id": self.item_id,
                "path": self.path, "old_path": self.old_path, "field": self.field,
                "old": self.old, "new": self.new, "old_line": self.old_line,
                "new_line": self.new_line}


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

    def to_json(self) -> dict[str, JsonValue]:
        return {"kind": self.kind.value, "item_kind": self.item_kind, "id": self.item_id,
                "path": self.path, "title": self.title, "persona": self.persona,
                "old": self.old, "new": self.new, "delta": self.delta, "target": self.target,
                "better": self.better, "verdict": self.verdict,
                "met_target": self.met_target, "line": self.line}


@dataclass(frozen=True, slots=True)
class DiffResult:
    old_label: str
    new_label: str
    old_map_id: str | None
    new_map_id: str | None
    changes: tuple[Change, ...]
    highlights: tuple[Highlight, ...]

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
        order = [MAP, *ITEM_KINDS.values()]
        return {k: table[k] for k in order if k in table}

    def to_json(self) -> dict[str, JsonValue]:
        counts = self.counts()
        return {
            "version": JSON_VERSION,
            "old": {"label": self.old_label, "map": self.old_map_id},
            "new": {"label": self.new_label, "map": self.new_map_id},
            "identical": self.identical,
            "summary": {**{k.value: v for k, v in counts.items()},
                        "total": len(self.changes)},
            "highlights": [h.to_json() for h in self.highlights],
            "changes": [c.to_json() for c in self.changes],
        }


# -- the items of one version -----------------------------------------------------------

Key = tuple[str, str]  # (item kind, id)


@dataclass(slots=True)
class _Item:
    key: Key
    kind: str
    id: str
    pointer: str
    item: Item
    parent: Key | None  # None: the item sits directly in the map
    list_name: str
    position: int
    path: str
    ordinal: int


@dataclass(slots=True)
class _Version:
    side: Side
    items: dict[Key, _Item] = field(default_factory=dict)
    order: list[_Item] = field(default_factory=list)

    def line(self, pointer: str) -> int:
        return self.side.source.locate(pointer).line


def _collect(side: Side) -> _Version:
    version = _Version(side)
    if side.journey is None:
        return version
    by_pointer: dict[str, _Item] = {}
    for ordinal, definition in enumerate(build_index(side.journey).definitions):
        kind = ITEM_KINDS[definition.kind]
        key: Key = (kind, definition.id)
        n = 1
        while key in version.items:
            n += 1
            key = (kind, f"{definition.id}#{n}")
        parent_pointer, list_name, position = definition.pointer.rsplit("/", 2)
        parent = by_pointer.get(parent_pointer)
        label = key[1]
        path = f"{parent.path}.{list_name}[{label}]" if parent else f"{list_name}[{label}]"
        entry = _Item(key, kind, definition.id, definition.pointer, definition.item,
                      parent.key if parent else None, list_name, int(position), path, ordinal)
        version.items[key] = entry
        version.order.append(entry)
        by_pointer[definition.pointer] = entry
    return version


# -- values ---------------------------------------------------------------------------------

def plain(value: Any) -> JsonValue:
    """A value as JSON would hold it: enums by value, dates as ISO text, models as dicts."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return plain(dict(value))
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [plain(v) for v in value]
    return str(value)  # pragma: no cover - the model holds nothing else


_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _own_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields compared for an item: all but the id and the nested item lists."""
    found = _FIELDS.get(model)
    if found is None:
        found = tuple(n for n in model.model_fields if n != "id" and n not in _NESTED)
        _FIELDS[model] = found
    return found


class _Renames:
    """Old key -> new key for every matched item, to follow references through renames."""

    def __init__(self) -> None:
        self.new_id: dict[Key, str] = {}

    def translate(self, kind: str, old_id: str) -> str:
        return self.new_id.get((kind, old_id), old_id)


def _ref_value(value: Any, kind: str, renames: _Renames) -> Any:
    if isinstance(value, str):
        return renames.translate(kind, value)
    if isinstance(value, list):
        return frozenset(renames.translate(kind, v) for v in value)
    return value


def _same(kind: str, name: str, old: Any, new: Any, renames: _Renames) -> bool:
    refs = _REFERENCES.get(kind)
    if refs is not None and name in refs:
        target = refs[name]
        return bool(_ref_value(old, target, renames) == _ref_value(new, target, renames))
    if name == "emotion" and isinstance(old, dict) and isinstance(new, dict):
        return {renames.translate("persona", k): v for k, v in old.items()} == new
    return bool(old == new)


def _similarity(old: _Item, new: _Item, renames: _Renames) -> float:
    total = 0.0
    count = 0
    for name in _own_fields(type(new.item)):
        a = getattr(old.item, name)
        b = getattr(new.item, name)
        if a in (None, []) and b in (None, []):
            continue
        count += 1
        if _same(new.kind, name, a, b, renames):
            total += 1.0
        elif isinstance(a, str) and isinstance(b, str):
            total += SequenceMatcher(None, a, b, autojunk=False).ratio()
    for name in set(old.item.extensions) | set(new.item.extensions):
        count += 1
        total += old.item.extensions.get(name) == new.item.extensions.get(name)
    return 1.0 if count == 0 else total / count


def _find_renames(removed: list[_Item], added: list[_Item],
                  renames: _Renames) -> list[tuple[_Item, _Item]]:
    if not removed or not added:
        return []
    scored: list[tuple[float, int, int, _Item, _Item]] = []
    if len(removed) * len(added) <= FUZZY_RENAME_LIMIT:
        for a in removed:
            for b in added:
                score = _similarity(a, b, renames)
                if score >= RENAME_THRESHOLD:
                    scored.append((-score, a.ordinal, b.ordinal, a, b))
    else:
        by_content: dict[str, list[_Item]] = {}
        for b in added:
            by_content.setdefault(_content_key(b, renames), []).append(b)
        for a in removed:
            for b in by_content.get(_content_key(a, renames, translate=True), []):
                scored.append((-1.0, a.ordinal, b.ordinal, a, b))
    scored.sort(key=lambda s: (s[0], s[1], s[2]))
    pairs = []
    used_old: set[Key] = set()
    used_new: set[Key] = set()
    for _, _, _, a, b in scored:
        if a.key not in used_old and b.key not in used_new:
            used_old.add(a.key)
            used_new.add(b.key)
            pairs.append((a, b))
    return pairs


def _content_key(entry: _Item, renames: _Renames, translate: bool = False) -> str:
    values = []
    for name in _own_fields(type(entry.item)):
        value = getattr(entry.item, name)
        refs = _REFERENCES.get(entry.kind, {})
        if translate and name in refs:
            value = _ref_value(value, refs[name], renames)
        if isinstance(value, frozenset | list) and name in refs:
            value = sorted(value)
        values.append(repr(plain(value)))
    return "\x00".join(values)


# -- comparing ------------------------------------------------------------------------------

SortKey = tuple[int, int, int, int, int, str]


@dataclass(slots=True)
class _Builder:
    old: _Version
    new: _Version
    renames: _Renames = field(default_factory=_Renames)
    changes: list[tuple[SortKey, Change]] = field(default_factory=list)

    def add(self, key: SortKey, change: Change) -> None:
        self.changes.append((key, change))


def _field_changes(b: _Builder, old: _Item, new: _Item, place: tuple[int, int, int]) -> None:
    if old.item == new.item:
        # The common case, and what keeps a diff of big maps fast. Equal items stay
        # equal through renames: their ids are literally the same on both sides.
        return
    for rank, name in enumerate(_own_fields(type(new.item))):
        a = getattr(old.item, name)
        v = getattr(new.item, name)
        if _same(new.kind, name, a, v, b.renames):
            continue
        if name == "emotion" and isinstance(a, dict) and isinstance(v, dict):
            translated = {b.renames.translate("persona", k): (k, e) for k, e in a.items()}
            for persona in sorted(set(translated) | set(v)):
                before = translated.get(persona)
                after = v.get(persona)
                if (before[1] if before else None) == after:
                    continue
                old_ptr = f"{old.pointer}/emotion/{before[0]}" if before else \
                    f"{old.pointer}/emotion"
                new_ptr = f"{new.pointer}/emotion/{persona}" if after is not None else \
                    f"{new.pointer}/emotion"
                b.add((*place, 3, rank, persona), Change(
                    ChangeKind.CHANGED, new.kind, new.id, f"{new.path}.emotion[{persona}]",
                    f"emotion[{persona}]", before[1] if before else None, after,
                    old_line=b.old.line(old_ptr), new_line=b.new.line(new_ptr)))
            continue
        b.add((*place, 3, rank, ""), Change(
            ChangeKind.CHANGED, new.kind, new.id, f"{new.path}.{name}", name, plain(a), plain(v),
            old_line=b.old.line(f"{old.pointer}/{name}"),
            new_line=b.new.line(f"{new.pointer}/{name}")))
    _extension_changes(b, old.item.extensions, new.item.extensions, old.pointer, new.pointer,
                       new, place)


def _extension_changes(b: _Builder, old_ext: dict[str, Any], new_ext: dict[str, Any],
                       old_pointer: str, new_pointer: str, new: _Item | None,
                       place: tuple[int, int, int]) -> None:
    for name in sorted(set(old_ext) | set(new_ext)):
        a, v = old_ext.get(name), new_ext.get(name)
        if a == v:
            continue
        path = f"{new.path}.{name}" if new else name
        b.add((*place, 4, 0, name), Change(
            ChangeKind.CHANGED, new.kind if new else MAP, new.id if new else _map_id(b),
            path, name, plain(a), plain(v), old_line=b.old.line(f"{old_pointer}/{name}"),
            new_line=b.new.line(f"{new_pointer}/{name}")))


def _map_id(b: _Builder) -> str | None:
    journey = b.new.side.journey or b.old.side.journey
    return journey.id if journey else None


def _flatten(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flatten(f"{prefix}.{k}", v)
    else:
        yield prefix, value


def _map_changes(b: _Builder, old: JourneyMap, new: JourneyMap) -> None:
    fields = [n for n in JourneyMap.model_fields if n not in _MAP_LISTS]
    for rank, name in enumerate(fields):
        a, v = plain(getattr(old, name)), plain(getattr(new, name))
        if a == v:
            continue
        if isinstance(a, dict) and isinstance(v, dict):
            olds, news = dict(_flatten(name, a)), dict(_flatten(name, v))
            for path in sorted(set(olds) | set(news)):
                if olds.get(path) != news.get(path):
                    pointer = "/" + path.replace(".", "/")
                    b.add((-1, 0, 0, 3, rank, path), Change(
                        ChangeKind.CHANGED, MAP, new.id, path, path, olds.get(path),
                        news.get(path), old_line=b.old.line(pointer),
                        new_line=b.new.line(pointer)))
            continue
        b.add((-1, 0, 0, 3, rank, ""), Change(
            ChangeKind.CHANGED, MAP, new.id, name, name, a, v,
            old_line=b.old.line(f"/{name}"), new_line=b.new.line(f"/{name}")))
    _extension_changes(b, old.extensions, new.extensions, "", "", None, (-1, 0, 0))


def _parent_path(version: _Version, key: Key | None) -> str:
    return "" if key is None else version.items[key].path


def _list_path(version: _Version, entry: _Item) -> str:
    parent = _parent_path(version, entry.parent)
    return f"{parent}.{entry.list_name}" if parent else entry.list_name


def diff_maps(old: Side, new: Side) -> DiffResult:
    """Compare two versions of a map."""
    b = _Builder(_collect(old), _collect(new))
    if old.journey is None or new.journey is None:
        return _whole_map(b)

    old_items, new_items = b.old.items, b.new.items
    pairs: dict[Key, _Item] = {}  # new key -> old item
    for key in new_items:
        if key in old_items:
            pairs[key] = old_items[key]
    renamed: set[Key] = set()
    for kind in _RENAME_ORDER:
        removed = [e for e in b.old.order if e.kind == kind and e.key not in new_items]
        added = [e for e in b.new.order if e.kind == kind and e.key not in old_items]
        for a, v in _find_renames(removed, added, b.renames):
            pairs[v.key] = a
            renamed.add(v.key)
            b.renames.new_id[a.key] = v.id
    matched_old = {e.key for e in pairs.values()}
    old_to_new = {e.key: k for k, e in pairs.items()}

    _map_changes(b, old.journey, new.journey)

    places: dict[Key, tuple[int, int, int]] = {}
    last = -1
    for entry in b.old.order:
        if entry.key in matched_old:
            last = new_items[old_to_new[entry.key]].ordinal
        else:
            places[entry.key] = (last, 1, entry.ordinal)

    lists: dict[tuple[Key | None, str], list[tuple[_Item, _Item]]] = {}
    for entry in b.new.order:
        place = (entry.ordinal, 0, 0)
        before = pairs.get(entry.key)
        if before is None:
            b.add((*place, 0, 0, ""), Change(
                ChangeKind.ADDED, entry.kind, entry.id, entry.path, new=_title(entry.item),
                new_line=b.new.line(entry.pointer)))
            continue
        if entry.key in renamed:
            b.add((*place, 0, 0, ""), Change(
                ChangeKind.RENAMED, entry.kind, entry.id, entry.path, old=before.id, new=entry.id,
                old_path=before.path, old_line=b.old.line(before.pointer),
                new_line=b.new.line(entry.pointer)))
        old_parent = None if before.parent is None else old_to_new.get(before.parent)
        if old_parent != entry.parent or before.list_name != entry.list_name:
            b.add((*place, 1, 0, ""), Change(
                ChangeKind.MOVED, entry.kind, entry.id, entry.path,
                old=_parent_path(b.old, before.parent), new=_parent_path(b.new, entry.parent),
                old_path=before.path, old_line=b.old.line(before.pointer),
                new_line=b.new.line(entry.pointer)))
        else:
            lists.setdefault((entry.parent, entry.list_name), []).append((before, entry))
        _field_changes(b, before, entry, place)

    for entry in b.old.order:
        if entry.key not in matched_old:
            b.add((*places[entry.key], 0, 0, ""), Change(
                ChangeKind.REMOVED, entry.kind, entry.id, entry.path, old=_title(entry.item),
                old_line=b.old.line(entry.pointer)))

    for (parent, list_name), members in lists.items():
        new_order = [e.id for _, e in members]
        old_order = [e.id for _, e in sorted(members, key=lambda m: m[0].position)]
        if new_order == old_order:
            continue
        first_old, first_new = members[0]
        place = (-1, 0, 0) if parent is None else (new_items[parent].ordinal, 0, 0)
        rank = _MAP_LISTS.index(list_name) if parent is None else 0
        path, old_path = _list_path(b.new, first_new), _list_path(b.old, first_old)
        b.add((*place, 5, rank, list_name), Change(
            ChangeKind.MOVED, first_new.kind, None, path, old=old_order, new=new_order,
            old_path=old_path if old_path != path else None,
            old_line=b.old.line(first_old.pointer.rsplit("/", 1)[0]),
            new_line=b.new.line(first_new.pointer.rsplit("/", 1)[0])))

    changes = tuple(c for _, c in sorted(b.changes, key=lambda kc: kc[0]))
    return DiffResult(old.label, new.label, old.journey.id, new.journey.id, changes,
                      tuple(derive_highlights(changes, b.old, b.new)))


def _whole_map(b: _Builder) -> DiffResult:
    old, new = b.old.side, b.new.side
    changes: tuple[Change, ...] = ()
    if new.journey is not None:
        changes = (Change(ChangeKind.ADDED, MAP, new.journey.id, "", new=new.journey.title,
                          new_line=1),)
    elif old.journey is not None:
        changes = (Change(ChangeKind.REMOVED, MAP, old.journey.id, "", old=old.journey.title,
                          old_line=1),)
    return DiffResult(old.label, new.label, old.journey.id if old.journey else None,
                      new.journey.id if new.journey else None, changes, ())


def _title(item: Item) -> str:
    return str(getattr(item, "title", None) or getattr(item, "name", None) or "")


# -- highlights -------------------------------------------------------------------------------

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


def derive_highlights(changes: Iterable[Change], old: _Version,
                      new: _Version) -> list[Highlight]:
    found: list[tuple[int, int, Highlight]] = []

    def item(version: _Version, change: Change) -> _Item | None:
        return version.items.get((change.item_kind, change.item_id or ""))

    for position, c in enumerate(changes):
        here = item(new, c)
        if c.item_kind == "touchpoint" and c.kind is ChangeKind.CHANGED and (
            c.field or ""
        ).startswith("emotion") and here is not None:
            assert isinstance(here.item, Touchpoint)
            for persona, a, v in _emotion_pairs(c):
                if a == v:
                    continue
                kind = HighlightKind.EMOTION_RISE if v > a else HighlightKind.EMOTION_DROP
                path = here.path + ".emotion" + (f"[{persona}]" if persona else "")
                found.append((_HIGHLIGHT_ORDER[kind], position, Highlight(
                    kind, c.item_kind, here.id, path, here.item.name, persona, a, v, v - a,
                    line=c.new_line)))
        elif c.item_kind == "pain_point" and c.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
            where = here if c.kind is ChangeKind.ADDED else item(old, c)
            if where is None:
                continue
            assert isinstance(where.item, PainPoint)
            kind = (HighlightKind.PAIN_NEW if c.kind is ChangeKind.ADDED
                    else HighlightKind.PAIN_RESOLVED)
            severity = where.item.severity
            found.append((_HIGHLIGHT_ORDER[kind], position, Highlight(
                kind, c.item_kind, where.id, where.path, where.item.title,
                old=None if kind is HighlightKind.PAIN_NEW else severity,
                new=severity if kind is HighlightKind.PAIN_NEW else None,
                line=c.new_line or c.old_line)))
        elif c.item_kind == "pain_point" and c.field == "severity" and here is not None:
            assert isinstance(here.item, PainPoint)
            kind = HighlightKind.PAIN_SEVERITY
            found.append((_HIGHLIGHT_ORDER[kind], position, Highlight(
                kind, c.item_kind, here.id, here.path, here.item.title, None, c.old, c.new,
                c.new - c.old, line=c.new_line)))
        elif c.item_kind == "opportunity" and c.field == "status" and here is not None:
            assert isinstance(here.item, Opportunity)
            kind = HighlightKind.OPPORTUNITY_STATUS
            found.append((_HIGHLIGHT_ORDER[kind], position, Highlight(
                kind, c.item_kind, here.id, here.path, here.item.title, None, c.old, c.new,
                line=c.new_line)))
        elif c.item_kind == "metric" and c.field == "value" and here is not None:
            assert isinstance(here.item, Metric)
            x, y = _number(c.old), _number(c.new)
            verdict, met = (None, None)
            if x is not None and y is not None:
                verdict, met = _metric_verdict(here.item, x, y)
            kind = HighlightKind.METRIC_VALUE
            found.append((_HIGHLIGHT_ORDER[kind], position, Highlight(
                kind, c.item_kind, here.id, here.path, here.item.name, None, c.old, c.new,
                _delta(x, y) if x is not None and y is not None else None,
                here.item.target, here.item.better.value if here.item.better else None,
                verdict, met, line=c.new_line)))
    found.sort(key=lambda f: (f[0], f[1]))
    return [h for _, _, h in found]
