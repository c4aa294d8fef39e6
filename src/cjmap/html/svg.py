"""The map's SVG, made fit to live inside an HTML page (docs/share.md).

``cjmap render`` draws a stand-alone SVG file. Inside the HTML view the same drawing
needs a few changes, made here on Graphviz's output:
- no XML prolog or comments (an HTML parser does not want them);
- ids prefixed per view, because one page holds one drawing per persona and ids must
  be unique in a document;
- no links out of the picture: a card's evidence link is in the details panel instead,
  and a click on a card opens that panel (and loads nothing);
- the drawing a named group rather than one image, and touchpoint, pain point and
  opportunity cards in it focusable, with an accessible name and
  the map id of their item (``data-item``), so the page's script and screen readers can
  use them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape

_START = re.compile(rb"<svg\b")
_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)
_ID = re.compile(rb'\bid="([^"]*)"')
_LABELLED = re.compile(rb'role="img" aria-labelledby="cjmap-title cjmap-desc"')
_LINK_TARGET = re.compile(rb' (?:xlink:href|href|target)="[^"]*"')
_CARD = re.compile(
    rb'<g id="((?:tp|pain|opp)&#45;[^"]*)" class="node (touchpoint|pain|opportunity)\b([^"]*)">')

CARD_KINDS = {b"touchpoint": "Touchpoint", b"pain": "Pain point", b"opportunity": "Opportunity"}
_PREFIXES = {b"touchpoint": b"tp&#45;", b"pain": b"pain&#45;", b"opportunity": b"opp&#45;"}


def _card(match: re.Match[bytes], names: Mapping[str, str]) -> bytes:
    element_id, kind, rest = match.groups()
    item = element_id[len(_PREFIXES[kind]):].replace(b"&#45;", b"-").decode("utf-8")
    label = f"{CARD_KINDS[kind]}: {names.get(item, item)}"
    return (b'<g id="' + element_id + b'" class="node ' + kind + rest + b' card"'
            + f' data-item="{escape(item)}" tabindex="0" role="button"'
              f' aria-label="{escape(label)}">'.encode())


def inline_svg(svg: bytes, prefix: str, names: Mapping[str, str]) -> str:
    """``svg`` (from the render pipeline) as markup for an HTML page.

    ``prefix`` makes this drawing's ids unique in the page; ``names`` maps item ids to the
    names cards are announced by.
    """
    start = _START.search(svg)
    body = svg[start.start():] if start else svg
    body = _COMMENT.sub(b"", body)
    body = _LINK_TARGET.sub(b"", body)
    body = _CARD.sub(lambda m: _card(m, names), body)
    tag = prefix.encode()
    body = _ID.sub(lambda m: b'id="' + tag + m.group(1) + b'"', body)
    # role="img" would hide the cards inside from screen readers: here the drawing is a
    # group, named and described by its own title and description, of focusable cards.
    body = _LABELLED.sub(b'role="group" aria-roledescription="journey map" aria-labelledby="'
                         + tag + b"cjmap-title " + tag + b'cjmap-desc"', body)
    return body.decode("utf-8")
