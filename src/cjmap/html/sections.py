"""The page's header, scorecard and findings (docs/share.md)."""

from __future__ import annotations

from collections.abc import Sequence

from cjmap.findings import Finding
from cjmap.html.markup import bullets, esc, facts, item_link, share
from cjmap.index import Definition, build_index
from cjmap.model import JourneyMap, State
from cjmap.reporting.text import num, percent, plural
from cjmap.score import Scorecard


def header(journey: JourneyMap) -> str:
    """Title, summary, state, owner, reviewed date, goals and personas with their share."""
    state = "Future-state" if journey.state is State.FUTURE else "Current-state"
    parts = ['<header class="map-header">',
             f'<p class="kicker">{state} customer journey map</p>',
             f"<h1>{esc(journey.title)}</h1>"]
    if journey.summary:
        parts.append(f'<p class="summary">{esc(journey.summary)}</p>')
    parts.append(facts([
        ("State", state.split("-")[0]),
        ("Owner", esc(journey.owner or "")),
        ("Reviewed", journey.reviewed.isoformat() if journey.reviewed else "not recorded"),
        ("Tags", esc(", ".join(journey.tags))),
    ]))
    columns = []
    if journey.goals:
        columns.append('<section class="goals"><h2>Goals</h2>'
                       + bullets(esc(g) for g in journey.goals) + "</section>")
    if journey.personas:
        rows = []
        for persona in journey.personas:
            row = f'<span class="persona-name">{esc(persona.name)}</span>'
            if persona.share is not None:
                row += f' <span class="share">{share(persona.share)} of customers</span>'
            if persona.description:
                row += f'<br><span class="muted">{esc(persona.description)}</span>'
            rows.append(row)
        columns.append('<section class="personas"><h2>Personas</h2>'
                       + bullets(rows) + "</section>")
    if columns:
        parts.append(f'<div class="header-columns">{"".join(columns)}</div>')
    parts.append("</header>")
    return "".join(parts)


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
           numeric: frozenset[int], empty: str) -> str:
    """A table of already-safe cells; ``numeric`` columns are right-aligned."""
    if not rows:
        return f'<h3>{esc(caption)}</h3><p class="muted">{esc(empty)}</p>'
    head = "".join(f'<th scope="col"{" class=num" if i in numeric else ""}>{esc(h)}</th>'
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=num" if i in numeric else ""}>{cell}</td>'
                         for i, cell in enumerate(row)) + "</tr>" for row in rows)
    return (f'<div class="table-wrap"><table><caption>{esc(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def scorecard(card: Scorecard, journey: JourneyMap) -> str:
    """The scorecard of ``cjmap score``, each row linking to its item."""
    coverage = card.coverage
    if coverage.total_pains == 0:
        line = "No pain points: coverage is 100%."
    else:
        line = (f"{percent(coverage.value)} of the pain weight is addressed "
                f"({num(coverage.covered_weight)} of {num(coverage.total_weight)}; "
                f"{coverage.covered_pains} of {plural(coverage.total_pains, 'pain point')}).")
    meter = float(coverage.value)
    parts = ['<section id="scorecard" aria-labelledby="scorecard-h">',
             '<h2 id="scorecard-h">What to fix first</h2>',
             f'<p class="coverage"><meter min="0" max="1" value="{meter:.4f}" '
             f'aria-label="Coverage"></meter> '
             f"<strong>Coverage</strong> {esc(line)}</p>"]
    parts.append(_table(
        f"Ranked opportunities ({card.method})",
        ("#", "Opportunity", "Status", "Priority", "Pain weight", "Impact", "Effort",
         "Confidence", "Relieves"),
        [(str(o.rank), item_link(o.id, o.title), esc(o.status.value.replace("_", " ")),
          num(o.priority), num(o.pain_weight), str(o.impact), str(o.effort),
          num(o.confidence), ", ".join(item_link(p.id, p.title) for p in o.addresses))
         for o in card.ranked],
        frozenset({0, 3, 4, 5, 6, 7}), "No opportunities to rank."))
    parts.append(_table(
        "Unaddressed pain points (by weight)",
        ("Pain point", "Stage", "Severity", "Frequency", "Weight"),
        [(item_link(p.id, p.title), item_link(p.stage, _stage_name(journey, p.stage)),
          str(p.severity), num(p.frequency), num(p.weight)) for p in card.unaddressed],
        frozenset({2, 3, 4}),
        "None: every pain point has an opportunity that is not dropped."
        if card.pains else "No pain points."))
    low, high = card.scale
    parts.append(_table(
        "Stages", ("Stage", "Touchpoints", "Pain points", "Pain weight",
                   f"Mean emotion ({low}..{high})"),
        [(item_link(s.id, s.name), str(s.touchpoints), str(len(s.pains)), num(s.pain_weight),
          "–" if s.mean_emotion is None else num(s.mean_emotion)) for s in card.stages],
        frozenset({1, 2, 3, 4}), "No stages."))
    parts.append("</section>")
    return "".join(parts)


def _stage_name(journey: JourneyMap, stage_id: str) -> str:
    return next((s.name for s in journey.stages if s.id == stage_id), stage_id)


def item_of(definitions: Sequence[Definition], pointer: str) -> Definition | None:
    """The innermost item a JSON pointer is inside (None for the map itself)."""
    best: Definition | None = None
    for definition in definitions:
        inside = pointer == definition.pointer or pointer.startswith(definition.pointer + "/")
        if inside and (best is None or len(definition.pointer) > len(best.pointer)):
            best = definition
    return best


def _label(definition: Definition) -> str:
    """What an item is called: its title or name."""
    item = definition.item
    return str(getattr(item, "title", None) or getattr(item, "name", None) or definition.id)


def findings_section(findings: Sequence[Finding], journey: JourneyMap) -> str:
    """The map's lint findings (warning and above), each linking to its item."""
    parts = ['<section id="findings" aria-labelledby="findings-h">',
             '<h2 id="findings-h">Lint findings</h2>']
    if not findings:
        parts.append('<p class="muted">None at warning level or above: the map lints '
                     "clean.</p></section>")
        return "".join(parts)
    rows = []
    definitions = build_index(journey).definitions
    for finding in findings:
        item = item_of(definitions, finding.pointer)
        where = f" {item_link(item.id, _label(item))}" if item else ""
        rows.append(f'<span class="sev sev-{esc(finding.severity.value)}">'
                    f"{esc(finding.severity.value)}</span> "
                    f'<span class="code">{esc(finding.code)}</span> '
                    f'<span class="muted">line {finding.line}, column {finding.column}</span>'
                    f"{where}: {esc(finding.message)}")
    parts.append(bullets(rows, "findings"))
    parts.append("</section>")
    return "".join(parts)
