"""The site's own pages: the index, a page per persona and per channel (docs/portfolio.md).

Every text from a map is escaped (:func:`cjmap.html.markup.esc`); links are relative;
the only style is the page's own, allowed by its hash, and there is no script.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from functools import cache
from importlib import resources

from cjmap import __version__
from cjmap.html.markup import anchor, esc, isolated
from cjmap.reporting.text import num, percent
from cjmap.rollup import Group, RollupResult
from cjmap.score import Coverage
from cjmap.site.heatmap import portfolio_picture
from cjmap.site.portfolio import Appearance, Member, SiteMap, StageColumn


@cache
def style() -> str:
    return resources.files("cjmap.site").joinpath("site.css").read_text(encoding="utf-8")


def _policy(css: str) -> str:
    """Nothing is fetched and nothing runs: only this page's own style sheet applies."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; "
            "form-action 'none'")


def document(title: str, body: str, root: str) -> str:
    """A page of the site; ``root`` is the relative way up to the index ("" or "../")."""
    css = style()
    nav = (f'<nav class="site-nav"><a href="{root}index.html">All journeys</a></nav>\n'
           if root else "")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_policy(css))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f'<meta name="generator" content="cjmap {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{nav}"
        f'<main id="main">\n{body}\n</main>\n'
        f"<footer><p>Built by cjmap {esc(__version__)}.</p></footer>\n</body>\n</html>\n")


def map_link(site_map: SiteMap, root: str, item: str | None = None) -> str:
    fragment = f"#{esc(anchor(item))}" if item else ""
    return f"{root}maps/{esc(site_map.page)}.html{fragment}"


def _reviewed(site_map: SiteMap) -> str:
    stale = site_map.staleness
    if stale.reviewed is None:
        return '<span class="badge warn">never reviewed</span>'
    age = f"{stale.age_days} days ago"
    badge = (f' <span class="badge warn" title="reviewed more than {stale.limit_days} days '
             'ago (CJ207)">stale</span>' if stale.stale else "")
    day = stale.reviewed.isoformat()
    return f'<time datetime="{day}">{day}</time> <span class="muted">({age})</span>{badge}'


def _lint(site_map: SiteMap) -> str:
    status = site_map.lint
    kind = "err" if status.errors else "warn" if status.warnings else "ok"
    return (f'<a class="badge {kind}" href="{map_link(site_map, "")}#findings">'
            f"{esc(status.label)}</a>")


def maps_table(maps: Sequence[SiteMap]) -> str:
    rows = "".join(
        f'<tr><th scope="row"><a href="{map_link(m, "")}">{esc(m.journey.title)}</a>'
        f'<div class="muted small">{esc(m.path)}</div></th>'
        f"<td>{esc(m.journey.owner or '–')}</td><td>{esc(m.journey.state)}</td>"
        f"<td>{_reviewed(m)}</td>"
        f'<td class="num">{percent(m.card.coverage.value)}</td>'
        f'<td class="num">{num(m.card.coverage.total_weight)}</td>'
        f"<td>{_lint(m)}</td></tr>"
        for m in maps)
    return ('<table class="maps"><caption>Every map, its review and its pain</caption>'
            "<thead><tr><th scope=\"col\">Map</th><th scope=\"col\">Owner</th>"
            "<th scope=\"col\">State</th><th scope=\"col\">Reviewed</th>"
            "<th scope=\"col\">Coverage</th><th scope=\"col\">Pain weight</th>"
            f"<th scope=\"col\">Lint</th></tr></thead><tbody>{rows}</tbody></table>")


def _members(title: str, folder: str, members: Sequence[Member]) -> str:
    if not members:
        return ""
    items = "".join(
        f'<li><a href="{folder}/{esc(m.id)}.html">'
        f'{" / ".join(isolated(n) for n in m.names) or esc(m.id)}</a>'
        f' <span class="muted">({esc(m.id)}; {len(m.maps)} map{"s" * (len(m.maps) != 1)}, '
        f'{len(m.touchpoints)} touchpoint{"s" * (len(m.touchpoints) != 1)})</span></li>'
        for m in members)
    return f'<section><h2>{esc(title)}</h2><ul class="members">{items}</ul></section>'


def index_page(maps: Sequence[SiteMap], columns: Sequence[StageColumn], coverage: Coverage,
               personas: Sequence[Member], channels: Sequence[Member]) -> str:
    summary = (f"{len(maps)} map{'s' * (len(maps) != 1)}, pain weight "
               f"{num(coverage.total_weight)} in all, {percent(coverage.value)} of it "
               "covered by an opportunity.")
    body = (f"<h1>Customer journeys</h1><p class=\"summary\">{esc(summary)}</p>"
            f"{portfolio_picture(maps, columns)}"
            f'<section><h2>Maps</h2>{maps_table(maps)}</section>'
            f"{_members('Personas', 'personas', personas)}"
            f"{_members('Channels', 'channels', channels)}")
    return document("Customer journeys", body, "")


def _emotion_of(appearance: Appearance, persona: str | None) -> str:
    emotion = appearance.touchpoint.emotion
    if emotion is None:
        return "–"
    if isinstance(emotion, int):
        return str(emotion)
    if persona is not None:
        return str(emotion[persona]) if persona in emotion else "–"
    return ", ".join(f"{esc(k)} {v}" for k, v in emotion.items()) or "–"


def _fourth_column(appearance: Appearance, persona: str | None) -> str:
    """A persona's page shows each touchpoint's channel; a channel's page, its owner."""
    touchpoint = appearance.touchpoint
    return (touchpoint.channel if persona else touchpoint.owner) or "–"


def _touchpoint_rows(member: Member, persona: str | None) -> str:
    rows = []
    for a in member.touchpoints:
        pains = ", ".join(f'<a href="{map_link(a.site_map, "../", p.id)}">{esc(p.title)}</a>'
                          for p in a.touchpoint.pain_points
                          if persona is None or not p.personas or persona in p.personas) or "–"
        rows.append(
            f'<tr><td><a href="{map_link(a.site_map, "../")}">'
            f"{esc(a.site_map.journey.title)}</a></td><td>{esc(a.stage.name)}</td>"
            f'<td><a href="{map_link(a.site_map, "../", a.touchpoint.id)}">'
            f"{esc(a.touchpoint.name)}</a></td>"
            f"<td>{esc(_fourth_column(a, persona))}</td>"
            f'<td class="num">{_emotion_of(a, persona)}</td><td>{pains}</td></tr>')
    return "".join(rows)


def _figures(group: Group | None, rollup: RollupResult) -> str:
    """The group's line of ``cjmap score --by``: pain weight, coverage, mean emotion."""
    if group is None:
        return ""
    low, high = rollup.scale
    mean = group.mean_emotion
    text = (f"Pain weight {num(group.pain_weight)} from {len(group.pains)} pain "
            f"point{'s' * (len(group.pains) != 1)} across its journeys; "
            f"{percent(group.coverage.value)} of it covered; mean emotion "
            f"{'–' if mean is None else num(mean)} (on {low}..{high}).")
    return f'<p class="summary">{esc(text)}</p>'


def member_page(member: Member, kind: str, rollup: RollupResult) -> str:
    """A persona's or a channel's page: its figures as ``cjmap score --by`` gives them,
    and the journeys and touchpoints it appears in."""
    persona = member.id if kind == "persona" else None
    name = " / ".join(member.names) or member.id
    group = next((g for g in rollup.groups if g.key == member.id), None)
    journeys = "".join(f'<li><a href="{map_link(m, "../")}">{esc(m.journey.title)}</a></li>'
                       for m in member.maps)
    fourth = "Channel" if persona else "Owner"
    table = ('<table class="touchpoints"><thead><tr>'
             '<th scope="col">Journey</th><th scope="col">Stage</th>'
             f'<th scope="col">Touchpoint</th><th scope="col">{fourth}</th>'
             '<th scope="col">Emotion</th><th scope="col">Pain points</th></tr></thead>'
             f"<tbody>{_touchpoint_rows(member, persona)}</tbody></table>"
             if member.touchpoints else "<p>It appears at no touchpoint.</p>")
    body = (f'<p class="kicker">{esc(kind)} <code>{esc(member.id)}</code></p>'
            f"<h1>{esc(name)}</h1>{_figures(group, rollup)}"
            f"<section><h2>Journeys</h2><ul>{journeys}</ul></section>"
            f"<section><h2>Touchpoints</h2>{table}</section>")
    return document(f"{name} — {kind}", body, "../")
