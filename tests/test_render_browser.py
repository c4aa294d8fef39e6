"""Open each example's SVG in headless Chromium and look at the screenshot.

The SVG is shown scaled to a fixed width on a magenta page, so the picture's extent is
known; the checks are that it is not blank (many colours, real variance) and not clipped
(its own white margin is intact on every side, and drawn content comes close to it).
PNG pixels are decoded with zlib and struct only.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from cjmap.commands import Streams
from cjmap.errors import ExitCode
from cjmap.render.geometry import MARGIN
from cjmap.render.layout import layout
from helpers import EXAMPLE_MAPS, journey_at

pytestmark = pytest.mark.browser

SHOWN_WIDTH = 1200  # CSS pixels the picture is scaled to
PAGE = (255, 0, 255)
WHITE = (255, 255, 255)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed (`make chromium` installs it where "
                "possible); the SVGs were not opened in a browser")


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """(width, height, rows of raw pixel bytes, bytes per pixel) of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, [], b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows, bpp


def pixel(rows: list[bytes], bpp: int, x: int, y: int) -> tuple[int, int, int]:
    r, g, b = rows[y][x * bpp:x * bpp + 3]
    return r, g, b


def screenshot(tmp_path: Path, svg: Path, shown_height: int) -> Path:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><body style='margin:0;background:#ff00ff'>"
        f"<img src='{svg.as_uri()}' style='display:block;width:{SHOWN_WIDTH}px'>"
        "</body></html>", encoding="utf-8")
    shot = tmp_path / "shot.png"
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--hide-scrollbars",
               f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
               f"--window-size={SHOWN_WIDTH + 40},{shown_height + 40}", page.as_uri()]
    done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    if not shot.exists():
        pytest.skip(f"Chromium could not take a screenshot here: "
                    f"{done.stderr.decode(errors='replace')[-300:]}")
    return shot


@pytest.mark.parametrize("example", EXAMPLE_MAPS, ids=lambda p: p.name)
def test_example_svg_in_chromium_is_neither_blank_nor_clipped(example: Path,
                                                              tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (make graphviz)")
    chromium()
    from cjmap.commands.render import render

    svg = tmp_path / "map.svg"
    code = render([str(example)], output=svg, streams=Streams(io.StringIO(), io.StringIO()))
    assert code == ExitCode.OK
    picture = layout(journey_at(example))  # with its library, as render drew it
    scale = SHOWN_WIDTH / (picture.width * 4 / 3)  # points -> CSS pixels -> shown
    shown_height = round(picture.height * 4 / 3 * scale)
    width, height, rows, bpp = decode_png(screenshot(tmp_path, svg, shown_height).read_bytes())
    assert width >= SHOWN_WIDTH and height >= shown_height, (width, height)

    # The picture occupies the top-left SHOWN_WIDTH x shown_height; magenta beyond it.
    assert pixel(rows, bpp, SHOWN_WIDTH + 10, 5) == PAGE
    assert pixel(rows, bpp, 5, shown_height + 10) == PAGE
    inside_w, inside_h = SHOWN_WIDTH - 1, shown_height - 1

    # Not blank: plenty of colours and real variance in brightness.
    colours = set()
    total = total_sq = count = 0
    for y in range(0, inside_h, 3):
        for x in range(0, inside_w, 3):
            r, g, b = pixel(rows, bpp, x, y)
            colours.add((r, g, b))
            lum = (r * 299 + g * 587 + b * 114) // 1000
            total += lum
            total_sq += lum * lum
            count += 1
    variance = total_sq / count - (total / count) ** 2
    assert len(colours) > 50 and variance > 100, (len(colours), variance)

    # Not clipped: the margin (24 pt) is background on all four sides ...
    margin = MARGIN * 4 / 3 * scale
    edge = max(1, int(margin * 0.6))
    for y in list(range(1, edge)) + list(range(inside_h - edge, inside_h)):
        assert all(pixel(rows, bpp, x, y) == WHITE for x in range(1, inside_w, 2)), y
    for x in list(range(1, edge)) + list(range(inside_w - edge, inside_w)):
        assert all(pixel(rows, bpp, x, y) == WHITE for y in range(1, inside_h, 2)), x
    # ... and content reaches close to it: the last lane ends near the bottom margin,
    # the bands end near the right margin, the title starts near the left/top margin.
    reach = int(margin * 2.5) + 2

    def has_content(xs: range, ys: range) -> bool:
        return any(pixel(rows, bpp, x, y) != WHITE for x in xs for y in ys)

    assert has_content(range(1, inside_w, 2), range(inside_h - reach, inside_h - edge))
    assert has_content(range(inside_w - reach, inside_w - edge), range(1, inside_h, 2))
    assert has_content(range(edge, reach), range(1, inside_h, 2))
    assert has_content(range(1, inside_w, 2), range(edge, reach))
