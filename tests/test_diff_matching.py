"""Rename detection stays fast on long texts and many candidates, and finds what
difflib would (the reference implementation the similarity is defined by)."""

from __future__ import annotations

import time
from difflib import SequenceMatcher

from bench.generate import long_rename_pair, many_candidates_pair, prose
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.diff import ChangeKind, DiffResult, Side, diff_maps
from cjmap.diff.matching import CHARACTER_LIMIT, Texts, text_bound, text_ratio
from cjmap.load import load_bytes

# Generous: each case took 20-30 s before rename detection was bounded, and well under
# a second after, on a loaded two-core machine.
TIME_BOUND = 5.0


def timed_diff(old: str, new: str) -> tuple[float, DiffResult]:
    a, b = load_bytes(old.encode(), "old"), load_bytes(new.encode(), "new")
    assert a.journey is not None and b.journey is not None, (a.findings, b.findings)
    start = time.perf_counter()
    result = diff_maps(Side(a.journey, a.source, "old"), Side(b.journey, b.source, "new"))
    return time.perf_counter() - start, result


def test_renamed_touchpoint_with_a_17_kb_edited_description_is_found_fast() -> None:
    old, new = long_rename_pair()
    assert len(old) > 17_000
    seconds, result = timed_diff(old, new)
    assert seconds < TIME_BOUND
    assert [(c.kind, c.path) for c in result.changes] == [
        (ChangeKind.RENAMED, "stages[s].touchpoints[shipping]"),
        (ChangeKind.CHANGED, "stages[s].touchpoints[shipping].description")]


def test_200_removed_and_200_added_with_600_character_texts_is_fast() -> None:
    old, new = many_candidates_pair()
    seconds, result = timed_diff(old, new)
    assert seconds < TIME_BOUND
    counts = result.counts()
    # by construction: old-7 is new-57 with three spaces doubled; the rest are unrelated
    assert counts[ChangeKind.RENAMED] == 1
    assert (counts[ChangeKind.ADDED], counts[ChangeKind.REMOVED]) == (199, 199)
    (renamed,) = [c for c in result.changes if c.kind is ChangeKind.RENAMED]
    assert (renamed.old, renamed.new) == ("old-7", "new-57")


short_text = st.text(alphabet="abcde fgh", max_size=CHARACTER_LIMIT // 2)


@settings(max_examples=300, deadline=None)
@given(short_text, short_text)
def test_short_texts_get_difflibs_ratio_and_a_bound_never_below_it(a: str, b: str) -> None:
    texts = Texts()
    expected = SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0
    assert text_ratio(a, b, texts) == expected
    assert text_bound(a, b, texts) >= expected


long_words = st.lists(st.sampled_from(["a", "b", "c", "dd", "eee", "f", "."]), min_size=260,
                      max_size=300)


@settings(max_examples=40, deadline=None)
@given(long_words, long_words)
def test_long_texts_get_a_bound_never_below_their_ratio(a: list[str], b: list[str]) -> None:
    texts = Texts()
    x, y = " ".join(a), " ".join(b)
    assert len(x) + len(y) > CHARACTER_LIMIT
    assert text_bound(x, y, texts) >= text_ratio(x, y, texts)


def test_long_text_with_one_word_replaced_by_hand() -> None:
    words = [f"w{i}" for i in range(1000)]
    edited = [*words[:500], "other", *words[501:]]
    # 999 of 1,000 words match on each side: 2 * 999 / 2000
    assert text_ratio(" ".join(words), " ".join(edited), Texts()) == 2 * 999 / 2000


def test_long_texts_agree_with_difflib_over_words() -> None:
    a = prose(400, seed=3)
    b = a.replace(a.split()[100], "replaced").replace(a.split()[300], "also") + " tail words"
    words_a, words_b = a.split(), b.split()
    expected = SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
    assert text_ratio(a, b, Texts()) == expected
