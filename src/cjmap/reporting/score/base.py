"""What every score format shares: explanations of the numbers and the tables.

Numbers are exact fractions in the scorecard, rounded for people by
:func:`cjmap.reporting.text.num`; JSON and CSV, for programs, carry the full float.
"""

from __future__ import annotations

from collections.abc import Iterable

from cjmap.reporting.base import Reporter
from cjmap.reporting.grid import Grid
from cjmap.reporting.text import num, percent, plural
from cjmap.score import (
    Coverage,
    Method,
    OpportunityScore,
    PainScore,
    Scorecard,
    ScoreResult,
    StageScore,
    TouchpointEmotion,
    total_weight,
)

ScoreReporter = Reporter[ScoreResult]


def where(pain: PainScore) -> str:
    """``stage › touchpoint``, or the stage alone for a pain on the stage itself."""
    return pain.stage if pain.touchpoint is None else f"{pain.stage} › {pain.touchpoint}"


def coverage_line(coverage: Coverage) -> str:
    if coverage.total_pains == 0:
        return "coverage 100% (no pain points)"
    return (f"coverage {percent(coverage.value)} ({num(coverage.covered_weight)} of "
            f"{num(coverage.total_weight)} pain weight; {coverage.covered_pains} of "
            f"{plural(coverage.total_pains, 'pain point')})")


def _weights(pains: Iterable[PainScore]) -> str:
    """``1.4 [slow-search: 4 × 0.35] + 3 [no-sizes: 3 × 1] = 4.4``: each weight and its terms."""
    listed = list(pains)
    if not listed:
        return "0"
    terms = " + ".join(f"{num(p.weight)} [{p.id}: {p.severity} × {num(p.frequency)}]"
                       for p in listed)
    if len(listed) == 1:
        return terms
    return f"{terms} = {num(total_weight(listed))}"


# -- explanations: each number with the terms it was computed from --------------------------

def explain_pain(pain: PainScore) -> str:
    default = "" if pain.frequency_given else " (default)"
    return (f"severity {pain.severity} × frequency {num(pain.frequency)}{default} "
            f"= {num(pain.weight)}")


def explain_opportunity(o: OpportunityScore) -> str:
    confidence = num(o.confidence) + ("" if o.confidence_given else " (default)")
    if o.method is Method.ICE:
        text = (f"impact {o.impact} × confidence {confidence} × (6 − effort {o.effort}) "
                f"= {num(o.priority)}")
    else:
        weights = _weights(o.addresses)
        text = (f"Σw = {weights}; {num(o.pain_weight)} × impact {o.impact}/5 × confidence "
                f"{confidence} ÷ effort {o.effort} = {num(o.priority)}")
    if o.unknown:
        text += f"; not pain points, ignored: {', '.join(o.unknown)}"
    return text


def explain_coverage(coverage: Coverage, card: Scorecard | None = None) -> str:
    if coverage.total_weight == 0:
        return "no pain weight to cover: coverage is 1 by definition"
    ratio = (f"{num(coverage.covered_weight)} ÷ {num(coverage.total_weight)} "
             f"= {num(coverage.value)}")
    if card is None:
        return f"covered weight ÷ total weight of all maps = {ratio}"
    covered = _weights(p for p in card.pains if p.covered)
    return f"covered {covered} of total {num(coverage.total_weight)}; {ratio}"


def _emotion_term(e: TouchpointEmotion) -> str:
    if len(e.values) == 1 and e.values[0][0] is None:
        return f"{e.values[0][1]} [{e.id}]"
    personas = ", ".join(f"{persona} {value}" for persona, value in e.values)
    return f"{num(e.mean)} [{e.id}: mean of {personas}]"


def explain_stage_emotion(stage: StageScore) -> str:
    if stage.mean_emotion is None:
        return "no touchpoint of this stage has an emotion"
    terms = " + ".join(_emotion_term(e) for e in stage.emotions)
    return f"({terms}) ÷ {len(stage.emotions)} = {num(stage.mean_emotion)}"


def explain_stage_weight(stage: StageScore) -> str:
    return _weights(stage.pains)


# -- the tables that the human formats (table, markdown) share --------------------------------

def _with_explain(headers: tuple[str, ...], explain: bool) -> tuple[str, ...]:
    return (*headers, "Computed as") if explain else headers


def opportunity_grid(card: Scorecard, result: ScoreResult, explain: bool) -> Grid:
    shown = result.shown(card.ranked)
    rows = tuple(
        (str(o.rank), o.id, o.title, str(o.status), num(o.priority), num(o.pain_weight),
         str(o.impact), str(o.effort), num(o.confidence), ", ".join(p.id for p in o.addresses))
        + ((explain_opportunity(o),) if explain else ())
        for o in shown)
    note = None
    if len(shown) < len(card.ranked):
        note = f"Showing the top {len(shown)} of {len(card.ranked)} (--top {result.top})."
    return Grid(
        f"Ranked opportunities ({result.method})",
        _with_explain(("#", "Opportunity", "Title", "Status", "Priority", "Pain weight",
                       "Impact", "Effort", "Confidence", "Addresses"), explain),
        rows, frozenset({0, 4, 5, 6, 7, 8}),
        "No opportunities to rank.", note)


def closed_grid(card: Scorecard, explain: bool) -> Grid:
    rows = tuple(
        (o.id, o.title, str(o.status), num(o.priority), ", ".join(p.id for p in o.addresses))
        + ((explain_opportunity(o),) if explain else ())
        for o in card.closed)
    return Grid("Done and dropped (not ranked; done still covers its pains)",
                _with_explain(("Opportunity", "Title", "Status", "Priority", "Addresses"),
                              explain),
                rows, frozenset({3}), "None.")


def unaddressed_grid(card: Scorecard, explain: bool) -> Grid:
    rows = tuple(
        (p.id, p.title, where(p), str(p.severity), num(p.frequency), num(p.weight),
         ", ".join(p.dropped_by))
        + ((explain_pain(p),) if explain else ())
        for p in card.unaddressed)
    empty = ("No pain points." if not card.pains
             else "None: every pain point has an opportunity that is not dropped.")
    return Grid("Unaddressed pain points (by weight)",
                _with_explain(("Pain point", "Title", "Where", "Severity", "Frequency",
                               "Weight", "Dropped opportunities"), explain),
                rows, frozenset({3, 4, 5}), empty)


def stage_grid(card: Scorecard, explain: bool) -> Grid:
    low, high = card.scale
    rows = tuple(
        (s.id, s.name, str(s.touchpoints), str(len(s.pains)), num(s.pain_weight),
         "–" if s.mean_emotion is None else num(s.mean_emotion))
        + ((f"weight: {explain_stage_weight(s)}; emotion: {explain_stage_emotion(s)}",)
           if explain else ())
        for s in card.stages)
    return Grid("Stages",
                _with_explain(("Stage", "Name", "Touchpoints", "Pain points", "Pain weight",
                               f"Mean emotion ({low}..{high})"), explain),
                rows, frozenset({2, 3, 4, 5}), "No stages.")


def combined_grid(result: ScoreResult) -> Grid:
    shown = result.shown_combined()
    rows = tuple(
        (str(row.rank), row.card.map_id, row.opportunity.id, row.opportunity.title,
         str(row.opportunity.status), num(row.opportunity.priority))
        for row in shown)
    note = None
    if len(shown) < len(result.combined):
        note = f"Showing the top {len(shown)} of {len(result.combined)} (--top {result.top})."
    return Grid(f"Combined ranking across {len(result.cards)} maps ({result.method})",
                ("#", "Map", "Opportunity", "Title", "Status", "Priority"),
                rows, frozenset({0, 5}), "No opportunities to rank.", note)


def card_grids(card: Scorecard, result: ScoreResult, explain: bool) -> list[Grid]:
    return [opportunity_grid(card, result, explain), closed_grid(card, explain),
            unaddressed_grid(card, explain), stage_grid(card, explain)]


def gate_line(card: Scorecard, result: ScoreResult) -> str | None:
    if result.min_coverage is None:
        return None
    verdict = "meets" if card.coverage.value >= result.min_coverage else "is below"
    return f"Coverage {verdict} the minimum of {percent(result.min_coverage)}."
