"""What every roll-up format shares: the explanations and the one table.

The roll-up formats have the same names as the score formats (``cjmap score --by`` takes
the same ``--format``); tests/test_rollup.py checks the two tables list the same names.
"""

from __future__ import annotations

from cjmap.reporting.base import Reporter
from cjmap.reporting.grid import Grid
from cjmap.reporting.text import num, percent, plural
from cjmap.rollup import By, Group, RollupResult
from cjmap.score import CombinedRow

RollupReporter = Reporter[RollupResult]

HEADINGS = {By.PERSONA: "Persona", By.CHANNEL: "Channel", By.STAGE: "Stage",
            By.OWNER: "Owner"}


def title(result: RollupResult) -> str:
    return (f"Roll-up by {result.by} across {plural(len(result.score.cards), 'map')} "
            f"({result.score.method})")


def scale_note(result: RollupResult) -> str | None:
    if not result.rescaled:
        return None
    return ("The maps' emotion scales differ: every emotion was rescaled to -1..1 "
            "(its scale's minimum is -1, its maximum 1).")


def opportunity_text(row: CombinedRow) -> str:
    return f"{row.card.map_id}/{row.opportunity.id} ({num(row.opportunity.priority)})"


def shown_opportunities(group: Group, result: RollupResult) -> tuple[CombinedRow, ...]:
    return group.opportunities[: result.top]


def explain_weight(group: Group) -> str:
    if not group.pains:
        return "0"
    terms = " + ".join(f"{num(p.pain.weight)} [{p.card.map_id}/{p.pain.id}: "
                       f"{p.pain.severity} × {num(p.pain.frequency)}]" for p in group.pains)
    return f"{terms} = {num(group.pain_weight)}" if len(group.pains) > 1 else terms


def explain_coverage(group: Group) -> str:
    coverage = group.coverage
    if coverage.total_weight == 0:
        return "no pain weight to cover: coverage is 1 by definition"
    return (f"covered {num(coverage.covered_weight)} ÷ total {num(coverage.total_weight)} "
            f"= {num(coverage.value)}")


def explain_emotion(group: Group) -> str:
    mean = group.mean_emotion
    if mean is None:
        return "no touchpoint of this group has an emotion"
    terms = " + ".join(
        f"{num(e.value)} [{e.map_id}/{e.touchpoint}{'' if e.persona is None else ': ' + e.persona}]"
        for e in group.emotions)
    return f"({terms}) ÷ {len(group.emotions)} = {num(mean)}"


def explain_group(group: Group) -> str:
    return (f"weight: {explain_weight(group)}; coverage: {explain_coverage(group)}; "
            f"emotion: {explain_emotion(group)}")


def rollup_grid(result: RollupResult, explain: bool) -> Grid:
    low, high = result.scale
    named = result.by in (By.PERSONA, By.CHANNEL)
    headers = (HEADINGS[result.by], *(("Name",) if named else ()), "Maps", "Pain points",
               "Pain weight", "Coverage", f"Mean emotion ({low}..{high})",
               "Top opportunities", *(("Computed as",) if explain else ()))
    rows = tuple(
        (g.label, *((", ".join(g.names),) if named else ()), str(len(g.maps)),
         str(len(g.pains)), num(g.pain_weight), percent(g.coverage.value),
         "–" if g.mean_emotion is None else num(g.mean_emotion),
         ", ".join(opportunity_text(row) for row in shown_opportunities(g, result)) or "–",
         *((explain_group(g),) if explain else ()))
        for g in result.groups)
    first_number = 2 if named else 1
    numeric = frozenset(range(first_number, first_number + 5))
    return Grid(title(result), headers, rows, numeric, "Nothing to roll up.",
                scale_note(result))
