"""Drawing journey maps: layout (pure) -> DOT (pure) -> Graphviz (``graphviz.py``).

``render_map`` is the one entry point the command uses; tests call the pieces.
"""

from __future__ import annotations

import re

from cjmap.model import JourneyMap
from cjmap.render.dot import to_dot
from cjmap.render.graphviz import Graphviz
from cjmap.render.layout import Picture, RenderOptions, layout

FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")
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


def finish_svg(svg: bytes, title: str, description: str) -> bytes:
    """Give the SVG a document <title> and <desc> (screen readers, file browsers)."""
    match = _SVG_OPEN.search(svg)
    if match is None:
        return svg
    head = match.group(0)[:-1] + b' role="img" aria-labelledby="cjmap-title cjmap-desc">'
    meta = (f'\n<title id="cjmap-title">{_xml(title)}</title>\n'
            f'<desc id="cjmap-desc">{_xml(description)}</desc>').encode()
    return svg[: match.start()] + head + meta + svg[match.end():]


def render_picture(picture: Picture, output_format: str, graphviz: Graphviz | None) -> bytes:
    """Bytes of ``picture`` in ``output_format``; Graphviz is needed for all but dot."""
    dot_text = to_dot(picture)
    if output_format == "dot":
        return dot_text.encode("utf-8")
    if graphviz is None:
        raise ValueError("a Graphviz is needed for " + output_format)
    dpi = png_dpi(picture) if output_format == "png" else None
    data = graphviz.run(dot_text, output_format, dpi=dpi)
    if output_format == "svg":
        data = finish_svg(data, picture.title, picture.description)
    return data


def render_map(journey: JourneyMap, options: RenderOptions, output_format: str,
               graphviz: Graphviz | None) -> bytes:
    return render_picture(layout(journey, options), output_format, graphviz)


__all__ = ["FORMATS", "RenderOptions", "finish_svg", "layout", "render_map", "render_picture",
           "to_dot"]
