"""Picture -> DOT text for ``neato -n2`` (pure).

Every element is a node pinned at its computed position (``pos`` in points, y up, as
Graphviz wants it) with a fixed size; curves are edges between invisible anchors with
their Bézier control points given in ``pos``, which ``-n2`` draws as they are. Graphviz
therefore only draws: the layout is entirely cjmap's (see ``layout.py``).

Drawing order follows declaration order (Graphviz's default ``breadthfirst`` output):
boxes, then curves, then dots, then text, so text is never hidden under a card.

Escaping. User text reaches Graphviz in two places:
- HTML-like labels: ``&``, ``<``, ``>``, ``"`` and ``'`` become entities, and ``\\`` is
  doubled because Graphviz expands ``\\N``, ``\\G``, ... even inside HTML labels;
- quoted attributes (tooltips, URLs): ``"`` and ``\\`` are escaped for the DOT lexer and
  again for Graphviz's own ``\\N`` expansion, ``&`` becomes ``&amp;``.
Control characters never get here (``text.clean``); bidirectional controls do, each
text's closed within it (``text.clean``, again after a tooltip is cut). URLs are
percent-encoded, and only http(s) URLs are ever passed (``scene.is_link``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import quote as url_quote

from cjmap.bidi import contained
from cjmap.render.scene import Box, Curve, Dot, Line, Picture, Text, is_link
from cjmap.render.text import clean

# Every text node has this SVG class (finish_svg lets the pointer through them).
TEXT_CLASS = "txt"


# Coordinates repeat (columns, lane tops, card sizes): each distinct value is formatted
# once (in a bounded cache). Only the text depends on the value, so the cache cannot
# change it; 1 and 1.0, or 0.0 and -0.0, share an entry and a text.
@lru_cache(maxsize=1 << 16)
def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable text)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=1 << 14)
def inches(points: float) -> str:
    return f"{points / 72:.4f}".rstrip("0").rstrip(".") or "0"


def html_text(text: str) -> str:
    """User text for inside an HTML-like label."""
    return (clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;").replace("\\", "\\\\"))


# Graphviz refuses a quoted string longer than 16,384 bytes. Escaped, a character takes
# at most 5 bytes (``&`` -> ``&amp;``; UTF-8 needs at most 4), so tooltips cut to 1,200
# characters stay far below that.
MAX_ATTR_CHARS = 1200


def attr_text(text: str) -> str:
    """User text for a quoted attribute that Graphviz expands (tooltip, label)."""
    text = clean(text)
    if len(text) > MAX_ATTR_CHARS:
        text = contained(text[: MAX_ATTR_CHARS - 1].rstrip()) + "\u2026"
    return (text.replace("&", "&amp;").replace("\\", "\\\\\\\\")
            .replace('"', '\\"'))


def plain_text(text: str) -> str:
    """User text for a plain (non-HTML) label inside a quoted DOT string.

    ``\\`` becomes ``\\\\`` so that ``\\N``, ``\\l`` and the like stay literal, ``"`` is
    escaped for the lexer and ``&`` becomes ``&amp;`` (Graphviz keeps entities as written).
    """
    return clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


_PLAIN_FONTS: dict[tuple[bool, bool], str] = {
    (False, False): "",
    (True, False): "Helvetica-Bold",
    (False, True): "Helvetica-Oblique",
    (True, True): "Helvetica-BoldOblique",
}


_PLAIN_ID = re.compile(r"[A-Za-z0-9_.:#\- ]*\Z")


def quote_id(name: str) -> str:
    """A DOT quoted ID (node names are built from map ids, but stay safe anyway)."""
    if _PLAIN_ID.match(name):
        return f'"{name}"'
    return '"' + clean(name).replace("\\", "\\\\").replace('"', '\\"') + '"'


def safe_url(url: str) -> str | None:
    """An http(s) URL, percent-encoded, ready for a quoted attribute; None otherwise."""
    if not is_link(url):
        return None
    encoded = url_quote(url.strip(), safe=":/?#[]@!$&()*+,;=%~-._'")
    return encoded.replace("&", "&amp;").replace("'", "%27")


# ``\w`` is what str.isalnum accepts, plus "_" (the same Unicode test, character by character).
_NOT_ID = re.compile(r"[^\w.\-]")


def svg_id(name: str) -> str:
    """``name`` with every character but letters, digits, ``-``, ``_`` and ``.`` as ``-``."""
    return _NOT_ID.sub("-", name)


def quoted_svg_id(name: str) -> str:
    """``quote_id(svg_id(name))``: what svg_id leaves (letters, digits, ``_.-``) holds no
    control character, space, quote or backslash, so quoting it is adding the quotes."""
    return f'"{svg_id(name)}"'


# Roles (SVG classes) are few and repeat on every shape: each is quoted once.
quoted_role = lru_cache(maxsize=1024)(quote_id)


# Lines repeat (every bullet's dot, chip labels, the same text measured twice is one
# Line): each row is written once.
@lru_cache(maxsize=1 << 14)
def _html_line(line: Line, width: int, align: str) -> str:
    """One line of a text block: a table row of an HTML-like label."""
    text = html_text(line.text) or " "
    if line.bold:
        text = f"<B>{text}</B>"
    if line.italic:
        text = f"<I>{text}</I>"
    return (f'<TR><TD ALIGN="{align.upper()}" FIXEDSIZE="TRUE" WIDTH="{width}" '
            f'HEIGHT="{round(line.height)}"><FONT POINT-SIZE="{line.size}" '
            f'COLOR="{line.color}">{text}</FONT></TD></TR>')


class _Writer:
    """Writes each statement as one formatted string: the attributes always come in the
    same order, so a template per shape is both the cheapest and the plainest way."""

    def __init__(self, picture: Picture, html: bool = True) -> None:
        self.picture = picture
        self.html = html
        self.height = picture.height
        self.out: list[str] = []
        self.seen: set[str] = set()

    def y(self, top: float) -> float:
        return self.height - top

    def node(self, name: str, body: str) -> str:
        """Write a node; returns its name, made unique (a map with a duplicate id, which
        lint reports as CJ101, must still not merge two cards into one)."""
        unique, n = name, 1
        while unique in self.seen:
            n += 1
            unique = f"{name}~{n}"
        self.seen.add(unique)
        self.out.append(f"  {quote_id(unique)} [{body}];")
        return unique

    def common(self, name: str, role: str, cx: float, cy: float, w: float, h: float) -> str:
        """id, class, pos, width and height: what every node but a curve's ends has."""
        return (f'id={quoted_svg_id(name)}, class={quoted_role(role)}, '
                f'pos="{num(cx)},{num(self.height - cy)}", width={inches(w)}, '
                f'height={inches(h)}')

    def box(self, box: Box) -> None:
        style = ("rounded,filled" if box.rounded else "filled") + (
            ",dashed" if box.dashed else "")
        head = self.common(box.id, box.role, box.x + box.w / 2, box.y + box.h / 2, box.w, box.h)
        body = (f'{head}, shape=box, style="{style}", fillcolor="{box.fill}", '
                f'color="{box.stroke}", penwidth={num(box.stroke_width)}')
        if box.tooltip:
            body += f', tooltip="{attr_text(box.tooltip)}"'
        url = safe_url(box.href) if box.href else None
        if url is not None:
            body += f', URL="{url}", target="_blank"'
        self.node(box.id, body)

    def line(self, line: Line, width: float, align: str) -> str:
        return _html_line(line, round(width), align)

    def plain_text(self, block: Text) -> None:
        """One node per line with a plain label, for Graphviz builds without HTML labels."""
        top = block.y
        end = {"left": "\\l", "right": "\\r"}.get(block.align, "")
        for k, line in enumerate(block.lines):
            height = round(line.height)
            font = _PLAIN_FONTS[(line.bold, line.italic)] or self.picture.font
            head = self.common(f"{block.id}:{k}", f"{TEXT_CLASS} {block.role}",
                               block.x + block.w / 2, top + height / 2, round(block.w), height)
            body = (f'{head}, shape=plaintext, margin=0, label="{plain_text(line.text)}{end}", '
                    f'fontname="{font}", fontsize={line.size}, fontcolor="{line.color}"')
            self.node(f"{block.id}:{k}", body)
            top += height

    def text(self, block: Text) -> None:
        if not self.html:
            self.plain_text(block)
            return
        rows = "".join([self.line(line, block.w, block.align) for line in block.lines])
        height = sum([round(line.height) for line in block.lines])
        head = self.common(block.id, f"{TEXT_CLASS} {block.role}", block.x + block.w / 2,
                           block.y + height / 2, round(block.w), height)
        body = (f'{head}, shape=plaintext, margin=0, label=<<TABLE BORDER="0" CELLBORDER="0" '
                f'CELLPADDING="0" CELLSPACING="0">{rows}</TABLE>>')
        self.node(block.id, body)

    def curve(self, curve: Curve) -> None:
        ends = []
        for name, (x, top) in ((f"{curve.id}:from", curve.points[0]),
                               (f"{curve.id}:to", curve.points[-1])):
            ends.append(self.node(name, f'pos="{num(x)},{num(self.height - top)}", '
                                        'shape=point, style=invis, width=0.01, height=0.01'))
        height = self.height
        pos = " ".join([f"{num(x)},{num(height - top)}" for x, top in curve.points])
        body = (f'id={quoted_svg_id(curve.id)}, class={quoted_role(curve.role)}, '
                f'pos="{pos}", color="{curve.color}", penwidth={num(curve.width)}')
        if curve.style:
            body += f", style={curve.style}"
        if curve.tooltip:
            body += f', tooltip="{attr_text(curve.tooltip)}"'
        self.out.append(f"  {quote_id(ends[0])} -- {quote_id(ends[1])} [{body}];")

    def dot(self, dot: Dot) -> None:
        body = (f"{self.common(dot.id, dot.role, dot.x, dot.y, 2 * dot.r, 2 * dot.r)}"
                f', shape=circle, style=filled, fillcolor="{dot.fill}", color="{dot.stroke}", '
                f"penwidth={num(dot.stroke_width)}")
        if dot.tooltip:
            body += f', tooltip="{attr_text(dot.tooltip)}"'
        self.node(dot.id, body)

    def items(self) -> Iterator[None]:
        """Write each shape's statements in drawing order, yielding after each."""
        p = self.picture
        steps: list[tuple[Callable[[Any], None], Sequence[Any]]] = [
            (self.box, p.boxes), (self.curve, p.curves), (self.dot, p.dots),
            (self.text, p.texts)]
        for write, items in steps:
            for item in items:
                write(item)
                yield None

    def chunks(self, dpi: int | None, size: int, items: Iterable[None]) -> Iterator[str]:
        """A graph of the statements ``items`` writes, in pieces of about ``size``
        statements."""
        p = self.picture
        extra = f', dpi="{dpi}"' if dpi else ""
        self.out += [
            "graph journey {",
            f'  graph [bb="0,0,{num(p.width)},{num(p.height)}", pad="0", '
            f'bgcolor="{p.background}", fontname="{p.font}", splines="true"{extra}];',
            f'  node [fixedsize="true", label="", fontname="{p.font}", fontsize="10"];',
            '  edge [dir="none", arrowhead="none"];',
        ]
        for _ in items:
            if len(self.out) >= size:
                yield "\n".join(self.out) + "\n"
                self.out = []
        self.out.append("}")
        last, self.out = "\n".join(self.out) + "\n", []
        yield last


def dot_chunks(picture: Picture, dpi: int | None = None, size: int = 400,
               html: bool = True) -> Iterator[str]:
    """:func:`to_dot` in pieces, so Graphviz can parse while the rest is written."""
    writer = _Writer(picture, html)
    return writer.chunks(dpi, size, writer.items())


def to_dot(picture: Picture, dpi: int | None = None, html: bool = True) -> str:
    """DOT text drawing ``picture``; the same picture always gives the same text.

    ``dpi`` is only for PNG output: pixels per inch of the bitmap. ``html=False`` sets
    text as plain labels, one node per line, for Graphviz builds without HTML-like
    labels (the embedded WebAssembly one); bold and italic then use the Helvetica
    PostScript names, which SVG viewers show in their sans-serif.
    """
    writer = _Writer(picture, html)
    return "".join(writer.chunks(dpi, 1 << 30, writer.items()))
