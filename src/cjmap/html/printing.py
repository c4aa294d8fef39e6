"""Printed pages of the drawing: landscape, a group of whole stages per page, the lane
names repeated on every page (docs/share.md, "Printing").

A page does not draw the map again: it shows two windows onto the drawing already in
the document (SVG ``<use>``), one on the lane-name column and one on its stages, so it
adds little to the file.
"""

from __future__ import annotations

from collections.abc import Mapping

from cjmap.html.markup import esc
from cjmap.render.dot import num
from cjmap.render.geometry import GAP, LABEL_W, MARGIN
from cjmap.render.scene import Picture

# About the width of a landscape A4 page at a readable size, in picture points.
PAGE_WIDTH = 1150.0


def _stage_groups(picture: Picture,
                  names: Mapping[str, str]) -> list[tuple[float, float, list[str]]]:
    """(left, right, stage names) of consecutive stages that fit on one page together."""
    stages = sorted((b for b in picture.boxes if b.role == "stage"), key=lambda b: b.x)
    groups: list[tuple[float, float, list[str]]] = []
    for box in stages:
        left, right = box.x - GAP / 2, box.x + box.w + GAP / 2
        name = names.get(box.id.removeprefix("stage:"), box.id)
        if groups and right - groups[-1][0] <= PAGE_WIDTH:
            groups[-1] = (groups[-1][0], right, [*groups[-1][2], name])
        else:
            groups.append((left, right, [name]))
    return groups


def print_pages(picture: Picture, prefix: str, names: Mapping[str, str]) -> str:
    """The print pages of one view whose drawing has ids starting with ``prefix``;
    ``names`` are the stages' names by id."""
    stages = [b for b in picture.boxes if b.role == "stage"]
    if not stages:
        return ""
    top = min(b.y for b in stages) - GAP / 2
    height = picture.height - top
    label_w = MARGIN + LABEL_W + GAP / 2
    pages = []
    groups = _stage_groups(picture, names)
    for n, (left, right, group) in enumerate(groups, start=1):
        width = right - left
        use = f'<use href="#{esc(prefix)}graph0"/>'
        pages.append(
            f'<figure class="print-page"><svg viewBox="0 0 {num(label_w + width)} '
            f'{num(height)}" role="img" aria-label="{esc(", ".join(group))}">'
            f'<svg width="{num(label_w)}" height="{num(height)}" '
            f'viewBox="0 {num(top)} {num(label_w)} {num(height)}">{use}</svg>'
            f'<svg x="{num(label_w)}" width="{num(width)}" height="{num(height)}" '
            f'viewBox="{num(left)} {num(top)} {num(width)} {num(height)}">{use}</svg></svg>'
            f"<figcaption>{esc(picture.title)} — {esc(', '.join(group))} "
            f"(page {n} of {len(groups)})</figcaption></figure>")
    return "".join(pages)
