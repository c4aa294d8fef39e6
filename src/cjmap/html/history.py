"""The "Over time" section of the HTML view: the map's history charts (docs/share.md).

``cjmap render -o map.html --history`` adds the trend chart of ``cjmap history --chart``
(:mod:`cjmap.reporting.history.chart`, one chart per map) to the page, as inline SVG. The
page's Content-Security-Policy allows only its own hashed style sheet, so matplotlib's SVG
is made to need nothing else:
- no XML prolog, DOCTYPE, metadata or ``<style>`` element;
- every ``style="..."`` attribute becomes the equivalent SVG presentation attributes
  (``fill``, ``stroke``, ``font-size``, ...), which are markup, not CSS, and so allowed;
- ids get a prefix, so they cannot clash with the drawing's ids in the same page;
- the picture scales to the page's width.
Text from the map (its title, stage and metric names) is escaped by matplotlib's SVG
writer; the attribute values rewritten here are escaped again.
"""

from __future__ import annotations

import re
from html import escape, unescape

from cjmap.history import History
from cjmap.html.markup import esc

ID_PREFIX = "hist-"
_START = re.compile(r"<svg\b")
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_ID = re.compile(r'\bid="([^"]*)"')
_REFERENCE = re.compile(r'(="url\(#|xlink:href="#|\shref="#)([^)"]*)')
# Attributes are rewritten inside tags only: the map's text between tags may hold
# 'id="x"' or 'url(#x)' (matplotlib escapes "<" there, so no text looks like a tag).
_TAG = re.compile(r"<[^<>]*>")
_SIZE = re.compile(r'<svg\b([^>]*?) width="[^"]*" height="[^"]*"')
# The one rule matplotlib puts in its <style> element, as defaults on the root.
_ROOT_DEFAULTS = ' stroke-linejoin="round" stroke-linecap="butt"'
_PROPERTY = re.compile(r"[a-z-]+")


def _presentation(match: re.Match[str]) -> str:
    """``style="fill: #fff; stroke-width: 0.8"`` -> `` fill="#fff" stroke-width="0.8"``."""
    attributes = []
    for declaration in match.group(1).split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if _PROPERTY.fullmatch(name) and value:
            attributes.append(f' {name}="{escape(unescape(value))}"')
    return "".join(attributes)


def _rewrite_tag(tag: str, prefix: str) -> str:
    tag = _STYLE_ATTRIBUTE.sub(_presentation, tag)
    tag = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', tag)
    return _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", tag)


def inline_chart(svg: bytes, prefix: str = ID_PREFIX) -> str:
    """matplotlib's SVG ``svg`` as markup that the view's page shows under its policy."""
    text = svg.decode("utf-8")
    start = _START.search(text)
    text = text[start.start():] if start else text
    text = _METADATA.sub("", text)
    text = _STYLE_ELEMENT.sub("", text)
    text = _TAG.sub(lambda m: _rewrite_tag(m.group(0), prefix), text)
    return _SIZE.sub(lambda m: f'<svg{m.group(1)} width="100%"{_ROOT_DEFAULTS}', text, count=1)


def over_time_section(history: History) -> str:
    """The "Over time" section: the chart of ``history``, and what it shows."""
    from cjmap.reporting.history.chart import render_chart

    chart = inline_chart(render_chart(history, "svg", option="--history"))
    versions = len(history.rows)
    shallow = (" This repository is a shallow clone: the history stops where the clone "
               "was cut (git fetch --unshallow gives the whole of it)." if history.shallow
               else "")
    return (
        '<section id="over-time" class="over-time" aria-labelledby="over-time-h">'
        '<h2 id="over-time-h">Over time</h2>'
        f'<p class="muted">{versions} version{"" if versions == 1 else "s"} of '
        f"{esc(history.path)} in git: coverage and total pain weight, mean emotion per "
        "stage, and each metric against its target (as <code>cjmap history --chart</code> "
        f"draws them).{esc(shallow)}</p>"
        f'<figure class="history-chart" role="group" aria-label="Trends of this map over '
        f'its versions in git">{chart}</figure></section>')
