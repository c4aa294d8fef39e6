"""Drawing journey maps: layout (pure) -> DOT (pure) -> Graphviz (``graphviz.py``).

``render_map`` is the one entry point the command uses; tests call the pieces.
"""

from __future__ import annotations

import re

from cjmap.model import JourneyMap
from cjmap.render.dot import TEXT_CLASS, dot_chunks, num, svg_id, to_dot
from cjmap.render.graphviz import EmbeddedJob, Engine, Job
from cjmap.render.layout import layout
from cjmap.render.options import RenderOptions
from cjmap.render.scene import Picture

# Every output format and the file suffixes that choose it (the first is the one
# written by default). Adding a format is one line here (and its drawing in `draw`).
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "svg": (".svg",),
    "png": (".png",),
    "pdf": (".pdf",),
    "dot": (".dot", ".gv"),
    # The interactive page of docs/share.md: drawn by cjmap.html around the SVG, not by draw.
    "html": (".html", ".htm"),
}
FORMATS: tuple[str, ...] = tuple(FORMAT_SUFFIXES)
SUFFIXES: dict[str, str] = {
    suffix: name for name, suffixes in FORMAT_SUFFIXES.items() for suffix in suffixes}


def format_of_suffix(suffix: str) -> str | None:
    """The format a file suffix (``".SVG"``, ``".gv"``) asks for; None if none does."""
    return SUFFIXES.get(suffix.lower())


def known_suffixes() -> str:
    """``.svg (svg), .png (png), ...`` for messages."""
    return ", ".join(f"{suffix} ({name})" for suffix, name in SUFFIXES.items())

PNG_DPI = 144
# Cairo cannot make images wider or taller than 32767 pixels.
PNG_MAX_PIXELS = 32000


def png_dpi(picture: Picture) -> int:
    """144 dpi (sharp on high-density screens) unless that would exceed Cairo's limit."""
    longest = max(picture.width, picture.height)
    return max(18, min(PNG_DPI, int(PNG_MAX_PIXELS * 72 / longest)))


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")
_GRAPH_TITLE = re.compile(rb'(<g id="graph0" class="graph"[^>]*>\n)<title>[^<]*</title>')
# An element's opening up to its first content: its title, then either the link around a
# card (with the tooltip as xlink:title) or the first text, where Graphviz set it.
_ITEM = re.compile(
    rb'<g id="([^"]*)" class="(node|edge)([^"]*)">\n<title>[^<]*</title>\n'
    rb'(?:(<g id="a_[^"]*"><a (?:xlink:href="[^"]*" )?xlink:title="([^"]*)")'
    rb'|(<text text-anchor=)"start" x="[^"]*")?')
_TEXT_CLASS = TEXT_CLASS.encode()
_TEXT_NODE = b" " + _TEXT_CLASS


def _item(match: re.Match[bytes], anchors: dict[bytes, bytes]) -> bytes:
    """Graphviz titles each element with its node name, which browsers show on hover.

    Cards get their tooltip as title instead (or none); text lets the pointer through
    to the card beneath, so hovering a card's text shows the card's tooltip, and
    one-line centred or right-aligned text is anchored at its middle or end
    (``anchors``, from :func:`_anchors`).
    """
    element_id, kind, classes, link, tooltip, text_open = match.groups()
    head = b'<g id="' + element_id + b'" class="' + kind + classes + b'"'
    # The first text's opening as Graphviz wrote it (matched to be anchored, kept as is).
    text = b"" if text_open is None else match.group(0)[match.start(6) - match.start():]
    if _TEXT_CLASS in classes.split():
        head += b' pointer-events="none">\n'
        anchor = anchors.get(element_id) if text_open is not None and kind == b"node" \
            and classes.startswith(_TEXT_NODE) else None
        if anchor is not None:
            return head + text_open + anchor
        return head + (link or text)
    if tooltip:
        return head + b">\n<title>" + tooltip + b"</title>\n" + link
    return head + b">\n" + (link or text)


def _anchors(picture: Picture) -> dict[bytes, bytes]:
    """SVG id -> anchor and x of each centred or right-aligned (one-line) text.

    Graphviz places such text with text-anchor="start" at an x computed from its own
    font's widths; a viewer with a narrower or wider sans-serif would then set it off
    centre. Anchoring it at the middle (or end) keeps it centred with any font.
    """
    out: dict[bytes, bytes] = {}
    for block in picture.texts:
        if block.align == "left" or len(block.lines) != 1:
            continue
        x = block.x + block.w / 2 if block.align == "center" else block.x + block.w
        anchor = "middle" if block.align == "center" else "end"
        key = svg_id(block.id).replace("-", "&#45;").encode()
        out[key] = f'"{anchor}" x="{num(x)}"'.encode()
    return out


def finish_svg(svg: bytes, title: str, description: str,
               picture: Picture | None = None) -> bytes:
    """Give the SVG a document <title> and <desc> (screen readers, file browsers),
    element titles that help a reader rather than name Graphviz nodes, and centred text
    anchored at its centre."""
    return _finish_svg(svg, title, description, _anchors(picture) if picture else {})


def _finish_svg(svg: bytes, title: str, description: str,
                anchors: dict[bytes, bytes]) -> bytes:
    """:func:`finish_svg` with the anchors computed beforehand (while Graphviz draws)."""
    finish = SvgFinish(title, description, anchors)
    finish.feed(svg)
    return finish.close()


class SvgFinish:
    """:func:`finish_svg` as a :class:`~cjmap.render.graphviz.Sink`: the SVG is rewritten
    piece by piece while Graphviz still writes it, on the other core.

    The document's head is rewritten once the ``<svg>`` tag and the graph's title have
    arrived; then each piece is rewritten up to its last ``</g>``: no element's match of
    ``_ITEM`` reaches past a ``</g>`` (it ends within the element's title and first
    child; Graphviz escapes ``<`` in every attribute and text), so rewriting the pieces
    one by one gives the same bytes as rewriting the whole SVG at once.
    """

    __slots__ = ("anchors", "description", "out", "pending", "started", "title")

    def __init__(self, title: str, description: str, anchors: dict[bytes, bytes]) -> None:
        self.title, self.description, self.anchors = title, description, anchors
        self.out: list[bytes] = []
        self.pending = b""
        self.started = False

    def feed(self, data: bytes) -> None:
        self.pending += data
        if not self.started and not self._start(final=False):
            return
        cut = self.pending.rfind(b"</g>\n") + len(b"</g>\n")
        if cut >= len(b"</g>\n"):
            self.out.append(self._items(self.pending[:cut]))
            self.pending = self.pending[cut:]

    def close(self) -> bytes:
        if not self.started and not self._start(final=True):
            return self.pending  # no <svg> at all: left as it is
        self.out.append(self._items(self.pending))
        self.pending = b""
        return b"".join(self.out)

    def _start(self, final: bool) -> bool:
        """Rewrite the head once it is all there (``final``: whatever there is)."""
        svg = self.pending
        match = _SVG_OPEN.search(svg)
        if match is None:
            return False
        body = svg[match.end():]
        titled = _GRAPH_TITLE.search(body)
        if titled is None and not final:
            return False
        head = match.group(0)[:-1] + b' role="img" aria-labelledby="cjmap-title cjmap-desc">'
        meta = (f'\n<title id="cjmap-title">{_xml(self.title)}</title>\n'
                f'<desc id="cjmap-desc">{_xml(self.description)}</desc>').encode()
        self.out.append(svg[: match.start()] + head + meta)
        if titled is not None:
            body = (body[: titled.start()] + titled.group(1)
                    + f"<title>{_xml(self.title)}</title>".encode() + body[titled.end():])
        self.pending = body
        self.started = True
        return True

    def _items(self, body: bytes) -> bytes:
        anchors = self.anchors
        return _ITEM.sub(lambda m: _item(m, anchors), body)


def svg_finish(picture: Picture) -> SvgFinish:
    """:func:`finish_svg` of ``picture``'s SVG, fed piece by piece (a Graphviz job's sink)."""
    return SvgFinish(picture.title, picture.description, _anchors(picture))


def draw(picture: Picture, output_format: str, job: Job | EmbeddedJob | None) -> bytes:
    """Bytes of ``picture`` in ``output_format``, drawn by a started Graphviz ``job``
    (``dot`` needs none: ``job`` may be None)."""
    if output_format == "dot":
        if job is not None:
            job.cancel()
        return to_dot(picture).encode("utf-8")
    if job is None:
        raise ValueError(f"a Graphviz is needed to write {output_format}")
    dpi = png_dpi(picture) if output_format == "png" else None
    # The SVG is finished as Graphviz writes it, its anchors computed before that.
    sink = svg_finish(picture) if output_format == "svg" else None
    return job.finish(dot_chunks(picture, dpi, html=job.html_labels), sink)


def render_map(journey: JourneyMap, options: RenderOptions, output_format: str,
               graphviz: Engine | None) -> bytes:
    """Lay out ``journey`` and draw it (one call; the command overlaps the steps)."""
    picture = layout(journey, options)
    job = graphviz.start(output_format) if graphviz and output_format != "dot" else None
    try:
        return draw(picture, output_format, job)
    finally:
        if job is not None:
            job.cancel()


__all__ = ["FORMATS", "FORMAT_SUFFIXES", "SUFFIXES", "RenderOptions", "SvgFinish", "draw",
           "finish_svg", "format_of_suffix", "known_suffixes", "layout", "render_map",
           "svg_finish", "to_dot"]
