"""Print pages: a map laid out on landscape pages of whole stages (``--page``).

Each page is its own picture of a run of columns (``layout(..., window=...)``), so
every page has the lane labels and no card is ever cut: a page holds whole stages,
and a stage too wide for one page is split between touchpoints. Every page is drawn
to PDF by Graphviz at its natural size, then scaled onto the paper (the same scale
on every page, so text is the same size throughout) and joined with pypdf. A footer
on each page gives the map title and "page n of N".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cjmap.errors import UsageError
from cjmap.model import JourneyMap
from cjmap.render.context import build_context
from cjmap.render.dot import dot_chunks
from cjmap.render.geometry import BAND_INSET, COL_W, GAP, LABEL_W, MARGIN
from cjmap.render.layout import layout
from cjmap.render.options import RenderOptions
from cjmap.render.scene import Line, Picture, Text
from cjmap.render.text import wrap

if TYPE_CHECKING:
    from cjmap.render.graphviz import Engine

# Landscape paper sizes in points (1/72 inch): ISO 216 A4 and A3, US Letter.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "a4": (841.89, 595.28),
    "a3": (1190.55, 841.89),
    "letter": (792.0, 612.0),
}
PAGE_MARGIN = 18.0  # a quarter inch of paper around the picture
FOOTER_BAND = 16.0  # points of paper under the picture for the footer
FOOTER_SIZE = 8.0  # footer text size on paper
# Pages hold as many columns as fit at this scale (body text 10 pt -> 6 pt on paper).
MIN_SCALE = 0.6


def page_size(name: str) -> tuple[float, float]:
    try:
        return PAGE_SIZES[name.strip().lower()]
    except KeyError:
        raise UsageError(f"unknown page size {name!r}; choose from "
                         f"{', '.join(PAGE_SIZES)}") from None


def columns_per_page(paper: tuple[float, float]) -> int:
    """How many columns fit across the paper at MIN_SCALE (at least one)."""
    usable = (paper[0] - 2 * PAGE_MARGIN) / MIN_SCALE
    return max(1, int((usable - 2 * MARGIN - LABEL_W - BAND_INSET) // (COL_W + GAP)))


def plan(stage_widths: Sequence[int], per_page: int) -> list[range]:
    """Columns of each page: whole stages while they fit; a stage wider than a page
    fills the page it starts on and goes on over the next ones."""
    pages: list[range] = []
    start = end = 0  # the page being filled holds columns start..end-1
    for width in stage_widths:
        if end - start + width <= per_page:
            end += width
            continue
        if width <= per_page:
            pages.append(range(start, end))
            start, end = end, end + width
            continue
        stage_end = end + width
        while stage_end - start > per_page:
            pages.append(range(start, start + per_page))
            start += per_page
        end = stage_end
    if end > start:
        pages.append(range(start, end))
    return [p for p in pages if len(p)]


def _footer(picture: Picture, scale: float, title: str, number: int, total: int) -> Picture:
    """The picture with a band at the bottom: the map title left, "page n of N" right."""
    band = FOOTER_BAND / scale
    size = max(1, round(FOOTER_SIZE / scale))
    color = "#52606d"
    y = picture.height + (band - size * 1.3) / 2 - MARGIN / 2
    half = (picture.width - 2 * MARGIN) / 2
    name = wrap(title, half, size, max_lines=1)
    texts = (
        Text("footer:title", "footer", MARGIN, y, half,
             tuple(Line(t, size, color, size * 1.3) for t in name)),
        Text("footer:page", "footer", MARGIN + half, y, half,
             (Line(f"page {number} of {total}", size, color, size * 1.3),), "right"),
    )
    canvas = picture.boxes[0]
    height = picture.height + band - MARGIN / 2
    boxes = (canvas._replace(h=height), *picture.boxes[1:])
    return picture._replace(height=height, boxes=boxes,
                            texts=(*picture.texts, *texts))


def page_pictures(journey: JourneyMap, options: RenderOptions,
                  paper: tuple[float, float]) -> tuple[list[Picture], float]:
    """The picture of each page, footer included, and the scale they are printed at."""
    context = build_context(journey, options)
    widths = [len(context.stage_columns(s)) for s in journey.stages]
    windows = plan([w for w in widths if w], columns_per_page(paper))
    pictures = [layout(journey, options, window) for window in windows]
    usable_w = paper[0] - 2 * PAGE_MARGIN
    usable_h = paper[1] - 2 * PAGE_MARGIN - FOOTER_BAND
    scale = min([1.0] + [min(usable_w / p.width, usable_h / p.height) for p in pictures])
    total = len(pictures)
    return [_footer(p, scale, p.title, n, total) for n, p in enumerate(pictures, 1)], scale


def join(pdfs: Sequence[bytes], paper: tuple[float, float], scale: float) -> bytes:
    """One PDF of paper-sized pages, each PDF's first page scaled and placed on one."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    writer = PdfWriter()
    for data in pdfs:
        source = PdfReader(io.BytesIO(data)).pages[0]
        width, height = float(source.mediabox.width), float(source.mediabox.height)
        page = PageObject.create_blank_page(width=paper[0], height=paper[1])
        x = (paper[0] - width * scale) / 2
        y = paper[1] - PAGE_MARGIN - height * scale  # top of the paper
        page.merge_transformed_page(source, Transformation().scale(scale, scale)
                                    .translate(x, y))
        writer.add_page(page)
    writer.add_metadata({"/Producer": "cjmap"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_pages(journey: JourneyMap, options: RenderOptions, page: str,
                 graphviz: Engine) -> bytes:
    """A PDF of ``journey`` on landscape ``page`` paper (``a4``, ``a3``, ``letter``)."""
    paper = page_size(page)
    pictures, scale = page_pictures(journey, options, paper)
    pdfs = []
    for picture in pictures:
        job = graphviz.start("pdf")
        try:
            pdfs.append(job.finish(dot_chunks(picture, html=job.html_labels)))
        finally:
            job.cancel()
    return join(pdfs, paper, scale)


__all__ = ["PAGE_SIZES", "columns_per_page", "page_pictures", "page_size", "plan",
           "render_pages"]
