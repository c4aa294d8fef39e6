"""The details of every item, as document sections (docs/share.md).

Each stage, touchpoint, pain point, opportunity, evidence and metric gets an
``<article id="item-ID">`` holding everything the map says about it. They are the
document a reader without JavaScript scrolls through, and what the details panel shows
(the page's script copies the article into the panel).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cjmap.html.markup import (
    anchor,
    bullets,
    esc,
    external_link,
    facts,
    isolated,
    item_link,
    share,
)
from cjmap.model import (
    Evidence,
    JourneyMap,
    Metric,
    Opportunity,
    PainPoint,
    Stage,
    Touchpoint,
)
from cjmap.render.lanes.metrics import fmt_metric as metric_value  # the picture's wording
from cjmap.reporting.text import num
from cjmap.score import Scorecard, exact


@dataclass(slots=True)
class Lookup:
    """Items by id, and who relieves which pain, for cross-links."""

    journey: JourneyMap
    card: Scorecard
    personas: dict[str, str] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    pains: dict[str, PainPoint] = field(default_factory=dict)
    relievers: dict[str, list[Opportunity]] = field(default_factory=dict)

    @classmethod
    def of(cls, journey: JourneyMap, card: Scorecard) -> Lookup:
        found = cls(journey, card)
        found.personas = {p.id: p.name for p in journey.personas}
        found.channels = {c.id: c.name + (f" · {c.kind.value}" if c.kind else "")
                          for c in journey.channels}
        found.evidence = {e.id: e for e in journey.evidence}
        found.metrics = {m.id: m for m in journey.metrics}
        for stage in journey.stages:
            for pain in stage.pain_points:
                found.pains.setdefault(pain.id, pain)
            for touchpoint in stage.touchpoints:
                for pain in touchpoint.pain_points:
                    found.pains.setdefault(pain.id, pain)
        for opportunity in journey.opportunities:
            for pain_id in dict.fromkeys(opportunity.addresses):
                found.relievers.setdefault(pain_id, []).append(opportunity)
        return found

    def persona_list(self, ids: list[str]) -> str:
        if not ids:
            return "All personas" if self.personas else ""
        return ", ".join(isolated(self.personas.get(i, i)) for i in ids)


def metric_figure(metric: Metric) -> str:
    """``68% → target 50% (lower is better)``, as plain text, written as the picture's
    metrics lane writes values (a ``ratio`` as a percentage)."""
    parts = []
    if metric.value is not None:
        parts.append(metric_value(metric.value, metric.unit))
    if metric.target is not None:
        parts.append(f"target {metric_value(metric.target, metric.unit)}")
    text = " → ".join(parts) or "no value yet"
    if metric.better is not None:
        text += f" ({metric.better.value} is better)"
    if metric.measured is not None and metric.value is not None:
        text += f", measured {metric.measured.isoformat()}"
    return text


def evidence_entry(evidence: Evidence) -> str:
    """One piece of evidence: title, kind, date, sample size and link."""
    meta = [evidence.kind.value]
    if evidence.date is not None:
        meta.append(evidence.date.isoformat())
    if evidence.sample_size is not None:
        meta.append(f"n = {evidence.sample_size}")
    link = external_link(evidence.url, "source") if evidence.url else ""
    return (f'<span class="ev-title">{esc(evidence.title)}</span> '
            f'<span class="muted">({esc(", ".join(meta))})</span>'
            + (f" {link}" if link else ""))


def _evidence_list(ids: Iterable[str], lookup: Lookup) -> str:
    rows = [evidence_entry(lookup.evidence[i]) if i in lookup.evidence
            else f"{esc(i)} <span class=\"muted\">(not defined)</span>" for i in ids]
    return _block("Evidence", bullets(rows, "evidence"))


def _metric_list(ids: Iterable[str], lookup: Lookup) -> str:
    rows = [f"{esc(lookup.metrics[i].name)}: {esc(metric_figure(lookup.metrics[i]))}"
            if i in lookup.metrics else esc(i) for i in ids]
    return _block("Metrics", bullets(rows, "metrics"))


def _block(title: str, content: str) -> str:
    return f"<h5>{esc(title)}</h5>{content}" if content else ""


def _text(value: str | None) -> str:
    return f'<p class="description">{esc(value)}</p>' if value else ""


def _emotion(touchpoint: Touchpoint, lookup: Lookup) -> str:
    emotion = touchpoint.emotion
    if emotion is None:
        return ""
    if isinstance(emotion, int):
        return f"{emotion:+d}" if emotion else "0"
    return ", ".join(f"{isolated(lookup.personas.get(p, p))} {v:+d}" if v else
                     f"{isolated(lookup.personas.get(p, p))} 0" for p, v in emotion.items())


def _article(item_id: str, kind: str, title: str, body: str) -> str:
    return (f'<article class="item item-{kind}" id="{esc(anchor(item_id))}" '
            f'data-item="{esc(item_id)}"><h4><span class="kind">{esc(kind)}</span> '
            f"{esc(title)}</h4>{body}</article>")


def touchpoint_article(stage: Stage, touchpoint: Touchpoint, lookup: Lookup) -> str:
    scale = lookup.journey.scales.emotion
    relievers = {o.id: o for p in touchpoint.pain_points for o in lookup.relievers.get(p.id, [])}
    body = _text(touchpoint.description) + facts([
        ("Stage", item_link(stage.id, stage.name)),
        ("Channel", esc(lookup.channels.get(touchpoint.channel, touchpoint.channel))
         if touchpoint.channel else ""),
        ("Personas", lookup.persona_list(touchpoint.personas)),
        (f"Emotion ({scale.min}..{scale.max})", _emotion(touchpoint, lookup)),
        ("Owner", esc(touchpoint.owner or "")),
    ])
    body += _block("Actions", bullets(esc(a) for a in touchpoint.actions))
    body += _block("Thoughts", bullets((f"“{esc(t)}”" for t in touchpoint.thoughts), "thoughts"))
    body += _block("Pain points", bullets(
        f"{item_link(p.id, p.title)} <span class=\"muted\">severity {p.severity}/5</span>"
        for p in touchpoint.pain_points))
    body += _block("Opportunities", bullets(item_link(o.id, o.title) for o in relievers.values()))
    body += _evidence_list(touchpoint.evidence, lookup)
    body += _metric_list(touchpoint.metrics, lookup)
    body += _block("Backstage", bullets(esc(b) for b in touchpoint.backstage))
    return _article(touchpoint.id, "touchpoint", touchpoint.name, body)


def pain_article(stage: Stage, touchpoint: Touchpoint | None, pain: PainPoint,
                 lookup: Lookup) -> str:
    where = item_link(stage.id, stage.name)
    if touchpoint is not None:
        where += " › " + item_link(touchpoint.id, touchpoint.name)
    relievers = lookup.relievers.get(pain.id, [])
    body = _text(pain.description) + facts([
        ("Where", where),
        ("Severity", f"{pain.severity}/5"),
        ("Frequency", f"{share(pain.frequency)} of customers"),
        ("Weight", esc(num(pain.severity * exact(pain.frequency)))),
        ("Personas", lookup.persona_list(pain.personas)),
    ])
    body += _evidence_list(pain.evidence, lookup)
    if relievers:
        body += _block("Relieved by", bullets(
            f"{item_link(o.id, o.title)} <span class=\"muted\">{esc(_status(o))}</span>"
            for o in relievers))
    else:
        body += '<p class="warning">No opportunity addresses this pain point yet.</p>'
    return _article(pain.id, "pain point", pain.title, body)


def _status(opportunity: Opportunity) -> str:
    return opportunity.status.value.replace("_", " ")


def opportunity_article(opportunity: Opportunity, lookup: Lookup) -> str:
    scored = {o.id: o for o in (*lookup.card.ranked, *lookup.card.closed)}.get(opportunity.id)
    rank = ""
    if scored is not None:
        rank = esc(num(scored.priority)) + (f" (rank {scored.rank})" if scored.rank else "")
    body = _text(opportunity.description) + facts([
        ("Status", esc(_status(opportunity))),
        ("Impact", f"{opportunity.impact}/5"),
        ("Effort", f"{opportunity.effort}/5"),
        ("Confidence", share(opportunity.confidence)),
        ("Priority", rank),
        ("Owner", esc(opportunity.owner or "")),
    ])
    body += _block("Relieves", bullets(
        item_link(i, lookup.pains[i].title) + f" <span class=\"muted\">severity "
        f"{lookup.pains[i].severity}/5</span>" if i in lookup.pains
        else f"{esc(i)} <span class=\"muted\">(not a pain point of this map)</span>"
        for i in dict.fromkeys(opportunity.addresses)))
    body += _metric_list(opportunity.metrics, lookup)
    return _article(opportunity.id, "opportunity", opportunity.title, body)


def stage_section(stage: Stage, lookup: Lookup) -> str:
    head = (f'<section class="stage-details" id="{esc(anchor(stage.id))}" '
            f'data-item="{esc(stage.id)}"><h3>{esc(stage.name)}</h3>')
    head += facts([("Goal", esc(stage.goal or ""))]) + _text(stage.description)
    parts = [head]
    if not stage.touchpoints:
        parts.append('<p class="muted">No touchpoints in this stage.</p>')
    for touchpoint in stage.touchpoints:
        parts.append(touchpoint_article(stage, touchpoint, lookup))
        parts.extend(pain_article(stage, touchpoint, p, lookup) for p in touchpoint.pain_points)
    parts.extend(pain_article(stage, None, p, lookup) for p in stage.pain_points)
    parts.append("</section>")
    return "".join(parts)


def details_section(lookup: Lookup) -> str:
    """Every item of the map, stage by stage, then opportunities, evidence and metrics."""
    journey = lookup.journey
    parts = ['<section id="details-list" class="details-list" aria-labelledby="details-h">'
             '<h2 id="details-h">Details</h2>']
    parts.extend(stage_section(stage, lookup) for stage in journey.stages)
    if journey.opportunities:
        parts.append('<section class="stage-details"><h3>Opportunities</h3>')
        parts.extend(opportunity_article(o, lookup) for o in journey.opportunities)
        parts.append("</section>")
    if journey.evidence:
        parts.append('<section class="stage-details"><h3>Evidence</h3>')
        parts.extend(_article(e.id, "evidence", e.title, f"<p>{evidence_entry(e)}</p>")
                     for e in journey.evidence)
        parts.append("</section>")
    if journey.metrics:
        parts.append('<section class="stage-details"><h3>Metrics</h3>')
        parts.extend(_article(m.id, "metric", m.name,
                              f"<p>{esc(m.kind.value)}: {esc(metric_figure(m))}</p>")
                     for m in journey.metrics)
        parts.append("</section>")
    parts.append("</section>")
    return "".join(parts)
