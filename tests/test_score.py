"""The scoring core: every expected number is worked out by hand in the comments.

Formulas (docs/scoring.md, "Definitions"): w(p) = severity × frequency (default 1.0);
weighted priority = Σ w(p) × impact/5 × confidence (default 1.0) / effort;
ice priority = impact × confidence × (6 − effort);
coverage = Σ w of pains addressed by a not-dropped opportunity ÷ Σ w of all pains.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.model import JourneyMap, Status
from cjmap.reporting.score.base import (
    explain_coverage,
    explain_opportunity,
    explain_pain,
    explain_stage_emotion,
)
from cjmap.reporting.text import num
from cjmap.score import Method, Scorecard, exact, score_map, score_maps
from helpers import journey_at

DATA = Path(__file__).resolve().parent / "data" / "score"


def journey(name: str) -> JourneyMap:
    return journey_at(DATA / name)


def card(name: str, method: Method = Method.WEIGHTED) -> Scorecard:
    return score_map(journey(name), method, str(DATA / name))


# -- shop.cjmap.yaml, by hand ----------------------------------------------------------------
# pains:  slow-search    4 × 0.35        = 1.4
#         no-sizes       3 × 1 (default) = 3
#         confusing-nav  3 × 0.4         = 1.2   (on the stage itself)
#         card-declined  5 × 0.1         = 0.5
#         forced-account 2 × 0.25        = 0.5
#         no-help        3 × 0.3         = 0.9
#         total                          = 7.5


def test_pain_weights_with_default_frequency() -> None:
    pains = {p.id: p for p in card("shop.cjmap.yaml").pains}
    assert {k: p.weight for k, p in pains.items()} == {
        "slow-search": F(14, 10), "no-sizes": F(3), "confusing-nav": F(12, 10),
        "card-declined": F(1, 2), "forced-account": F(1, 2), "no-help": F(9, 10)}
    assert pains["no-sizes"].frequency == 1 and not pains["no-sizes"].frequency_given
    assert pains["slow-search"].frequency_given
    assert pains["confusing-nav"].touchpoint is None
    assert pains["confusing-nav"].stage == "browse"


def test_weighted_priorities_ties_by_id() -> None:
    scored = card("shop.cjmap.yaml")
    # better-search: (1.4 + 3) × 4/5 × 0.8 / 2 = 4.4 × 0.32 = 1.408 (slow-search listed twice: once)
    # size-chart:    3 × 5/5 × 1 (default) / 3           = 1
    # nav-redo:      1.2 × 3/5 × 0.6 / 2                  = 0.216
    # chat-help:     0.9 × 2/5 × 0.6 / 1                  = 0.216 -> tie, chat-help < nav-redo
    # (in binary floats nav-redo comes out 0.21600000000000003 and would wrongly win the tie)
    ranked = [(o.rank, o.id, o.priority) for o in scored.ranked]
    assert ranked == [(1, "better-search", F(1408, 1000)), (2, "size-chart", F(1)),
                      (3, "chat-help", F(216, 1000)), (4, "nav-redo", F(216, 1000))]
    better = scored.ranked[0]
    assert better.pain_weight == F(44, 10)
    assert [p.id for p in better.addresses] == ["slow-search", "no-sizes"]
    size_chart = scored.ranked[1]
    assert size_chart.confidence == 1 and not size_chart.confidence_given


def test_pain_addressed_by_two_opportunities_counts_fully_for_each_once_for_coverage() -> None:
    scored = card("shop.cjmap.yaml")
    by_id = {o.id: o for o in scored.ranked}
    # no-sizes (3) is in both better-search's Σw (4.4) and size-chart's (3) ...
    assert "no-sizes" in [p.id for p in by_id["better-search"].addresses]
    assert [p.id for p in by_id["size-chart"].addresses] == ["no-sizes"]
    no_sizes = next(p for p in scored.pains if p.id == "no-sizes")
    assert no_sizes.addressed_by == ("better-search", "size-chart")
    # ... and once in the covered weight: 7.5 − forced-account 0.5 = 7, not 10.
    assert scored.coverage.covered_weight == 7


def test_done_and_dropped() -> None:
    scored = card("shop.cjmap.yaml")
    # Not ranked, listed apart, done first: retry-payments 0.5 × 3/5 × 0.5 / 2 = 0.075,
    # guest-checkout 0.5 × 4/5 × 1 / 1 = 0.4 (it would outrank chat-help if it were open).
    assert [(o.id, o.status, o.rank, o.priority) for o in scored.closed] == [
        ("retry-payments", Status.DONE, None, F(75, 1000)),
        ("guest-checkout", Status.DROPPED, None, F(4, 10))]
    assert all(o.id not in ("retry-payments", "guest-checkout") for o in scored.ranked)
    # done covers card-declined; dropped does not cover forced-account.
    pains = {p.id: p for p in scored.pains}
    assert pains["card-declined"].covered
    assert not pains["forced-account"].covered
    assert pains["forced-account"].dropped_by == ("guest-checkout",)
    assert [p.id for p in scored.unaddressed] == ["forced-account"]


def test_coverage() -> None:
    coverage = card("shop.cjmap.yaml").coverage
    # (1.4 + 3 + 1.2 + 0.5 + 0.9) / 7.5 = 7 / 7.5 = 14/15
    assert coverage.value == F(14, 15)
    assert (coverage.covered_pains, coverage.total_pains) == (5, 6)
    assert coverage.total_weight == F(75, 10)


def test_stages_weight_and_mean_emotion() -> None:
    stages = {s.id: s for s in card("shop.cjmap.yaml").stages}
    # browse: 1.4 + 3 + 1.2 = 5.6; emotions: search 1, product mean(2, −1) = 0.5 -> 0.75
    assert stages["browse"].pain_weight == F(56, 10)
    assert stages["browse"].mean_emotion == F(3, 4)
    # pay: 0.5 + 0.5 + 0.9 = 1.9; checkout has no emotion and is left out -> −2
    assert stages["pay"].pain_weight == F(19, 10)
    assert stages["pay"].mean_emotion == -2
    assert [e.id for e in stages["pay"].emotions] == ["confirm"]
    # after: no touchpoints at all
    assert stages["after"].pain_weight == 0
    assert stages["after"].mean_emotion is None
    assert [s.id for s in card("shop.cjmap.yaml").stages] == ["browse", "pay", "after"]


def test_ice_method() -> None:
    scored = card("shop.cjmap.yaml", Method.ICE)
    # better-search 4 × 0.8 × (6 − 2) = 12.8; size-chart 5 × 1 × 3 = 15;
    # nav-redo 3 × 0.6 × 4 = 7.2; chat-help 2 × 0.6 × 5 = 6
    assert [(o.id, o.priority) for o in scored.ranked] == [
        ("size-chart", F(15)), ("better-search", F(128, 10)), ("nav-redo", F(72, 10)),
        ("chat-help", F(6))]
    assert scored.coverage.value == F(14, 15)  # coverage does not depend on the method


def test_no_pains_coverage_one_and_unknown_addresses_ignored() -> None:
    scored = card("calm.cjmap.yaml")
    assert scored.coverage.value == 1
    assert scored.coverage.total_pains == 0
    assert scored.unaddressed == ()
    (ghost,) = scored.ranked
    # 'ghost' does not exist and 'lobby' is a touchpoint: neither is a pain, Σw = 0.
    assert ghost.unknown == ("ghost", "lobby")
    assert ghost.addresses == ()
    assert ghost.priority == 0
    assert scored.stages[0].mean_emotion is None


def test_coverage_is_exact() -> None:
    # 0.7 / (0.7 + 0.175) = 0.8 exactly; floats give 0.7999999999999999.
    scored = card("exact.cjmap.yaml")
    assert scored.coverage.value == F(4, 5)
    result = score_maps([("exact", journey("exact.cjmap.yaml"))], min_coverage=exact(0.8))
    assert result.failures() == []
    result = score_maps([("exact", journey("exact.cjmap.yaml"))], min_coverage=exact(0.81))
    assert [f.card.map_id for f in result.failures()] == ["exact"]


def test_zero_weight_pains_give_coverage_one() -> None:
    data: dict[str, Any] = {
        "cjmap": 1, "id": "zero", "title": "Zero",
        "stages": [{"id": "s", "name": "S", "pain_points": [
            {"id": "p", "title": "P", "severity": 5, "frequency": 0.0}]}]}
    scored = score_map(JourneyMap.model_validate(data))
    # 5 × 0 = 0 of 0: nothing is at stake, so nothing is uncovered.
    assert scored.coverage.value == 1
    assert [p.id for p in scored.unaddressed] == ["p"]


def test_unaddressed_ranked_by_weight_then_id() -> None:
    data: dict[str, Any] = {
        "cjmap": 1, "id": "m", "title": "M",
        "stages": [{"id": "s", "name": "S", "pain_points": [
            {"id": "b", "title": "B", "severity": 2, "frequency": 0.5},   # 1
            {"id": "c", "title": "C", "severity": 3},                     # 3
            {"id": "a", "title": "A", "severity": 4, "frequency": 0.25},  # 1 (ties b)
        ]}]}
    scored = score_map(JourneyMap.model_validate(data))
    assert [(p.id, p.weight) for p in scored.unaddressed] == [("c", F(3)), ("a", F(1)), ("b", F(1))]
    assert scored.coverage.value == 0


def test_duplicated_pain_id_means_every_pain_with_it() -> None:
    data: dict[str, Any] = {
        "cjmap": 1, "id": "m", "title": "M",
        "stages": [{"id": "s", "name": "S", "pain_points": [
            {"id": "p", "title": "P1", "severity": 2},                    # 2
            {"id": "p", "title": "P2", "severity": 3, "frequency": 0.5},  # 1.5
        ]}],
        "opportunities": [{"id": "o", "title": "O", "addresses": ["p"], "impact": 5,
                           "effort": 1}]}
    scored = score_map(JourneyMap.model_validate(data))
    # Σw = 2 + 1.5 = 3.5; × 5/5 × 1 / 1 = 3.5; both pains covered.
    assert scored.ranked[0].priority == F(7, 2)
    assert scored.coverage.value == 1


def test_combined_ranking_names_the_map_and_breaks_ties_by_map() -> None:
    result = score_maps([(str(DATA / "shop.cjmap.yaml"), journey("shop.cjmap.yaml")),
                         (str(DATA / "alpha.cjmap.yaml"), journey("alpha.cjmap.yaml"))])
    # alpha size-chart: 5 × 1/5 × 1 / 1 = 1, the same as shop's size-chart: alpha first.
    assert [(r.rank, r.card.map_id, r.opportunity.id, r.opportunity.priority)
            for r in result.combined] == [
        (1, "shop", "better-search", F(1408, 1000)),
        (2, "alpha", "size-chart", F(1)),
        (3, "shop", "size-chart", F(1)),
        (4, "shop", "chat-help", F(216, 1000)),
        (5, "shop", "nav-redo", F(216, 1000))]
    # (7 + 5) / (7.5 + 5) = 12 / 12.5 = 0.96
    assert result.coverage.value == F(96, 100)


def test_top_limits_what_is_shown_not_what_is_ranked() -> None:
    result = score_maps([("shop", journey("shop.cjmap.yaml"))], top=2)
    assert [o.id for o in result.shown(result.cards[0].ranked)] == ["better-search",
                                                                   "size-chart"]
    assert len(result.cards[0].ranked) == 4
    assert len(result.shown_combined()) == 2


def test_gate_is_per_map() -> None:
    result = score_maps([("shop", journey("shop.cjmap.yaml")),
                         ("alpha", journey("alpha.cjmap.yaml"))], min_coverage=exact(0.95))
    # combined coverage is 0.96 >= 0.95, but shop alone (14/15 = 0.933) misses it.
    assert result.coverage.value >= F(95, 100)
    assert [f.card.map_id for f in result.failures()] == ["shop"]


def test_explanations_show_the_terms() -> None:
    scored = card("shop.cjmap.yaml")
    by_id = {o.id: o for o in scored.ranked}
    assert explain_opportunity(by_id["better-search"]) == (
        "Σw = 1.4 [slow-search: 4 × 0.35] + 3 [no-sizes: 3 × 1] = 4.4; 4.4 × impact 4/5 × "
        "confidence 0.8 ÷ effort 2 = 1.408")
    assert "confidence 1 (default)" in explain_opportunity(by_id["size-chart"])
    pains = {p.id: p for p in scored.pains}
    assert explain_pain(pains["no-sizes"]) == "severity 3 × frequency 1 (default) = 3"
    assert explain_coverage(scored.coverage, scored).endswith("7 ÷ 7.5 = 0.933")
    browse = scored.stages[0]
    assert explain_stage_emotion(browse) == (
        "(1 [search] + 0.5 [product: mean of parent 2, student -1]) ÷ 2 = 0.75")
    ice = card("shop.cjmap.yaml", Method.ICE)
    assert explain_opportunity(ice.ranked[0]) == (
        "impact 5 × confidence 1 (default) × (6 − effort 3) = 15")


@pytest.mark.parametrize(("value", "text"), [
    (F(1, 3), "0.333"), (F(2, 3), "0.667"), (F(-1, 6), "-0.167"), (F(1, 2000), "0.001"),
    (F(-1, 3000), "0"), (F(7, 5), "1.4"), (F(3), "3"), (F(1408, 1000), "1.408"), (0, "0"),
])
def test_num_rounds_half_up_for_display(value: F, text: str) -> None:
    assert num(value) == text


def test_exact_reads_the_written_decimal() -> None:
    assert exact(0.35) == F(7, 20)
    assert exact(1e-05) == F(1, 100_000)
    assert exact(3) == 3


# -- property: the scorecard agrees with a naive float computation -----------------------------

_pain = st.fixed_dictionaries({
    "severity": st.integers(1, 5),
    "frequency": st.sampled_from([0.0, 0.05, 0.1, 0.25, 0.35, 0.5, 0.8, 1.0]),
})
_opp = st.fixed_dictionaries({
    "impact": st.integers(1, 5), "effort": st.integers(1, 5),
    "confidence": st.sampled_from([0.1, 0.3, 0.5, 0.75, 1.0]),
    "status": st.sampled_from([s.value for s in Status]),
    "targets": st.lists(st.integers(0, 5), min_size=1, max_size=3),
})


@settings(max_examples=60, deadline=None)
@given(pains=st.lists(_pain, min_size=0, max_size=6), opps=st.lists(_opp, max_size=5))
def test_matches_naive_float_computation(pains: list[dict[str, Any]],
                                         opps: list[dict[str, Any]]) -> None:
    pain_items = [{"id": f"p{i}", "title": "P", **p} for i, p in enumerate(pains)]
    opp_items = [{"id": f"o{i}", "title": "O", "impact": o["impact"], "effort": o["effort"],
                  "confidence": o["confidence"], "status": o["status"],
                  "addresses": [f"p{t}" for t in o["targets"]]}
                 for i, o in enumerate(opps)]
    model = JourneyMap.model_validate({
        "cjmap": 1, "id": "gen", "title": "Gen", "opportunities": opp_items,
        "stages": [{"id": "s", "name": "S", "pain_points": pain_items}]})
    scored = score_map(model)

    weight = {p["id"]: p["severity"] * p["frequency"] for p in pain_items}
    total = sum(weight.values())
    covered_ids = {a for o in opp_items if o["status"] != "dropped" for a in o["addresses"]}
    covered = sum(w for pid, w in weight.items() if pid in covered_ids)
    expected_coverage = 1.0 if total == 0 else covered / total
    assert float(scored.coverage.value) == pytest.approx(expected_coverage)

    for o in scored.ranked + scored.closed:
        item = next(x for x in opp_items if x["id"] == o.id)
        sigma = sum(weight[a] for a in set(item["addresses"]) if a in weight)
        naive = sigma * item["impact"] / 5 * item["confidence"] / item["effort"]
        assert float(o.priority) == pytest.approx(naive)
    priorities = [o.priority for o in scored.ranked]
    assert priorities == sorted(priorities, reverse=True)
    assert all(o.status not in (Status.DONE, Status.DROPPED) for o in scored.ranked)
