"""Comparing two versions of a map, once their items are matched (``matching``).

Decisions worth knowing (docs/diff.md explains them for users):

- A *move* is an item under another parent (a touchpoint in another stage, a pain
  point on another touchpoint or stage). A changed order among the items that stay
  in one list is reported once per list, as a ``moved`` change on the list's path
  whose old and new values are the order of those items' ids.
- Fields holding ids (the model's references) compare as sets, through renames: their
  order carries no meaning. Lists of texts (actions, thoughts, goals...) compare in order.
- Per-persona emotions compare per persona (``emotion[busy-parent]``).

The module is pure: no printing, no files, no git.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cjmap.diff.changes import MAP, Change, ChangeKind, DiffResult, Side
from cjmap.diff.highlights import derive_highlights
from cjmap.diff.items import (
    Entry,
    Key,
    Renames,
    Version,
    collect,
    own_fields,
    plain,
    references,
    same,
)
from cjmap.diff.matching import Matching, match
from cjmap.diff.ordering import MAP_PLACE, Phase, Place, SortKey, after, at_item
from cjmap.index import Item
from cjmap.model import JourneyMap
from cjmap.refs import RefField, shape_of


@dataclass(slots=True)
class _Builder:
    old: Version
    new: Version
    renames: Renames = field(default_factory=Renames)
    changes: list[tuple[SortKey, Change]] = field(default_factory=list)

    def add(self, key: SortKey, change: Change) -> None:
        self.changes.append((key, change))

    def sorted(self) -> tuple[Change, ...]:
        return tuple(c for _, c in sorted(self.changes, key=lambda kc: kc[0]))


def _keyed_changes(b: _Builder, old: Entry, new: Entry, name: str, ref: RefField,
                   a: dict[str, Any], v: dict[str, Any], place: Place, rank: int) -> None:
    """A mapping keyed by ids (per-persona emotions) compares key by key, old keys
    followed through renames: ``emotion[busy-parent]``."""
    translated = {b.renames.translate(ref.kind, k): (k, e) for k, e in a.items()}
    for key in sorted(set(translated) | set(v)):
        before = translated.get(key)
        after_value = v.get(key)
        if (before[1] if before else None) == after_value:
            continue
        old_ptr = f"{old.pointer}/{name}/{before[0]}" if before else f"{old.pointer}/{name}"
        new_ptr = f"{new.pointer}/{name}/{key}" if after_value is not None else \
            f"{new.pointer}/{name}"
        b.add(SortKey(place, Phase.FIELD, rank, key), Change(
            ChangeKind.CHANGED, new.kind, new.id, f"{new.path}.{name}[{key}]",
            f"{name}[{key}]", before[1] if before else None, after_value,
            old_line=b.old.line(old_ptr), new_line=b.new.line(new_ptr)))


def _field_changes(b: _Builder, old: Entry, new: Entry, place: Place) -> None:
    if old.item == new.item:
        # The common case, and what keeps a diff of big maps fast. Equal items stay
        # equal through renames: their ids are literally the same on both sides.
        return
    refs = references(new.kind)
    for rank, name in enumerate(own_fields(type(new.item))):
        a = getattr(old.item, name)
        v = getattr(new.item, name)
        if same(new.kind, name, a, v, b.renames):
            continue
        ref = refs.get(name)
        if ref is not None and ref.keys and isinstance(a, dict) and isinstance(v, dict):
            _keyed_changes(b, old, new, name, ref, a, v, place, rank)
            continue
        b.add(SortKey(place, Phase.FIELD, rank), Change(
            ChangeKind.CHANGED, new.kind, new.id, f"{new.path}.{name}", name, plain(a), plain(v),
            old_line=b.old.line(f"{old.pointer}/{name}"),
            new_line=b.new.line(f"{new.pointer}/{name}")))
    _extension_changes(b, old.item.extensions, new.item.extensions, old.pointer, new.pointer,
                       new, place)


def _extension_changes(b: _Builder, old_ext: dict[str, Any], new_ext: dict[str, Any],
                       old_pointer: str, new_pointer: str, new: Entry | None,
                       place: Place) -> None:
    for name in sorted(set(old_ext) | set(new_ext)):
        a, v = old_ext.get(name), new_ext.get(name)
        if a == v:
            continue
        path = f"{new.path}.{name}" if new else name
        b.add(SortKey(place, Phase.EXTENSION, 0, name), Change(
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


def _map_lists() -> tuple[str, ...]:
    """The map's lists of items (personas ... opportunities), in field order."""
    return tuple(name for name, _ in shape_of(JourneyMap).items)


def _map_changes(b: _Builder, old: JourneyMap, new: JourneyMap) -> None:
    lists = _map_lists()
    fields = [n for n in JourneyMap.model_fields if n not in lists]
    for rank, name in enumerate(fields):
        a, v = plain(getattr(old, name)), plain(getattr(new, name))
        if a == v:
            continue
        if isinstance(a, dict) and isinstance(v, dict):
            olds, news = dict(_flatten(name, a)), dict(_flatten(name, v))
            for path in sorted(set(olds) | set(news)):
                if olds.get(path) != news.get(path):
                    pointer = "/" + path.replace(".", "/")
                    b.add(SortKey(MAP_PLACE, Phase.FIELD, rank, path), Change(
                        ChangeKind.CHANGED, MAP, new.id, path, path, olds.get(path),
                        news.get(path), old_line=b.old.line(pointer),
                        new_line=b.new.line(pointer)))
            continue
        b.add(SortKey(MAP_PLACE, Phase.FIELD, rank), Change(
            ChangeKind.CHANGED, MAP, new.id, name, name, a, v,
            old_line=b.old.line(f"/{name}"), new_line=b.new.line(f"/{name}")))
    _extension_changes(b, old.extensions, new.extensions, "", "", None, MAP_PLACE)


def _parent_path(version: Version, key: Key | None) -> str:
    return "" if key is None else version.items[key].path


def _list_path(version: Version, entry: Entry) -> str:
    parent = _parent_path(version, entry.parent)
    return f"{parent}.{entry.list_name}" if parent else entry.list_name


_Lists = dict[tuple[Key | None, str], list[tuple[Entry, Entry]]]


def _item_changes(b: _Builder, m: Matching) -> _Lists:
    """Added, renamed, moved and changed items, in the new version's order; returns the
    pairs that stayed in their list, by list, to compare the lists' order."""
    old_to_new = {e.key: k for k, e in m.pairs.items()}
    lists: _Lists = {}
    for entry in b.new.order:
        place = at_item(entry.ordinal)
        before = m.pairs.get(entry.key)
        if before is None:
            b.add(SortKey(place, Phase.ITEM), Change(
                ChangeKind.ADDED, entry.kind, entry.id, entry.path, new=_title(entry.item),
                new_line=b.new.line(entry.pointer)))
            continue
        if entry.key in m.renamed:
            b.add(SortKey(place, Phase.ITEM), Change(
                ChangeKind.RENAMED, entry.kind, entry.id, entry.path, old=before.id, new=entry.id,
                old_path=before.path, old_line=b.old.line(before.pointer),
                new_line=b.new.line(entry.pointer)))
        old_parent = None if before.parent is None else old_to_new.get(before.parent)
        if old_parent != entry.parent or before.list_name != entry.list_name:
            b.add(SortKey(place, Phase.MOVED), Change(
                ChangeKind.MOVED, entry.kind, entry.id, entry.path,
                old=_parent_path(b.old, before.parent), new=_parent_path(b.new, entry.parent),
                old_path=before.path, old_line=b.old.line(before.pointer),
                new_line=b.new.line(entry.pointer)))
        else:
            lists.setdefault((entry.parent, entry.list_name), []).append((before, entry))
        _field_changes(b, before, entry, place)
    return lists


def _removals(b: _Builder, m: Matching) -> None:
    """Items gone: each right after the last item before it that is still there."""
    matched_old = {e.key: k for k, e in m.pairs.items()}
    last = -1
    for entry in b.old.order:
        if entry.key in matched_old:
            last = b.new.items[matched_old[entry.key]].ordinal
            continue
        b.add(SortKey(after(last, entry.ordinal), Phase.ITEM), Change(
            ChangeKind.REMOVED, entry.kind, entry.id, entry.path, old=_title(entry.item),
            old_line=b.old.line(entry.pointer)))


def _order_changes(b: _Builder, lists: _Lists) -> None:
    map_lists = _map_lists()
    for (parent, list_name), members in lists.items():
        new_order = [e.id for _, e in members]
        old_order = [e.id for _, e in sorted(members, key=lambda m: m[0].position)]
        if new_order == old_order:
            continue
        first_old, first_new = members[0]
        place = MAP_PLACE if parent is None else at_item(b.new.items[parent].ordinal)
        rank = map_lists.index(list_name) if parent is None else 0
        path, old_path = _list_path(b.new, first_new), _list_path(b.old, first_old)
        b.add(SortKey(place, Phase.ORDER, rank, list_name), Change(
            ChangeKind.MOVED, first_new.kind, None, path, old=old_order, new=new_order,
            old_path=old_path if old_path != path else None,
            old_line=b.old.line(first_old.pointer.rsplit("/", 1)[0]),
            new_line=b.new.line(first_new.pointer.rsplit("/", 1)[0])))


def diff_maps(old: Side, new: Side) -> DiffResult:
    """Compare two versions of a map."""
    b = _Builder(collect(old), collect(new))
    if old.journey is None or new.journey is None:
        return _whole_map(b)
    matching = match(b.old, b.new)
    b.renames = matching.renames
    _map_changes(b, old.journey, new.journey)
    lists = _item_changes(b, matching)
    _removals(b, matching)
    _order_changes(b, lists)
    changes = b.sorted()
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
