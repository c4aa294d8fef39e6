"""Small helpers for writing HTML safely: every user text goes through :func:`esc`,
and only http(s) URLs become links (docs/share.md).

Bidirectional controls stay (right-to-left names need them), but :func:`esc` closes
each value's own and drops closers of something outside it, and the style sheets
isolate the inline elements that hold user text (``unicode-bidi: isolate``), so a
right-to-left override in one name cannot reorder anything after it (docs/limits.md,
"Hostile text"). Values joined in one text are each escaped on their own (:func:`isolated`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from cjmap.bidi import contained
from cjmap.render.scene import is_link

# Control characters other than tab and line breaks: a browser shows them as boxes (or
# not at all), so they are written as the escapes a terminal report shows (\x1b).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def esc(text: object) -> str:
    """Text for an element's content or a quoted attribute value."""
    shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", contained(str(text)))
    return escape(shown, quote=True)


def isolated(text: object) -> str:
    """A value set among other text (a list joined by commas): in its own ``<bdi>``, so
    a right-to-left name keeps its direction and takes no neighbour's with it."""
    return f"<bdi>{esc(text)}</bdi>"


def anchor(item_id: str) -> str:
    """The document id of an item's details section (map ids are slugs; escaped anyway)."""
    return "item-" + item_id


def item_link(item_id: str, text: str) -> str:
    """A link to an item's details; the page's script opens them in the panel."""
    return f'<a class="item-link" href="#{esc(anchor(item_id))}">{esc(text)}</a>'


def external_link(url: str | None, text: str) -> str:
    """``text`` linked to ``url`` when it is http(s); plain text otherwise."""
    if url is None or not is_link(url):
        return esc(text)
    # A new tab keeps the map open; noopener/noreferrer keep the page and its address
    # from the site it opens.
    return (f'<a href="{esc(url.strip())}" target="_blank" rel="noopener noreferrer">'
            f"{esc(text)}</a>")


def bullets(items: Iterable[str], css: str = "") -> str:
    """A list of already-safe HTML fragments; nothing when there are none."""
    rows = "".join(f"<li>{item}</li>" for item in items)
    if not rows:
        return ""
    return f'<ul class="{css}">{rows}</ul>' if css else f"<ul>{rows}</ul>"


def facts(pairs: Iterable[tuple[str, str]]) -> str:
    """A definition list of (label, safe HTML value) pairs; empty values are left out."""
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in pairs if value)
    return f'<dl class="facts">{rows}</dl>' if rows else ""


def number(value: float) -> str:
    """``0.35`` -> ``0.35``, ``2.0`` -> ``2``: as a person would write it."""
    return f"{value:.6g}" if value != int(value) else str(int(value))


def share(value: float) -> str:
    """A 0..1 share as a percentage: ``0.35`` -> ``35%``."""
    return number(round(value * 100, 1)) + "%"
