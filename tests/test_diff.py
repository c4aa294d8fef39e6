"""The semantic diff core: pairs of maps for every change kind, checked by hand.

Each test derives a new version from ``tests/data/diff/base.cjmap.yaml`` by an
explicit text edit, so the expected change is visible next to its cause.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.generate import generate_map
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.diff import (
    RENAME_THRESHOLD,
    Change,
    ChangeKind,
    DiffResult,
    HighlightKind,
    Side,
    diff_maps,
    result_json,
)
from cjmap.load import load_bytes
from cjmap.source import SourceMap

DATA = Path(__file__).resolve().parent / "data" / "diff"
BASE = (DATA / "base.cjmap.yaml").read_text(encoding="utf-8")


def side(text: str, label: str) -> Side:
    loaded = load_bytes(text.encode("utf-8"), label)
    assert loaded.journey is not None, loaded.findings
    return Side(loaded.journey, loaded.source, label)


def run(old: str, new: str) -> DiffResult:
    return diff_maps(side(old, "old"), side(new, "new"))


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def line_of(text: str, needle: str) -> int:
    """1-based line of the only line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def kinds(result: DiffResult) -> list[tuple[ChangeKind, str]]:
    return [(c.kind, c.path) for c in result.changes]


# -- no change ------------------------------------------------------------------------------

def test_identical_maps_have_no_changes() -> None:
    result = run(BASE, BASE)
    assert result.identical
    assert result.changes == ()
    assert result.highlights == ()


def test_formatting_and_comments_alone_are_no_change() -> None:
    reformatted = (DATA / "base.reformatted.cjmap.yaml").read_text(encoding="utf-8")
    assert reformatted != BASE
    result = run(BASE, reformatted)
    assert result.changes == ()


def test_comment_and_blank_line_edits_are_no_change() -> None:
    new = edit(BASE, ("  - id: buy\n", "\n  # the money part\n  - id: buy  # stage two\n"))
    assert run(BASE, new).identical


def test_order_of_an_id_list_is_no_change() -> None:
    new = edit(BASE, ("addresses: [hidden-fees, slow-site]", "addresses: [slow-site, hidden-fees]"))
    assert run(BASE, new).identical


def test_order_of_a_text_list_is_a_change() -> None:
    new = edit(BASE, ("[Reads reviews, Compares sizes]", "[Compares sizes, Reads reviews]"))
    (change,) = run(BASE, new).changes
    assert change.kind is ChangeKind.CHANGED
    assert change.path == "stages[browse].touchpoints[product-page].actions"
    assert change.old == ["Reads reviews", "Compares sizes"]
    assert change.new == ["Compares sizes", "Reads reviews"]


# -- changed --------------------------------------------------------------------------------

def test_changed_field_old_new_and_lines() -> None:
    new = edit(BASE, ("# A small map", "# An edited map\n# with one more line:"),
               ("        name: Search\n", "        name: Site search\n"))
    (change,) = run(BASE, new).changes
    assert change == Change(ChangeKind.CHANGED, "touchpoint", "search",
                            "stages[browse].touchpoints[search].name", "name", "Search",
                            "Site search", old_line=line_of(BASE, "name: Search"),
                            new_line=line_of(new, "name: Site search"))
    assert line_of(new, "name: Site search") == line_of(BASE, "name: Search") + 1


def test_field_set_from_default_and_cleared() -> None:
    new = edit(BASE, ("        name: Cart\n", "        name: Cart\n        owner: shop-team\n"),
               ("    frequency: 0.4\n", "    \n"))
    result = run(BASE, new)
    by_path = {c.path: c for c in result.changes}
    owner = by_path["stages[buy].touchpoints[cart].owner"]
    assert (owner.old, owner.new) == (None, "shop-team")
    frequency = by_path["stages[browse].touchpoints[product-page].pain_points[size-doubt]"
                        ".frequency"]
    assert (frequency.old, frequency.new) == (0.4, 1.0)  # back to the default 1.0
    assert len(result.changes) == 2


def test_map_level_fields_and_scales() -> None:
    new = edit(BASE, ("title: Shop journey", "title: Web shop journey"),
               ("reviewed: 2026-11-01", "reviewed: 2026-11-20\nscales: {emotion: {min: -3, "
                                        "max: 2}}"))
    result = run(BASE, new)
    assert [(c.path, c.old, c.new) for c in result.changes] == [
        ("title", "Shop journey", "Web shop journey"),
        ("reviewed", "2026-11-01", "2026-11-20"),
        ("scales.emotion.min", -2, -3),
    ]
    assert all(c.item_kind == "map" and c.item_id == "shop" for c in result.changes)


def test_extension_keys_are_compared() -> None:
    new = edit(BASE, ("        name: Cart\n", "        name: Cart\n        x-jira: SHOP-12\n"))
    (change,) = run(BASE, new).changes
    assert (change.path, change.field, change.old, change.new) == (
        "stages[buy].touchpoints[cart].x-jira", "x-jira", None, "SHOP-12")


# -- emotions ---------------------------------------------------------------------------------

def test_per_persona_emotion_compared_per_persona() -> None:
    new = edit(BASE, ("emotion: {parent: -1, student: 1}", "emotion: {parent: 1, student: 1}"))
    result = run(BASE, new)
    (change,) = result.changes
    assert change.path == "stages[browse].touchpoints[product-page].emotion[parent]"
    assert change.field == "emotion[parent]"
    assert (change.old, change.new) == (-1, 1)
    (highlight,) = result.highlights
    assert highlight.kind is HighlightKind.EMOTION_RISE
    assert (highlight.persona, highlight.old, highlight.new, highlight.delta) == ("parent", -1, 1,
                                                                                  2)
    assert highlight.title == "Product page"


def test_persona_emotion_added_and_removed() -> None:
    new = edit(BASE, ("emotion: {parent: -1, student: 1}", "emotion: {parent: -1}"))
    (change,) = run(BASE, new).changes
    assert (change.field, change.old, change.new) == ("emotion[student]", 1, None)
    assert run(BASE, new).highlights == ()  # nothing to compare a rise or drop with


def test_single_emotion_becoming_per_persona_highlights_each_persona() -> None:
    new = edit(BASE, ("        emotion: 0\n", "        emotion: {parent: -1, student: 2}\n"))
    result = run(BASE, new)
    (change,) = result.changes
    assert (change.field, change.old, change.new) == ("emotion", 0, {"parent": -1, "student": 2})
    assert [(h.kind, h.persona, h.delta) for h in result.highlights] == [
        (HighlightKind.EMOTION_DROP, "parent", -1),
        (HighlightKind.EMOTION_RISE, "student", 2),
    ]


def test_emotion_drop_with_delta() -> None:
    new = edit(BASE, ("        emotion: 1\n", "        emotion: -2\n"))
    (highlight,) = run(BASE, new).highlights
    assert highlight.kind is HighlightKind.EMOTION_DROP
    assert highlight.path == "stages[buy].touchpoints[checkout].emotion"
    assert (highlight.old, highlight.new, highlight.delta, highlight.persona) == (1, -2, -3, None)
    assert highlight.line == line_of(edit(BASE, ("        emotion: 1\n", "        emotion: -2\n")),
                                     "emotion: -2")


# -- added, removed ---------------------------------------------------------------------------

NEW_TOUCHPOINT = """      - id: wishlist
        name: Wishlist
        channel: web
        emotion: 1
"""


def test_added_and_removed_items() -> None:
    new = edit(BASE, ("  - id: buy\n    name: Buy\n    touchpoints:\n",
                      "  - id: buy\n    name: Buy\n    touchpoints:\n" + NEW_TOUCHPOINT),
               ("  - id: store\n    name: Store\n", ""),
               ("        channel: store\n", ""))
    result = run(BASE, new)
    assert kinds(result) == [
        (ChangeKind.REMOVED, "channels[store]"),
        (ChangeKind.ADDED, "stages[buy].touchpoints[wishlist]"),
        (ChangeKind.CHANGED, "stages[buy].touchpoints[checkout].channel"),
    ]
    added = result.changes[1]
    assert (added.item_kind, added.item_id, added.new, added.old_line) == (
        "touchpoint", "wishlist", "Wishlist", None)
    assert added.new_line == line_of(new, "id: wishlist")
    removed = result.changes[0]
    assert (removed.old, removed.new_line, removed.old_line) == (
        "Store", None, line_of(BASE, "id: store"))


def test_new_and_resolved_pain_points() -> None:
    new = edit(BASE,
               ("        emotion: 1\n        pain_points:\n          - id: hidden-fees\n"
                "            title: Hidden fees at the end\n            severity: 4\n",
                "        emotion: 1\n"),
               ("addresses: [hidden-fees, slow-site]", "addresses: [slow-site]"),
               ("        emotion: -1\n",
                "        emotion: -1\n        pain_points:\n          - id: coupon-fails\n"
                "            title: Coupon code fails\n            severity: 5\n"))
    result = run(BASE, new)
    pains = [(h.kind, h.item_id, h.title, h.old, h.new) for h in result.highlights]
    assert pains == [  # the severity, on the side where the pain point is
        (HighlightKind.PAIN_NEW, "coupon-fails", "Coupon code fails", None, 5),
        (HighlightKind.PAIN_RESOLVED, "hidden-fees", "Hidden fees at the end", 4, None),
    ]
    assert (ChangeKind.REMOVED, "stages[buy].touchpoints[checkout].pain_points[hidden-fees]") in \
        kinds(result)
    assert (ChangeKind.CHANGED, "opportunities[show-fees].addresses") in kinds(result)


# -- moved ---------------------------------------------------------------------------------

CART = """      - id: cart
        name: Cart
        channel: web
        emotion: -1
        metrics: [abandonment]
"""


def test_touchpoint_moved_to_another_stage() -> None:
    # the cart now ends the browse stage
    new = edit(BASE, (CART, ""),
               ("            evidence: [survey]\n  - id: buy\n",
                "            evidence: [survey]\n" + CART + "  - id: buy\n"))
    result = run(BASE, new)
    (change,) = result.changes
    assert change.kind is ChangeKind.MOVED
    assert change.path == "stages[browse].touchpoints[cart]"
    assert change.old_path == "stages[buy].touchpoints[cart]"
    assert (change.old, change.new) == ("stages[buy]", "stages[browse]")
    assert (change.old_line, change.new_line) == (line_of(BASE, "id: cart"),
                                                  line_of(new, "id: cart"))
    assert result.highlights == ()


def test_pain_point_moved_from_touchpoint_to_stage() -> None:
    pain = ("          - id: hidden-fees\n            title: Hidden fees at the end\n"
            "            severity: 4\n")
    new = edit(BASE, ("        pain_points:\n" + pain, ""),
               ("    pain_points:\n      - id: slow-site\n",
                "    pain_points:\n      - id: hidden-fees\n        title: Hidden fees at the end\n"
                "        severity: 4\n      - id: slow-site\n"))
    (change,) = run(BASE, new).changes
    assert change.kind is ChangeKind.MOVED
    assert change.path == "stages[buy].pain_points[hidden-fees]"
    assert (change.old, change.new) == ("stages[buy].touchpoints[checkout]", "stages[buy]")


def test_reordering_alone_is_one_change_per_list() -> None:
    search = BASE[BASE.index("      - id: search"):BASE.index("      - id: product-page")]
    new = edit(BASE, (search, ""),
               ("            evidence: [survey]\n  - id: buy\n",
                "            evidence: [survey]\n" + search + "  - id: buy\n"))
    result = run(BASE, new)
    (change,) = result.changes
    assert change.kind is ChangeKind.MOVED
    assert change.item_id is None
    assert change.item_kind == "touchpoint"
    assert (change.path, change.old_path) == ("stages[browse].touchpoints", None)
    assert (change.old, change.new) == (["search", "product-page"], ["product-page", "search"])


def test_one_item_moved_to_the_front_of_a_long_list_is_not_a_cascade() -> None:
    personas = "personas:\n" + "".join(f"  - id: p{i}\n    name: P{i}\n" for i in range(6))
    base = edit(BASE, ("personas:\n", personas))
    moved = "personas:\n  - id: p5\n    name: P5\n" + "".join(
        f"  - id: p{i}\n    name: P{i}\n" for i in range(5))
    result = run(base, edit(base, (personas, moved)))
    (change,) = result.changes
    assert change.path == "personas"
    assert change.new[:2] == ["p5", "p0"]


def test_stages_reordered() -> None:
    browse = BASE[BASE.index("  - id: browse"):BASE.index("  - id: buy")]
    new = edit(BASE, (browse, ""), ("opportunities:\n", browse + "opportunities:\n"))
    result = run(BASE, new)
    (change,) = result.changes
    assert (change.kind, change.path, change.old, change.new) == (
        ChangeKind.MOVED, "stages", ["browse", "buy"], ["buy", "browse"])


# -- renamed ---------------------------------------------------------------------------------

def test_renamed_touchpoint() -> None:
    new = edit(BASE, ("      - id: checkout\n", "      - id: payment\n"))
    result = run(BASE, new)
    (change,) = result.changes  # its pain point is not "moved": its parent is the same item
    assert change.kind is ChangeKind.RENAMED
    assert (change.old, change.new) == ("checkout", "payment")
    assert change.path == "stages[buy].touchpoints[payment]"
    assert change.old_path == "stages[buy].touchpoints[checkout]"


def test_renamed_pain_point_follows_references() -> None:
    new = edit(BASE, ("          - id: hidden-fees\n", "          - id: surprise-fees\n"),
               ("addresses: [hidden-fees, slow-site]", "addresses: [surprise-fees, slow-site]"))
    result = run(BASE, new)
    (change,) = result.changes  # no change reported on opportunities[show-fees].addresses
    assert (change.kind, change.item_kind, change.old, change.new) == (
        ChangeKind.RENAMED, "pain_point", "hidden-fees", "surprise-fees")
    assert result.highlights == ()  # a rename is neither a new nor a resolved pain


def test_renamed_persona_follows_emotion_keys() -> None:
    new = edit(BASE, ("  - id: parent\n", "  - id: guardian\n"),
               ("{parent: -1, student: 1}", "{guardian: -1, student: 1}"))
    (change,) = run(BASE, new).changes
    assert (change.kind, change.old, change.new) == (ChangeKind.RENAMED, "parent", "guardian")


def test_rename_with_a_small_edit_is_rename_plus_change() -> None:
    new = edit(BASE, ("      - id: checkout\n        name: Checkout\n",
                      "      - id: payment\n        name: Checkout page\n"))
    # name similarity 2*8/21 = 0.76; channel and emotion equal: (0.76 + 1 + 1) / 3 = 0.92
    assert RENAME_THRESHOLD <= (0.76 + 2) / 3
    assert kinds(run(BASE, new)) == [
        (ChangeKind.RENAMED, "stages[buy].touchpoints[payment]"),
        (ChangeKind.CHANGED, "stages[buy].touchpoints[payment].name"),
    ]


def test_new_id_with_different_content_is_remove_and_add() -> None:
    new = edit(BASE, ("      - id: checkout\n        name: Checkout\n        channel: store\n"
                      "        emotion: 1\n",
                      "      - id: payment\n        name: Pay by card\n        channel: web\n"
                      "        emotion: -1\n"))
    result = run(BASE, new)
    got = {(c.kind, c.path) for c in result.changes}
    assert (ChangeKind.ADDED, "stages[buy].touchpoints[payment]") in got
    assert (ChangeKind.REMOVED, "stages[buy].touchpoints[checkout]") in got
    assert not any(c.kind is ChangeKind.RENAMED for c in result.changes)


# -- highlights of pains, opportunities, metrics ---------------------------------------------------

def test_severity_status_and_metric_highlights() -> None:
    new = edit(BASE, ("            severity: 3\n", "            severity: 5\n"),
               ("    status: idea\n", "    status: in_progress\n"),
               ("    value: 20\n", "    value: 25\n"),
               ("    value: 0.7\n", "    value: 0.45\n"))
    result = run(BASE, new)
    got = {h.kind: h for h in result.highlights}
    severity = got[HighlightKind.PAIN_SEVERITY]
    assert (severity.item_id, severity.old, severity.new, severity.delta) == ("size-doubt", 3, 5, 2)
    status = got[HighlightKind.OPPORTUNITY_STATUS]
    assert (status.item_id, status.old, status.new) == ("size-guide", "idea", "in_progress")
    metrics = [h for h in result.highlights if h.kind is HighlightKind.METRIC_VALUE]
    nps, abandonment = metrics
    # NPS 20 -> 25, higher is better, target 40 not reached
    assert (nps.old, nps.new, nps.delta, nps.verdict, nps.met_target) == (20, 25, 5, "better",
                                                                          False)
    # abandonment 0.7 -> 0.45, lower is better, target 0.5 reached
    assert abandonment.delta == pytest.approx(-0.25)
    assert (abandonment.verdict, abandonment.met_target, abandonment.target) == ("better", True,
                                                                                 0.5)
    assert [h.kind for h in result.highlights] == [
        HighlightKind.PAIN_SEVERITY, HighlightKind.OPPORTUNITY_STATUS,
        HighlightKind.METRIC_VALUE, HighlightKind.METRIC_VALUE]


def test_metric_getting_worse_and_judged_by_target_alone() -> None:
    new = edit(BASE, ("    value: 20\n    target: 40\n    better: higher\n",
                      "    value: 30\n    target: 25\n"),
               ("    value: 0.7\n", "    value: 0.8\n"))
    nps, abandonment = run(BASE, new).highlights
    assert (nps.verdict, nps.better) == ("worse", None)  # |30 - 25| > |20 - 25|
    assert abandonment.verdict == "worse"  # lower is better and it rose


# -- ordering, counts, whole maps, robustness ------------------------------------------------------

def test_changes_come_in_journey_order() -> None:
    new = edit(BASE, ("title: Shop journey", "title: Shop"),
               ("    status: planned\n", "    status: done\n"),
               ("        emotion: -1\n", "        emotion: 0\n"),
               ("  - id: parent\n    name: Parent\n", "  - id: parent\n    name: Parents\n"),
               ("        name: Search\n", "        name: Find\n"))
    assert [c.path for c in run(BASE, new).changes] == [
        "title",
        "personas[parent].name",
        "stages[browse].touchpoints[search].name",
        "stages[buy].touchpoints[cart].emotion",
        "opportunities[show-fees].status",
    ]


def test_counts_per_kind_and_per_item_kind() -> None:
    new = edit(BASE, ("        name: Search\n        channel: web\n        emotion: 0\n",
                      "        name: Find\n        channel: store\n        emotion: 0\n"),
               ("      - id: checkout\n", "      - id: payment\n"))
    result = run(BASE, new)
    assert result.counts() == {ChangeKind.ADDED: 0, ChangeKind.REMOVED: 0,
                               ChangeKind.CHANGED: 2, ChangeKind.MOVED: 0,
                               ChangeKind.RENAMED: 1}
    # two fields of one touchpoint changed: one changed item
    assert result.item_counts() == {"touchpoint": {ChangeKind.ADDED: 0, ChangeKind.REMOVED: 0,
                                                   ChangeKind.CHANGED: 1, ChangeKind.MOVED: 0,
                                                   ChangeKind.RENAMED: 1}}


def test_map_added_and_removed_as_a_whole() -> None:
    nothing = Side(None, SourceMap.empty(), "/dev/null")
    added = diff_maps(nothing, side(BASE, "new"))
    assert [(c.kind, c.item_kind, c.item_id, c.new) for c in added.changes] == [
        (ChangeKind.ADDED, "map", "shop", "Shop journey")]
    removed = diff_maps(side(BASE, "old"), nothing)
    assert [(c.kind, c.old) for c in removed.changes] == [(ChangeKind.REMOVED, "Shop journey")]


def test_duplicate_ids_do_not_break_the_diff() -> None:
    dup = edit(BASE, ("  - id: store\n    name: Store\n", "  - id: web\n    name: Web 2\n"))
    result = run(dup, edit(dup, ("    name: Web 2\n", "    name: Web two\n")))
    (change,) = result.changes
    assert (change.path, change.old, change.new) == ("channels[web#2].name", "Web 2", "Web two")


def test_same_input_same_result() -> None:
    new = edit(BASE, ("      - id: checkout\n", "      - id: payment\n"),
               ("emotion: {parent: -1, student: 1}", "emotion: {parent: 2, student: -2}"))
    assert run(BASE, new) == run(BASE, new)
    assert result_json(run(BASE, new)) == result_json(run(BASE, new))


def test_json_shape() -> None:
    new = edit(BASE, ("        emotion: 1\n", "        emotion: 2\n"))
    document = result_json(run(BASE, new))
    assert document["version"] == 1
    assert document["identical"] is False
    assert document["summary"] == {"added": 0, "removed": 0, "changed": 1, "moved": 0,
                                   "renamed": 0, "total": 1}
    (change,) = document["changes"]
    assert change == {"kind": "changed", "item_kind": "touchpoint", "id": "checkout",
                      "path": "stages[buy].touchpoints[checkout].emotion", "old_path": None,
                      "field": "emotion", "old": 1, "new": 2,
                      "old_line": line_of(BASE, "emotion: 1"),
                      "new_line": line_of(new, "emotion: 2")}
    (highlight,) = document["highlights"]
    assert highlight["kind"] == "emotion-rise"
    assert highlight["delta"] == 1


# -- properties over generated maps ------------------------------------------------------------

def test_exact_renames_still_found_above_the_fuzzy_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import cjmap.diff.matching

    monkeypatch.setattr(cjmap.diff.matching, "FUZZY_RENAME_LIMIT", 0)
    exact = edit(BASE, ("      - id: checkout\n", "      - id: payment\n"))
    assert kinds(run(BASE, exact)) == [(ChangeKind.RENAMED, "stages[buy].touchpoints[payment]")]
    near = edit(BASE, ("      - id: checkout\n        name: Checkout\n",
                       "      - id: payment\n        name: Checkout page\n"))
    # not paired: the touchpoint is removed and added, and its pain point changed parent
    # (a removed item comes right after the item before it in the old version: cart)
    assert kinds(run(BASE, near)) == [
        (ChangeKind.REMOVED, "stages[buy].touchpoints[checkout]"),
        (ChangeKind.ADDED, "stages[buy].touchpoints[payment]"),
        (ChangeKind.MOVED, "stages[buy].touchpoints[payment].pain_points[hidden-fees]"),
    ]


@settings(max_examples=12, deadline=None)
@given(seed_a=st.integers(0, 10_000), seed_b=st.integers(0, 10_000),
       size_a=st.integers(3, 12), size_b=st.integers(3, 12))
def test_diff_is_symmetric_and_a_map_equals_itself(seed_a: int, seed_b: int, size_a: int,
                                                   size_b: int) -> None:
    a = generate_map(size_a, seed=seed_a, personas=2)
    b = generate_map(size_b, seed=seed_b, personas=2)
    assert run(a, a).identical
    forward, backward = run(a, b).counts(), run(b, a).counts()
    assert forward[ChangeKind.ADDED] == backward[ChangeKind.REMOVED]
    assert forward[ChangeKind.REMOVED] == backward[ChangeKind.ADDED]
    for kind in (ChangeKind.CHANGED, ChangeKind.MOVED, ChangeKind.RENAMED):
        assert forward[kind] == backward[kind]
