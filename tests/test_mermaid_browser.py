"""Exported journeys drawn by Mermaid itself (its browser bundle, `make mermaid-js`) in
headless Chromium: every name a reader sees in the drawing is the map's name, character
for character, hostile names included (entity codes decoded by Mermaid and the browser)."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from cjmap.interop import mermaid
from cjmap.model import JourneyMap
from helpers import EXAMPLE_MAPS, ROOT, journey_at
from test_mermaid_export import _hostile_map
from test_render_browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MERMAID_JS = next(iter(sorted((ROOT / "build" / "node").glob(
    "mermaid-*/package/dist/mermaid.min.js"))), None)


def _drawn_texts(diagrams: list[str], folder: Path) -> list[list[str]]:
    """The texts of the <text> elements of each diagram's SVG, as the browser shows them."""
    if MERMAID_JS is None:
        pytest.fail("Mermaid's browser bundle is needed: run `make mermaid-js` (make test does)")
    blocks = "".join(f'<pre class="mermaid">{html.escape(d)}</pre>' for d in diagrams)
    page = folder / "page.html"
    page.write_text(f'<!doctype html><meta charset="utf-8"><script src="{MERMAID_JS.as_uri()}">'
                    f"</script>{blocks}<script>mermaid.initialize({{startOnLoad: true}});"
                    "</script>", encoding="utf-8")
    done = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                           "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=True)
    svgs = done.stdout.split("<svg")[1:]
    assert len(svgs) >= len(diagrams), done.stdout[-2000:]
    return [[html.unescape(re.sub(r"<[^>]+>", "", text))
             for text in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]
            for svg in svgs[:len(diagrams)]]


def _expected(journey: JourneyMap) -> list[str]:
    # Mermaid draws the actors' legend (sorted as JavaScript sorts: by UTF-16 code units),
    # then each section and its tasks, then the title.
    actors = sorted({p.name.strip() for p in journey.personas},
                    key=lambda name: name.encode("utf-16-be"))
    drawn = list(actors)
    for stage in journey.stages:
        drawn.append(stage.name)
        drawn.extend(tp.name for tp in stage.touchpoints)
    return [*drawn, journey.title]


def test_mermaid_draws_every_name_as_the_map_has_it(tmp_path: Path) -> None:
    hostile = _hostile_map()
    hotel = journey_at(next(p for p in EXAMPLE_MAPS if p.name == "hotel-stay.cjmap.yaml"))
    texts = _drawn_texts([mermaid.write(j).files[""].decode() for j in (hostile, hotel)],
                         tmp_path)
    assert texts[0] == _expected(hostile)
    assert texts[1] == _expected(hotel)
