"""Matching items across versions: by ``(kind, id)``, and renames found by content.

A *rename* is a removed and an added item of the same kind whose own content (every
field except the id and the nested items) is similar enough: a similarity of at least
:data:`RENAME_THRESHOLD`. Similarity is the mean over the fields either side sets of 1
for equal values, the difflib ratio for two texts and 0 otherwise. Pairs are taken
best first. Kinds are matched what-is-referred-to first (the model's reference order),
and references to a renamed id are followed, so renaming a pain point does not also
report every ``addresses`` list. docs/diff.md explains this for users.

Bounded cost (docs/architecture.md, "Rename detection"): a pair is given up as soon as
it cannot reach the threshold (cheap upper bounds before the exact ratio), and long
texts are compared by words, their common start and end first, instead of character
by character (difflib's ratio is quadratic in the worst case).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from cjmap.diff.items import Entry, Key, Renames, Version, own_fields, plain, references
from cjmap.refs import kinds_in_reference_order

RENAME_THRESHOLD = 0.8
# Above this many removed x added pairs of one kind, only exact-content renames are
# looked for, so a diff of two unrelated huge maps stays fast.
FUZZY_RENAME_LIMIT = 40_000
# Two texts longer than this together are compared by words, not by characters.
CHARACTER_LIMIT = 500
# Past this many differing words on a side, the words' counts alone give the ratio.
WORD_LIMIT = 2_000
# Float sums in another order differ in the last bits: never reject on those.
_SLACK = 1e-9
_WORD = re.compile(r"\w+|[^\w\s]")


class _Counted:
    """A text's units (characters or words), how many of each, and which there are."""

    __slots__ = ("counts", "distinct", "units")

    def __init__(self, units: Sequence[str]) -> None:
        self.units = units
        self.counts = Counter(units)
        self.distinct = frozenset(self.counts)


class Texts:
    """Each text split into words, and its characters and words counted, once per
    matching rather than once per pair (a cache for one matching, then dropped)."""

    def __init__(self) -> None:
        self._words: dict[str, _Counted] = {}
        self._chars: dict[str, _Counted] = {}

    def words(self, text: str) -> _Counted:
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = _Counted(_WORD.findall(text))
        return found

    def chars(self, text: str) -> _Counted:
        found = self._chars.get(text)
        if found is None:
            found = self._chars[text] = _Counted(text)
        return found


def _quick_bound(a: _Counted, b: _Counted) -> float:
    """difflib's quick_ratio from the counts: what the ratio can be at most."""
    ca, cb = a.counts, b.counts
    common = sum(min(ca[x], cb[x]) for x in a.distinct & b.distinct)
    return 2 * common / (len(a.units) + len(b.units))


def _common_ends(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """How many words the two lists share at their start, and then at their end."""
    limit = min(len(a), len(b))
    start = 0
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def _word_ratio(a: str, b: str, texts: Texts) -> float:
    """The ratio over words: 2 x matched words / all words, where the words the texts
    share at their start and end match, and difflib matches the rest in between (the
    same as difflib over all the words, unless a longer common run crosses the ends)."""
    words_a, words_b = texts.words(a), texts.words(b)
    wa, wb = words_a.units, words_b.units
    total = len(wa) + len(wb)
    if total == 0:
        return 1.0
    # An edited text keeps most of its start and end: those match as they are, and only
    # the middle in between needs difflib (what makes a long edited text cheap).
    start, end = _common_ends(wa, wb)
    middle_a, middle_b = wa[start:len(wa) - end], wb[start:len(wb) - end]
    if max(len(middle_a), len(middle_b)) > WORD_LIMIT:
        return _quick_bound(words_a, words_b)
    matcher = SequenceMatcher(None, middle_a, middle_b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * (start + end + matched) / total


def text_bound(a: str, b: str, texts: Texts) -> float:
    """What :func:`text_ratio` can be at most, from the lengths and counts alone."""
    long = len(a) + len(b) > CHARACTER_LIMIT
    counted_a = texts.words(a) if long else texts.chars(a)
    counted_b = texts.words(b) if long else texts.chars(b)
    size_a, size_b = len(counted_a.units), len(counted_b.units)
    if size_a + size_b == 0:
        return 1.0
    by_length = 2 * min(size_a, size_b) / (size_a + size_b)
    return by_length if by_length == 0 else min(by_length, _quick_bound(counted_a, counted_b))


def text_ratio(a: str, b: str, texts: Texts) -> float:
    """How alike two texts are, 0..1: difflib's ratio over characters up to
    :data:`CHARACTER_LIMIT` characters together, over words for longer texts."""
    if len(a) + len(b) > CHARACTER_LIMIT:
        return _word_ratio(a, b, texts)
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass(slots=True)
class _Prepared:
    """An item's own values, read once per matching: as written, as compared
    (references followed through renames), and which fields it sets."""

    entry: Entry
    values: tuple[Any, ...]
    compared: tuple[Any, ...]
    present: frozenset[int]
    extensions: dict[str, Any]


def _prepare(entry: Entry, renames: Renames, old_side: bool) -> _Prepared:
    refs = references(entry.kind)
    names = own_fields(type(entry.item))
    values = tuple(getattr(entry.item, name) for name in names)
    compared = []
    for name, value in zip(names, values, strict=True):
        ref = refs.get(name)
        # A mapping's keys on the new side are new ids already (items.same explains).
        follow = ref is not None and (old_side or not ref.keys)
        compared.append(renames.ids(value, ref) if follow and ref is not None else value)
    present = frozenset(i for i, value in enumerate(values) if value not in (None, []))
    return _Prepared(entry, values, tuple(compared), present, entry.item.extensions)


def _similarity(old: _Prepared, new: _Prepared, texts: Texts) -> float | None:
    """The pair's similarity, or None as soon as it cannot reach the threshold."""
    parts: list[float] = []  # per field either side sets, in field order
    differing: list[tuple[int, str, str]] = []  # texts that differ: their ratio comes last
    for i in sorted(old.present | new.present):
        if old.compared[i] == new.compared[i]:
            parts.append(1.0)
        else:
            a, b = old.values[i], new.values[i]
            if isinstance(a, str) and isinstance(b, str):
                differing.append((len(parts), a, b))
            parts.append(0.0)
    if old.extensions or new.extensions:
        for name in old.extensions.keys() | new.extensions.keys():
            parts.append(float(old.extensions.get(name) == new.extensions.get(name)))
    if not parts:
        return 1.0
    need = RENAME_THRESHOLD * len(parts) - _SLACK
    # Cheap upper bounds first, longest texts first (they tell unrelated items apart
    # best), each text not yet bounded counted as 1; difflib only while still possible.
    differing.sort(key=lambda t: -len(t[1]) - len(t[2]))
    possible = sum(parts) + len(differing)
    bounds = []
    for _, a, b in differing:
        bound = text_bound(a, b, texts)
        possible += bound - 1.0
        if possible < need:
            return None
        bounds.append(bound)
    for (at, a, b), bound in zip(differing, bounds, strict=True):
        ratio = text_ratio(a, b, texts)
        possible += ratio - bound
        if possible < need:
            return None
        parts[at] = ratio
    score = sum(parts) / len(parts)  # summed in field order, as the docs define it
    return score if score >= RENAME_THRESHOLD else None


def _exact_key(p: _Prepared, old_side: bool) -> str:
    """An item's own content as one text, references followed on the old side, to
    pair items with equal content without comparing every pair."""
    refs = references(p.entry.kind)
    shown = []
    for name, value, compared in zip(own_fields(type(p.entry.item)), p.values, p.compared,
                                     strict=True):
        ref = refs.get(name)
        if ref is not None:
            value = compared if old_side else value
            if isinstance(value, frozenset | list):
                value = sorted(value)
        shown.append(repr(plain(value)))
    return "\x00".join(shown)


def find_renames(removed: list[Entry], added: list[Entry],
                 renames: Renames) -> list[tuple[Entry, Entry]]:
    """Pairs (old, new) of one kind that are one item renamed, best first."""
    if not removed or not added:
        return []
    olds = [_prepare(e, renames, old_side=True) for e in removed]
    news = [_prepare(e, renames, old_side=False) for e in added]
    scored: list[tuple[float, int, int, Entry, Entry]] = []
    if len(removed) * len(added) <= FUZZY_RENAME_LIMIT:
        texts = Texts()
        for a in olds:
            for b in news:
                score = _similarity(a, b, texts)
                if score is not None:
                    scored.append((-score, a.entry.ordinal, b.entry.ordinal, a.entry, b.entry))
    else:
        by_content: dict[str, list[Entry]] = {}
        for b in news:
            by_content.setdefault(_exact_key(b, old_side=False), []).append(b.entry)
        for a in olds:
            for match in by_content.get(_exact_key(a, old_side=True), []):
                scored.append((-1.0, a.entry.ordinal, match.ordinal, a.entry, match))
    scored.sort(key=lambda s: (s[0], s[1], s[2]))
    pairs = []
    used_old: set[Key] = set()
    used_new: set[Key] = set()
    for _, _, _, old, new in scored:
        if old.key not in used_old and new.key not in used_new:
            used_old.add(old.key)
            used_new.add(new.key)
            pairs.append((old, new))
    return pairs


@dataclass(slots=True)
class Matching:
    """Which old item each new item is (``pairs``: new key -> old entry), which of
    those were renamed, and the renames to follow references through."""

    pairs: dict[Key, Entry]
    renamed: set[Key]
    renames: Renames


def match(old: Version, new: Version) -> Matching:
    """Pair the items of two versions: same (kind, id) first, then renames by content,
    kind by kind, what is referred to before what refers to it."""
    pairs = {key: old.items[key] for key in new.items if key in old.items}
    renamed: set[Key] = set()
    renames = Renames()
    for kind in kinds_in_reference_order():
        removed = [e for e in old.order if e.kind == kind and e.key not in new.items]
        added = [e for e in new.order if e.kind == kind and e.key not in old.items]
        for a, b in find_renames(removed, added, renames):
            pairs[b.key] = a
            renamed.add(b.key)
            renames.new_id[a.key] = b.id
    return Matching(pairs, renamed, renames)
