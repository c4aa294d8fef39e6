"""The self-contained HTML view of a map: one file, nothing fetched (docs/share.md).

Everything is inline: the drawing (one SVG per persona view, from the render pipeline),
the style sheet and the script, which the Content-Security-Policy allows by their hashes
and nothing else. The document reads completely without JavaScript; the script adds
zoom and pan, the persona switcher, the details panel and, under ``cjmap preview``,
live updates.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from cjmap import __version__
from cjmap.errors import UsageError
from cjmap.findings import Finding
from cjmap.html.details import Lookup, details_section
from cjmap.html.markup import esc
from cjmap.html.printing import print_pages
from cjmap.html.sections import findings_section, header, scorecard
from cjmap.html.svg import inline_svg
from cjmap.index import build_index
from cjmap.model import JourneyMap
from cjmap.render import draw
from cjmap.render.graphviz import EmbeddedGraphviz, Engine
from cjmap.render.layout import layout
from cjmap.render.options import RenderOptions
from cjmap.score import score_map


@dataclass(frozen=True, slots=True)
class Live:
    """Set when the page is served by ``cjmap preview``: it then follows the file."""

    version: int


@cache
def asset(name: str) -> str:
    return resources.files("cjmap.html").joinpath(name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(style: str, script: str, live: bool) -> str:
    """Only the page's own style and script run; nothing is loaded from anywhere
    (under preview, the script may ask its own server for updates)."""
    connect = "'self'" if live else "'none'"
    return (f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
            f"img-src data:; connect-src {connect}; base-uri 'none'; form-action 'none'")


def _names(journey: JourneyMap) -> dict[str, str]:
    """What each card is called, for screen readers."""
    names: dict[str, str] = {o.id: o.title for o in journey.opportunities}
    for ref in build_index(journey).touchpoints:
        names.setdefault(ref.touchpoint.id, ref.touchpoint.name)
    for pain in build_index(journey).pains:
        names.setdefault(pain.pain.id, pain.pain.title)
    return names


@dataclass(frozen=True, slots=True)
class View:
    key: str
    label: str
    svg: str
    pages: str


def views(journey: JourneyMap, options: RenderOptions, graphviz: Engine) -> list[View]:
    """Every view of the map, drawn by the render pipeline: all personas, then one per
    persona (when there are several). Each view is laid out and drawn in its own thread,
    so that one view's layout runs while Graphviz draws another."""
    wanted: list[tuple[str, str, str | None]] = [("all", "All personas", None)]
    if len(journey.personas) > 1:
        wanted += [(p.id, p.name, p.id) for p in journey.personas]
    jobs = [graphviz.start("svg") for _ in wanted]
    names = _names(journey)
    stage_names = {s.id: s.name for s in journey.stages}

    def one(k: int) -> View:
        key, label, persona = wanted[k]
        picture = layout(journey, replace(options, persona=persona))
        svg = draw(picture, "svg", jobs[k])
        return View(key, label, inline_svg(svg, f"v{k}-", names),
                    print_pages(picture, f"v{k}-", stage_names))

    # System Graphviz runs as processes, side by side; the embedded engine one at a time.
    workers = 1 if isinstance(graphviz, EmbeddedGraphviz) else min(len(jobs), 4)
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(one, range(len(wanted))))
    finally:
        for job in jobs:
            job.cancel()


def _map_section(drawn: Sequence[View], first: str) -> str:
    """The drawing's views (``first`` is shown), switcher, zoom buttons and panel."""
    switcher = ""
    if len(drawn) > 1:
        buttons = "".join(
            f'<label><input type="radio" name="persona" value="{esc(view.key)}"'
            f'{" checked" if view.key == first else ""}> {esc(view.label)}</label>'
            for view in drawn)
        switcher = (f'<fieldset class="personas-switch"><legend>Whose journey</legend>'
                    f"{buttons}</fieldset>")
    figures = "".join(
        f'<figure class="view" id="view-{esc(view.key)}" data-view="{esc(view.key)}"'
        f'{"" if view.key == first else " hidden"}>{view.svg}</figure>' for view in drawn)
    pages = "".join(
        f'<div class="print-pages" data-view="{esc(view.key)}"'
        f'{"" if view.key == first else " hidden"}>{view.pages}</div>' for view in drawn)
    return (
        '<section id="map" class="map" aria-labelledby="map-h">'
        '<h2 id="map-h">The journey</h2>'
        f'<div class="toolbar" hidden>{switcher}'
        '<div class="zoom" role="group" aria-label="Zoom">'
        '<button type="button" data-zoom="in" aria-label="Zoom in">+</button>'
        '<button type="button" data-zoom="out" aria-label="Zoom out">−</button>'
        '<button type="button" data-zoom="fit">Fit</button></div>'
        '<p class="hint">Drag or scroll to move, Ctrl + scroll or pinch to zoom; '
        "click a card for its details. Keys: arrows, + − 0, Tab and Enter.</p></div>"
        '<div id="problems" class="problems" role="alert" hidden></div>'
        '<div class="stage-area"><div id="viewport" class="viewport" tabindex="0" '
        'role="group" aria-roledescription="zoomable map" '
        'aria-label="Journey map: arrow keys move, plus and minus zoom, 0 fits">'
        f"{figures}</div>"
        '<aside id="panel" class="panel" hidden aria-labelledby="panel-h">'
        '<div class="panel-head"><h2 id="panel-h" tabindex="-1">Details</h2>'
        '<button type="button" class="close" aria-label="Close details">×</button></div>'
        '<div id="panel-body"></div></aside></div>'
        f"{pages}"
        '<noscript><p class="muted">The persona views, zoom and details panel need '
        "JavaScript; every detail is also written out below.</p></noscript></section>")


def _document(title: str, body: str, live: Live | None, name: str,
              home: tuple[str, str] | None = None) -> str:
    style, script = asset("view.css"), asset("view.js")
    live_attrs = f' data-live="1" data-version="{live.version}"' if live else ""
    # In a site (cjmap site), a way back to its index: (relative address, link text).
    nav = (f'<nav class="site-nav"><a href="{esc(home[0])}">{esc(home[1])}</a></nav>\n'
           if home else "")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" '
        f'content="{esc(policy(style, script, live is not None))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f'<meta name="generator" content="cjmap {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n<style>{style}</style>\n</head>\n"
        f"<body{live_attrs}>\n"
        '<a class="skip" href="#details-list">Skip to the details</a>\n'
        f"{nav}{body}\n"
        f'<footer><p>Drawn by cjmap {esc(__version__)} from {esc(name)}.</p></footer>\n'
        f"<script>{script}</script>\n</body>\n</html>\n")


def build_page(journey: JourneyMap, findings: Sequence[Finding], graphviz: Engine,
               options: RenderOptions | None = None, *, name: str = "",
               live: Live | None = None, home: tuple[str, str] | None = None,
               over_time: str = "") -> str:
    """The HTML view of ``journey``; ``findings`` are its lint findings to list; ``home``
    is a link (address, text) back to the site the page is part of; ``over_time`` is the
    ready markup of its history charts (:mod:`cjmap.html.history`), shown after the
    scorecard."""
    options = options or RenderOptions()
    personas = [p.id for p in journey.personas]
    if options.persona is not None and options.persona not in personas:
        raise UsageError(f"unknown persona {options.persona!r} (personas: "
                         f"{', '.join(personas) or 'none defined'})")
    drawn = views(journey, options, graphviz)
    first = options.persona if options.persona in {v.key for v in drawn} else "all"
    card = score_map(journey, path=name)
    body = (header(journey) + '\n<main id="main">'
            + _map_section(drawn, first)
            + scorecard(card, journey) + over_time + findings_section(findings, journey)
            + details_section(Lookup.of(journey, card)) + "</main>")
    return _document(f"{journey.title} — journey map", body, live, name or journey.id, home)


def problem_page(name: str, problems: Sequence[tuple[int, int, str, str]],
                 live: Live | None) -> str:
    """What preview shows when a map has never loaded: its (line, column, code, message)
    problems, and nothing else until it does."""
    rows = "".join(f"<li>line {line}, column {column}: {esc(code)} {esc(message)}</li>"
                   if line else f"<li>{esc(message)}</li>"
                   for line, column, code, message in problems)
    body = (f'<header class="map-header"><h1>{esc(name)}</h1></header>\n<main id="main">'
            '<section id="map" class="map"><div id="problems" class="problems" role="alert">'
            f"<p><strong>The map cannot be drawn yet.</strong></p><ul>{rows}</ul></div>"
            '<div id="viewport" class="viewport"></div></section></main>')
    return _document(f"{name} — journey map", body, live, name)
