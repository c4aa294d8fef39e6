"""Print-ready pages (issue 12 item 3): `cjmap render MAP -o map.pdf --page a4|a3|letter`.

Paper sizes come from ISO 216 (A4 297 x 210 mm, A3 420 x 297 mm) and US Letter
(11 x 8.5 in), landscape, in points (72 per inch, 25.4 mm per inch).
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from pathlib import Path

import pytest
from bench.generate import generate_map
from pypdf import PdfReader

from cjmap.commands import Streams
from cjmap.commands.render import render
from cjmap.errors import UsageError
from cjmap.load import load_bytes
from cjmap.model import JourneyMap
from cjmap.render.context import build_context
from cjmap.render.options import RenderOptions
from cjmap.render.pages import PAGE_MARGIN, columns_per_page, page_pictures, plan
from helpers import ROOT

needs_tools = pytest.mark.skipif(
    shutil.which("dot") is None or shutil.which("pdftoppm") is None,
    reason="needs Graphviz and poppler-utils (make graphviz poppler)")

MM = 72 / 25.4
A3 = (420 * MM, 297 * MM)
A4 = (297 * MM, 210 * MM)
LETTER = (11 * 72.0, 8.5 * 72.0)
CARD_ROLES = ("touchpoint", "thought", "pain", "opportunity", "stage")


def test_columns_per_page_by_hand() -> None:
    # Usable width / 0.6 minus margins (2 x 24), labels (150) and band inset (6), over
    # 190 per column. A3: (1190.55 - 36) / 0.6 = 1924.2; - 204 = 1720.2; / 190 = 9.05.
    assert columns_per_page(A3) == 9
    assert columns_per_page(A4) == 5  # (841.89 - 36) / 0.6 - 204 = 1139.2; / 190 = 5.99
    assert columns_per_page(LETTER) == 5  # (792 - 36) / 0.6 - 204 = 1056; / 190 = 5.56


def test_plan_keeps_stages_whole_and_splits_only_a_stage_wider_than_a_page() -> None:
    assert plan([2, 3, 1], 6) == [range(0, 6)]
    assert plan([2, 3, 2], 6) == [range(0, 5), range(5, 7)]  # the third stage moves on
    # a 14-column stage after a 2-column one: fills the first page, goes on for two more
    assert plan([2, 14], 6) == [range(0, 6), range(6, 12), range(12, 16)]
    assert plan([7], 6) == [range(0, 6), range(6, 7)]
    assert plan([1], 6) == [range(0, 1)]


def _journey(touchpoints: int) -> JourneyMap:
    loaded = load_bytes(generate_map(touchpoints).encode(), "generated.cjmap.yaml")
    assert loaded.journey is not None
    return loaded.journey


def test_every_page_holds_whole_cards_inside_the_paper() -> None:
    journey = _journey(60)
    pictures, scale = page_pictures(journey, RenderOptions(), A3)
    usable_w, usable_h = A3[0] - 2 * PAGE_MARGIN, A3[1] - 2 * PAGE_MARGIN
    seen: list[str] = []
    for picture in pictures:
        assert picture.width * scale <= usable_w + 1e-6
        assert picture.height * scale <= usable_h + 1e-6
        for box in picture.boxes:
            assert box.x >= 0 and box.x + box.w <= picture.width, box.id
            assert box.y >= 0 and box.y + box.h <= picture.height, box.id
        seen += [b.id for b in picture.boxes if b.role == "touchpoint"]
        assert {t.id for t in picture.texts} >= {"lane:touchpoints:title", "footer:page"}
    # every touchpoint card is on exactly one page, in map order
    assert seen == [f"tp:{c.touchpoint.id}" for c in build_context(
        journey, RenderOptions()).columns if c.touchpoint]


def _pdftext(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page),
                           str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _gray(path: Path, page: int, dpi: int, out: Path) -> tuple[int, int, bytes]:
    """One page as 8-bit grey pixels (pdftoppm's PGM: a text header, then the bytes)."""
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(path), str(out)], check=True)
    data = out.with_suffix(".pgm").read_bytes()
    magic, width, height, _, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    return int(width), int(height), pixels


@needs_tools
@pytest.mark.slow
def test_a3_pages_of_a_300_touchpoint_map(tmp_path: Path) -> None:
    source = tmp_path / "big.cjmap.yaml"
    source.write_text(generate_map(300), encoding="utf-8")
    target = tmp_path / "big.pdf"
    out = io.StringIO()
    assert render([str(source)], output=target, page="a3", streams=Streams(out, out)) == 0
    reader = PdfReader(target)
    # 8 stages of 37-38 touchpoints, each wider than the 9 columns of an A3 page: every
    # page but the last is full, so ceil(300 / 9) pages.
    assert len(reader.pages) == math.ceil(300 / 9) == 34
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A3[0], abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(A3[1], abs=0.01)
    for number in (1, 17, 34):
        text = _pdftext(target, number)
        assert f"page {number} of 34" in text and "Generated journey 0" in text
        assert "Touchpoints" in text and "Pain points" in text  # lane labels on every page
        width, height, pixels = _gray(target, number, 24, tmp_path / f"p{number}")
        assert (width, height) == (round(A3[0] / 72 * 24), round(A3[1] / 72 * 24))
        margin = int(PAGE_MARGIN / 72 * 24) - 1  # pixels of the paper's blank margin
        for row in range(height):
            line = pixels[row * width:(row + 1) * width]
            # nothing runs off the sides of the paper: the margins stay white
            assert min(line[:margin]) == 255 and min(line[-margin:]) == 255, (number, row)
    # the first and last touchpoints, each once, on the first and last pages
    assert "Touchpoint 1 " in _pdftext(target, 1) + " "
    assert "Touchpoint 300" in _pdftext(target, 34)
    first = _pdftext(target, 1)
    assert "Touchpoint 9" in first and "Touchpoint 10" not in first


@needs_tools
def test_example_on_a4_pages_and_a_single_page_without_page(tmp_path: Path) -> None:
    source = ROOT / "examples" / "online-clothing.cjmap.yaml"
    out = io.StringIO()
    paged, single = tmp_path / "paged.pdf", tmp_path / "single.pdf"
    assert render([str(source)], output=paged, page="a4", streams=Streams(out, out)) == 0
    assert render([str(source)], output=single, streams=Streams(out, out)) == 0
    pages = PdfReader(paged).pages
    assert len(pages) > 1
    assert all(float(p.mediabox.width) == pytest.approx(A4[0], abs=0.01) for p in pages)
    assert len(PdfReader(single).pages) == 1
    again = tmp_path / "again.pdf"
    render([str(source)], output=again, page="A4", streams=Streams(out, out))
    assert again.read_bytes() == paged.read_bytes()  # deterministic


def test_page_needs_a_known_size_and_pdf_output(tmp_path: Path) -> None:
    source = str(ROOT / "examples" / "online-clothing.cjmap.yaml")
    out = io.StringIO()
    with pytest.raises(UsageError, match=r"^--page: unknown page size 'a5'; choose from "
                                         r"a4, a3, letter$"):
        render([source], output=tmp_path / "m.pdf", page="a5", streams=Streams(out, out))
    with pytest.raises(UsageError, match="--page lays out PDF pages, not SVG"):
        render([source], output=tmp_path / "m.svg", page="a4", streams=Streams(out, out))
    assert list(tmp_path.iterdir()) == []
